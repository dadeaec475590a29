-- PostgreSQL's version of db/017_figures_counted_by.sql: the columns are `collate "C"`, the index reads coalesce
-- for ifnull; the changes to the metrics are db/017's, copied unchanged.
-- Whose operations a figure counts, apart from who reported it: DHS publishes ICE's removals (reported by
-- dhs, counted by ice), and DHS-wide totals (ICE's and CBP's together) are counted by dhs. The analyses
-- compare and chain only figures of the same counting agency. Null where no one has said whose count it is.
alter table figures add column counted_by text collate "C" references entities (id);

-- Why a figure has its rank where the rule does not give it (the agency's own exact, final figure is
-- preferred): a curator's reason, shown with the rank.
alter table figures add column rank_note text collate "C" check (length(rank_note) between 1 and 500);

-- The figures list filters and facets on it, in its default order.
create index figures_counted_by on figures (counted_by, coalesce(period_end, ''), id);

-- One number, one metric: each definition says where a count belongs, so that a number an agency published
-- once is filed under one metric whatever a source calls it (a figure's statedAs keeps the source's word).
update metrics set definition =
    'Arrests on civil immigration charges by ICE Enforcement and Removal Operations, as the agency counts them: people taken into custody in the community and people taken over from jails and prisons. '
    || 'Rule: a number that is ERO''s count of administrative arrests for its period is filed here, rounded or exact, whatever a source calls it ("arrests", "arrested"), and so is its average per day; '
    || 'never under arrests or combined_arrests.'
where id = 'administrative_arrests';

update metrics set definition =
    'People taken into custody by an immigration enforcement agency, as a source counts them, when the number is not the agency''s count of ERO administrative arrests (administrative_arrests) nor a count of every program together (combined_arrests): '
    || 'the daily and period counts of 2025, counts for part of a year, counts by area of responsibility, and counts others made from the agency''s records (TRAC''s). '
    || 'Rule: a number that is ERO''s administrative arrest count for its period belongs to administrative_arrests, never here.'
where id = 'arrests';

insert into metrics (id, label, unit, definition) values
    ('combined_arrests', 'Arrests of every program combined', 'people',
     'An agency''s arrests of all its programs counted together, as DHS''s end-of-year statistics gave ICE''s for FY2015 and FY2016 ("ICE arrested 114,434 individuals, compared to 125,211 in FY 2015"): '
     || 'more than ERO''s administrative arrests of the same year (110,104 in FY2016), so a different count. Rule: a count that adds other arrests to ERO''s administrative ones is filed here, never under administrative_arrests or arrests.');

update metrics set definition =
    'Compulsory and confirmed movements of noncitizens out of the United States under an order of removal. Officials and news reports often call them deportations. '
    || 'ICE''s yearly removals up to FY2016 include returns: DHS''s end-of-year statistics call the same numbers "removed or returned" (FY2015''s 235,413 is 227,038 removals under an order and 8,375 returns). '
    || 'Rule: a count of removals and returns that the agency published as its removals is filed here, with its own word in statedAs; returns alone are returns.'
where id = 'removals';

update metrics set definition =
    'People held in immigration detention at one time: a count on one day, or a month''s count as a source gives it without the day. '
    || 'Rule: a daily average over a period is average_daily_population and a count of admissions is book_ins, never here.'
where id = 'detained_population';

update metrics set definition =
    'Initial admissions of people into immigration detention, over a period or as a rate per day. '
    || 'Rule: a count of admissions is filed here even where a source words it as arrests (statedAs keeps its word), never under detained_population.'
where id = 'book_ins';

select attach_data_version_triggers();
