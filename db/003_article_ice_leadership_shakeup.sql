-- Records reported by the news article "Trump Boots ICE Bosses After Deportation Numbers Fall Short"
-- (db/corpus/article-ice-leadership-shakeup.txt). The article carries no publisher, author, date or
-- address, so those stay null; its events are undated beyond their order, so their dates are unknown.
-- Titles and summaries are our own neutral wording; the article's words appear only in statement
-- text, figure statedAs and citation excerpts, verbatim.

insert into sources (id, kind, title, publisher, url, author, published_on, retrieved_at, language) values
    ('article-ice-leadership-shakeup', 'news_article',
     'Trump Boots ICE Bosses After Deportation Numbers Fall Short', null, null, null, null, null, 'en');

insert into entities (id, kind, name, short_name, summary, parent_id) values
    ('white-house', 'organization', 'White House', null,
     'The office of the President of the United States and the President''s staff.', null),
    ('dhs', 'organization', 'Department of Homeland Security', 'DHS',
     'U.S. federal department responsible for immigration enforcement, border security and related functions.', null),
    ('ice', 'organization', 'Immigration and Customs Enforcement', 'ICE',
     'Agency of the Department of Homeland Security that enforces immigration law in the interior of the United States.', 'dhs'),
    ('hsi', 'organization', 'Homeland Security Investigations', 'HSI',
     'Investigative directorate of ICE.', 'ice'),
    ('opla', 'organization', 'Office of the Principal Legal Advisor', 'OPLA',
     'ICE office that represents the government in immigration court proceedings.', 'ice'),
    ('ice-management-and-administration', 'organization', 'Management and Administration Directorate', null,
     'ICE directorate responsible for management and administrative support.', 'ice'),
    ('donald-trump', 'person', 'Donald Trump', null,
     'President of the United States.', null),
    ('stephen-miller', 'person', 'Stephen Miller', null,
     'White House deputy chief of staff.', null),
    ('tom-homan', 'person', 'Tom Homan', null,
     'Administration official described as the border czar.', null),
    ('kristi-noem', 'person', 'Kristi Noem', null,
     'Secretary of Homeland Security.', null),
    ('ken-genalo', 'person', 'Ken Genalo', null,
     'ICE official who served as acting executive associate director.', null),
    ('robert-hammer', 'person', 'Robert Hammer', null,
     'Long-serving head of Homeland Security Investigations.', null);

-- The article gives no start or end dates for these positions.
insert into entity_roles (id, entity_id, title, organization_id, started_on, ended_on) values
    (1, 'donald-trump', 'President of the United States', null, null, null),
    (2, 'stephen-miller', 'Deputy Chief of Staff', 'white-house', null, null),
    (3, 'tom-homan', 'Border czar', null, null, null),
    (4, 'kristi-noem', 'Secretary of Homeland Security', 'dhs', null, null),
    (5, 'ken-genalo', 'Acting Executive Associate Director', 'ice', null, null),
    (6, 'robert-hammer', 'Chief', 'hsi', null, null);

insert into events (id, kind, title, summary, occurred_on, date_precision) values
    ('ice-leadership-realignment', 'leadership_change',
     'ICE realigns its senior leadership',
     'ICE announced changes to its senior leadership: the retirement of its acting executive associate director, a new role for the head of Homeland Security Investigations, and changes in the Office of the Principal Legal Advisor, the Management and Administration Directorate and several field operations. The source attributes the overhaul to the President''s dissatisfaction with the pace of removals and dates the announcement only as a Thursday.',
     null, 'unknown'),
    ('ken-genalo-retirement', 'leadership_change',
     'Retirement of ICE acting executive associate director Ken Genalo announced',
     'As part of the leadership realignment, ICE announced that Ken Genalo, its acting executive associate director, is retiring.',
     null, 'unknown'),
    ('robert-hammer-reassignment', 'leadership_change',
     'Robert Hammer moved from Homeland Security Investigations to a new role',
     'As part of the leadership realignment, Robert Hammer, a long-serving head of Homeland Security Investigations, is moved into a new role that the source does not name.',
     null, 'unknown'),
    ('arrest-of-person-who-threatened-the-president', 'arrest',
     'ICE arrests a noncitizen who allegedly threatened the President',
     'ICE arrested a noncitizen who allegedly threatened in a letter to assassinate the President. The Secretary of Homeland Security confirmed the arrest a few days before the ICE leadership realignment.',
     null, 'unknown');

insert into event_participants (event_id, entity_id, role) values
    ('ice-leadership-realignment', 'ice', 'announcer'),
    ('ice-leadership-realignment', 'donald-trump', 'initiator'),
    ('ice-leadership-realignment', 'hsi', 'affected'),
    ('ice-leadership-realignment', 'opla', 'affected'),
    ('ice-leadership-realignment', 'ice-management-and-administration', 'affected'),
    ('ken-genalo-retirement', 'ken-genalo', 'subject'),
    ('ken-genalo-retirement', 'ice', 'announcer'),
    ('robert-hammer-reassignment', 'robert-hammer', 'subject'),
    ('robert-hammer-reassignment', 'hsi', 'affected'),
    ('robert-hammer-reassignment', 'ice', 'announcer'),
    ('arrest-of-person-who-threatened-the-president', 'ice', 'agency'),
    ('arrest-of-person-who-threatened-the-president', 'kristi-noem', 'announcer'),
    ('arrest-of-person-who-threatened-the-president', 'donald-trump', 'target');

-- The first 100 days of the administration that began on 2025-01-20 end on 2025-04-29 (inclusive).
insert into figures (id, metric, kind, value, value_qualifier, unit, period_start, period_end, period_label,
                     scope, reported_by, stated_as) values
    ('dhs-arrests-first-100-days', 'arrests', 'actual', 158000, 'more_than', 'people', '2025-01-20', '2025-04-29',
     'first 100 days of the administration', 'US', 'dhs', 'arrested'),
    ('dhs-removals-first-100-days', 'removals', 'actual', 65600, 'exact', 'people', '2025-01-20', '2025-04-29',
     'first 100 days of the administration', 'US', 'dhs', 'deported'),
    ('removals-daily-target', 'removals', 'target', 3000, 'exact', 'people_per_day', null, null,
     'daily', 'US', 'stephen-miller', 'deportations');

insert into statements (id, speaker_id, speaker_role_id, text, quote_type, said_on, date_precision, channel) values
    ('ice-statement-on-organizational-realignments', 'ice', null,
     'Organizational realignments will help ICE achieve President Trump and the American people’s mandate of arresting and deporting criminal illegal aliens and making American communities safe',
     'direct', null, 'unknown', 'statement'),
    ('ice-announces-genalo-retirement', 'ice', null,
     'announcing the retirement of Acting Executive Associate Director Ken Genalo',
     'paraphrase', null, 'unknown', 'unknown'),
    ('dhs-reports-first-100-days-figures', 'dhs', null,
     'over 158,000 illegal aliens had been arrested and 65,600 deported within the first 100 days',
     'paraphrase', null, 'unknown', 'unknown'),
    ('stephen-miller-on-daily-goal', 'stephen-miller', 2,
     'the administration’s daily goal is 3,000 deportations',
     'paraphrase', null, 'unknown', 'unknown'),
    ('tom-homan-on-agents', 'tom-homan', 3,
     'there are men and women out there enforcing the law and making this country safe again',
     'direct', null, 'unknown', 'unknown'),
    ('kristi-noem-confirms-arrest', 'kristi-noem', 4,
     'ICE arrested an illegal alien who threatened to assassinate Trump in a chilling letter',
     'paraphrase', null, 'unknown', 'unknown');

-- Citations of the entities.
insert into citations (source_id, entity_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'donald-trump', 'President Donald Trump', 61, 83, 1);
insert into citations (source_id, entity_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'stephen-miller', 'White House deputy chief of staff Stephen Miller', 1345, 1393, 6);
insert into citations (source_id, entity_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'tom-homan', 'border czar Tom Homan', 1553, 1574, 7);
insert into citations (source_id, entity_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'kristi-noem', 'DHS Secretary Kristi Noem', 1838, 1863, 8);
insert into citations (source_id, entity_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'ken-genalo', 'Acting Executive Associate Director Ken Genalo', 419, 465, 2);
insert into citations (source_id, entity_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'robert-hammer', 'Robert Hammer, a longtime Homeland Security Investigations chief', 479, 543, 2);
insert into citations (source_id, entity_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'white-house', 'White House deputy chief of staff', 1345, 1378, 6);
insert into citations (source_id, entity_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'dhs', 'the Department of Homeland Security reported', 1146, 1190, 5);
insert into citations (source_id, entity_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'ice', 'Immigration and Customs Enforcement (ICE)', 103, 144, 1);
insert into citations (source_id, entity_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'hsi', 'a longtime Homeland Security Investigations chief', 494, 543, 2);
insert into citations (source_id, entity_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'opla', 'the Office of the Principal Legal Advisor', 616, 657, 2);
insert into citations (source_id, entity_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'ice-management-and-administration', 'the Management and Administration Directorate', 659, 704, 2);

-- Citations of the events.
insert into citations (source_id, event_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'ice-leadership-realignment', 'Trump is overhauling ICE’s top leadership', 246, 287, 1);
insert into citations (source_id, event_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'ice-leadership-realignment', 'ICE confirmed the changes Thursday', 354, 388, 2);
insert into citations (source_id, event_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'ice-leadership-realignment', 'Other sweeping changes are hitting the Office of the Principal Legal Advisor, the Management and Administration Directorate, and multiple field operations.', 581, 736, 2);
insert into citations (source_id, event_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'ken-genalo-retirement', 'ICE confirmed the changes Thursday, announcing the retirement of Acting Executive Associate Director Ken Genalo.', 354, 466, 2);
insert into citations (source_id, event_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'robert-hammer-reassignment', 'Also out is Robert Hammer, a longtime Homeland Security Investigations chief, who is being moved into a new role.', 467, 580, 2);
insert into citations (source_id, event_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'arrest-of-person-who-threatened-the-president', 'DHS Secretary Kristi Noem confirmed that ICE arrested an illegal alien who threatened to assassinate Trump in a chilling letter.', 1838, 1966, 8);

-- Citations of the figures.
insert into citations (source_id, figure_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'dhs-arrests-first-100-days', 'the Department of Homeland Security reported that over 158,000 illegal aliens had been arrested and 65,600 deported within the first 100 days', 1146, 1287, 5);
insert into citations (source_id, figure_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'dhs-removals-first-100-days', 'the Department of Homeland Security reported that over 158,000 illegal aliens had been arrested and 65,600 deported within the first 100 days', 1146, 1287, 5);
insert into citations (source_id, figure_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'removals-daily-target', 'White House deputy chief of staff Stephen Miller said the administration’s daily goal is 3,000 deportations.', 1345, 1453, 6);

-- Citations of the statements.
insert into citations (source_id, statement_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'ice-statement-on-organizational-realignments', '“Organizational realignments will help ICE achieve President Trump and the American people’s mandate of arresting and deporting criminal illegal aliens and making American communities safe,” ICE said in a statement.', 817, 1032, 4);
insert into citations (source_id, statement_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'ice-announces-genalo-retirement', 'ICE confirmed the changes Thursday, announcing the retirement of Acting Executive Associate Director Ken Genalo.', 354, 466, 2);
insert into citations (source_id, statement_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'dhs-reports-first-100-days-figures', 'the Department of Homeland Security reported that over 158,000 illegal aliens had been arrested and 65,600 deported within the first 100 days', 1146, 1287, 5);
insert into citations (source_id, statement_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'stephen-miller-on-daily-goal', 'White House deputy chief of staff Stephen Miller said the administration’s daily goal is 3,000 deportations.', 1345, 1453, 6);
insert into citations (source_id, statement_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'tom-homan-on-agents', 'While Trump loyalists like border czar Tom Homan defended the agents’ work, saying, “there are men and women out there enforcing the law and making this country safe again,”', 1526, 1699, 7);
insert into citations (source_id, statement_id, excerpt, char_start, char_end, paragraph) values
    ('article-ice-leadership-shakeup', 'kristi-noem-confirms-arrest', 'DHS Secretary Kristi Noem confirmed that ICE arrested an illegal alien who threatened to assassinate Trump in a chilling letter.', 1838, 1966, 8);
