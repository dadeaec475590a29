-- PostgreSQL's version of db/008_history_checked.sql.
-- How far the start-up check for records without history has looked, per type: records up to max_rowid
-- all have a revision. Records come without one only from migrations, the benchmark's generator or SQL
-- written by hand; a start backfills those added since the mark and moves it, instead of checking every
-- record each time (seconds on a large database).
-- (PostgreSQL has no rowid: what max_rowid counts there is the app's to say.)
create table history_checked (
    -- Named: db/postgres/014 makes it a reference to record_types, as db/014 does.
    record_type text collate "C" primary key
                constraint history_checked_record_type_check check (record_type in ('source', 'entity', 'event', 'figure', 'statement')),
    max_rowid   bigint not null check (max_rowid >= 0)
);

select attach_data_version_triggers();
