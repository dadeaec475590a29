-- How far the start-up check for records without history has looked, per type: records up to max_rowid
-- all have a revision. Records come without one only from migrations, the benchmark's generator or SQL
-- written by hand; a start backfills those added since the mark and moves it, instead of checking every
-- record each time (seconds on a large database).
create table history_checked (
    record_type text primary key check (record_type in ('source', 'entity', 'event', 'figure', 'statement')),
    max_rowid   integer not null check (max_rowid >= 0)
) strict;
