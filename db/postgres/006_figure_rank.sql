-- PostgreSQL's version of db/006_figure_rank.sql (a text column is `collate "C"`; ifnull is coalesce).
-- Which of several reported values to prefer, as Wikidata ranks conflicting statements: a curator marks
-- one `preferred` (or an erroneous one `deprecated`) without deleting the others.
alter table figures add column rank text collate "C" not null default 'normal' check (rank in ('preferred', 'normal', 'deprecated'));

-- The figures list filters and facets on rank.
create index figures_rank on figures (rank, coalesce(period_end, ''), id);

select attach_data_version_triggers();
