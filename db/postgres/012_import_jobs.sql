-- PostgreSQL's version of db/012_import_jobs.sql.
-- Imports run as jobs: a request answers 202 at once, and the job's resource shows how far it has come and how
-- it ended. The file waits in a spool folder until its turn; one import runs at a time.
create table import_jobs (
    id               text collate "C" primary key check (length(id) between 1 and 100 and id !~ '[^a-z0-9-]'),
    state            text collate "C" not null check (state in ('queued', 'running', 'succeeded', 'failed')),
    dry_run          bigint not null check (dry_run in (0, 1)),
    bytes            bigint not null check (bytes >= 0),
    created_by       text collate "C" not null,
    created_at       text collate "C" not null,
    started_at       text collate "C",
    finished_at      text collate "C",
    records_read     bigint not null default 0,
    records_written  bigint not null default 0,
    result           text collate "C" check (result is null or is_json(result)),
    problem          text collate "C" check (problem is null or is_json(problem))
);

create index import_jobs_state on import_jobs (state, created_at);

select attach_data_version_triggers();
