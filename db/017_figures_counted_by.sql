-- Whose operations a figure counts, apart from who reported it: DHS publishes ICE's removals (reported by
-- dhs, counted by ice), and DHS-wide totals (ICE's and CBP's together) are counted by dhs. The analyses
-- compare and chain only figures of the same counting agency. Null where no one has said whose count it is.
alter table figures add column counted_by text references entities (id);

-- Why a figure has its rank where the rule does not give it (the agency's own exact, final figure is
-- preferred): a curator's reason, shown with the rank.
alter table figures add column rank_note text check (length(rank_note) between 1 and 500);

-- The figures list filters and facets on it, in its default order.
create index figures_counted_by on figures (counted_by, ifnull(period_end, ''), id);

