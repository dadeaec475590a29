-- PostgreSQL's version of db/011_drafts.sql.
-- Drafts: the records a pass over a source's text proposes, kept until a curator accepts or rejects each.

-- A source's full text, where the API has it: what a draft reads when no text is sent, and what a
-- citation's offsets count in. The bundled sources' texts (db/corpus) load at start.
create table source_texts (
    source_id  text collate "C" primary key references sources (id) on delete cascade,
    text       text collate "C" not null check (length(text) between 1 and 1000000)
);

create table drafts (
    id          text collate "C" primary key check (length(id) between 1 and 100 and id !~ '[^a-z0-9-]'),
    source_id   text collate "C" not null references sources (id) on delete cascade,
    text        text collate "C" not null check (length(text) between 1 and 1000000),
    words       bigint not null check (words >= 0),
    created_at  text collate "C" not null,
    created_by  text collate "C" not null
);

create index drafts_created on drafts (created_at, id);
create index drafts_source on drafts (source_id, created_at, id);

-- One proposal of a draft, numbered from 1 in the order of the text. `item` is the proposal as the API
-- serves it (the record's write body, its excerpt and offsets, confidence and notes).
create table draft_items (
    draft_id    text collate "C" not null references drafts (id) on delete cascade,
    n           bigint not null check (n >= 1),
    kind        text collate "C" not null check (kind in ('figure', 'statement', 'entity')),
    item        text collate "C" not null check (is_json(item)),
    state       text collate "C" not null default 'proposed' check (state in ('proposed', 'accepted', 'rejected')),
    record_id   text collate "C",
    decided_at  text collate "C",
    decided_by  text collate "C",
    check ((state = 'accepted') = (record_id is not null)),
    check ((state = 'proposed') = (decided_at is null)),
    primary key (draft_id, n)
);

select attach_data_version_triggers();
