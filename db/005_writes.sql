-- Curated writes: API keys, a revision for every change (which is also the change feed), tombstones
-- of deleted records, and remembered answers to POSTs with an Idempotency-Key.

-- Keys are shown once, when created, and stored only as a SHA-256 hash of their secret part. The
-- public prefix finds the row; the hash is compared in constant time.
create table api_keys (
    id            integer primary key,
    name          text not null unique check (length(name) between 1 and 100 and name not glob '*[^A-Za-z0-9._-]*'),
    scope         text not null check (scope in ('write', 'admin')),
    prefix        text not null unique check (length(prefix) = 12),
    secret_hash   blob not null check (length(secret_hash) = 32),
    created_at    text not null,
    last_used_at  text,
    revoked_at    text
) strict;

-- Every change to a record, in commit order: `id` is the change feed's position. `record` is the
-- record as the API served it after the change (for a deletion, as it was when deleted).
create table revisions (
    id           integer primary key autoincrement,
    record_type  text not null check (record_type in ('source', 'entity', 'event', 'figure', 'statement')),
    record_id    text not null,
    revision     integer not null check (revision >= 1),
    change       text not null check (change in ('created', 'updated', 'deleted')),
    record       text not null check (json_valid(record)),
    key_name     text not null,
    changed_at   text not null,
    unique (record_type, record_id, revision)
) strict;

-- A deleted record leaves its table (and so every list, facet and search) but not its id: it stays
-- taken, GET answers 410 Gone, and the revisions keep its history.
create table deleted_records (
    record_type  text not null check (record_type in ('source', 'entity', 'event', 'figure', 'statement')),
    record_id    text not null,
    deleted_at   text not null,
    primary key (record_type, record_id)
) strict, without rowid;

-- The answer to a POST with an Idempotency-Key, replayed for a repeat of the same request.
create table idempotency_keys (
    key_name        text not null,
    idempotency_key text not null check (length(idempotency_key) between 1 and 255),
    request_hash    blob not null,
    status          integer not null,
    location        text,
    body            blob not null,
    revision        integer not null,
    created_at      text not null,
    primary key (key_name, idempotency_key)
) strict, without rowid;

-- The revision a record is at: it goes into the record's ETag, so every write changes it.
alter table sources add column revision integer not null default 1;
alter table entities add column revision integer not null default 1;
alter table events add column revision integer not null default 1;
alter table figures add column revision integer not null default 1;
alter table statements add column revision integer not null default 1;
