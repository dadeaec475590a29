-- Imports run as jobs: a request answers 202 at once, and the job's resource shows how far it has come and how
-- it ended. The file waits in a spool folder until its turn; one import runs at a time.
create table import_jobs (
    id               text primary key check (length(id) between 1 and 100 and id not glob '*[^a-z0-9-]*'),
    state            text not null check (state in ('queued', 'running', 'succeeded', 'failed')),
    dry_run          integer not null check (dry_run in (0, 1)),
    bytes            integer not null check (bytes >= 0),
    created_by       text not null,
    created_at       text not null,
    started_at       text,
    finished_at      text,
    records_read     integer not null default 0,
    records_written  integer not null default 0,
    result           text check (result is null or json_valid(result)),
    problem          text check (problem is null or json_valid(problem))
) strict;

create index import_jobs_state on import_jobs (state, created_at);
