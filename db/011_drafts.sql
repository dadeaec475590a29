-- Drafts: the records a pass over a source's text proposes, kept until a curator accepts or rejects each.

-- A source's full text, where the API has it: what a draft reads when no text is sent, and what a
-- citation's offsets count in. The bundled sources' texts (db/corpus) load at start.
create table source_texts (
    source_id  text primary key references sources (id) on delete cascade,
    text       text not null check (length(text) between 1 and 1000000)
) strict;

create table drafts (
    id          text primary key check (length(id) between 1 and 100 and id not glob '*[^a-z0-9-]*'),
    source_id   text not null references sources (id) on delete cascade,
    text        text not null check (length(text) between 1 and 1000000),
    words       integer not null check (words >= 0),
    created_at  text not null,
    created_by  text not null
) strict;

create index drafts_created on drafts (created_at, id);
create index drafts_source on drafts (source_id, created_at, id);

-- One proposal of a draft, numbered from 1 in the order of the text. `item` is the proposal as the API
-- serves it (the record's write body, its excerpt and offsets, confidence and notes).
create table draft_items (
    draft_id    text not null references drafts (id) on delete cascade,
    n           integer not null check (n >= 1),
    kind        text not null check (kind in ('figure', 'statement', 'entity')),
    item        text not null check (json_valid(item)),
    state       text not null default 'proposed' check (state in ('proposed', 'accepted', 'rejected')),
    record_id   text,
    decided_at  text,
    decided_by  text,
    check ((state = 'accepted') = (record_id is not null)),
    check ((state = 'proposed') = (decided_at is null)),
    primary key (draft_id, n)
) strict, without rowid;
