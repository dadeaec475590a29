-- Which of several reported values to prefer, as Wikidata ranks conflicting statements: a curator marks
-- one `preferred` (or an erroneous one `deprecated`) without deleting the others.
alter table figures add column rank text not null default 'normal' check (rank in ('preferred', 'normal', 'deprecated'));

-- The figures list filters and facets on rank.
create index figures_rank on figures (rank, ifnull(period_end, ''), id);
