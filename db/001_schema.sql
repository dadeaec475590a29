-- The records and the sources that support them.
-- Dates are ISO 8601 text (YYYY-MM-DD); a date with month or year precision is stored as the
-- first day of that month or year. Ids are readable slugs: lowercase letters, digits and dashes.

create table metrics (
    id          text primary key check (length(id) between 1 and 100 and id not glob '*[^a-z0-9_]*'),
    label       text not null check (length(label) between 1 and 200),
    definition  text not null check (length(definition) between 1 and 2000),
    unit        text not null check (unit in ('people', 'people_per_day', 'people_per_month', 'people_per_year'))
) strict;

create table sources (
    id            text primary key check (length(id) between 1 and 100 and id not glob '*[^a-z0-9-]*'),
    kind          text not null check (kind in ('news_article', 'government_release', 'official_statement',
                                                'court_filing', 'dataset', 'report', 'broadcast', 'social_post')),
    title         text not null check (length(title) between 1 and 500),
    publisher     text check (length(publisher) between 1 and 200),
    url           text check (length(url) between 1 and 2000 and (url like 'http://%' or url like 'https://%')),
    author        text check (length(author) between 1 and 200),
    published_on  text check (date(published_on) is published_on),
    retrieved_at  text check (retrieved_at is null or (retrieved_at glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*'
                                                 and datetime(retrieved_at) is not null)),
    language      text not null check (length(language) between 2 and 35)
) strict;

create index sources_kind on sources (kind, id);
create index sources_published_on on sources (ifnull(published_on, ''), id);
create index sources_title on sources (title, id);

create table entities (
    id          text primary key check (length(id) between 1 and 100 and id not glob '*[^a-z0-9-]*'),
    kind        text not null check (kind in ('person', 'organization')),
    name        text not null check (length(name) between 1 and 200),
    short_name  text check (length(short_name) between 1 and 50),
    summary     text not null check (length(summary) between 1 and 2000),
    parent_id   text references entities (id),
    check (parent_id is null or kind = 'organization'),
    check (parent_id is null or parent_id <> id)
) strict;

create index entities_kind on entities (kind, name, id);
create index entities_parent on entities (parent_id, name, id);
create index entities_name on entities (name, id);

-- Only an organization can contain another organization.
create trigger entities_parent_is_organization_on_insert
before insert on entities
when new.parent_id is not null and (select kind from entities where id = new.parent_id) is not 'organization'
begin
    select raise(abort, 'an entity''s parent must be an organization');
end;

create trigger entities_parent_is_organization_on_update
before update of parent_id on entities
when new.parent_id is not null and (select kind from entities where id = new.parent_id) is not 'organization'
begin
    select raise(abort, 'an entity''s parent must be an organization');
end;

-- A position a person held: what a statement's speaker was when they spoke.
create table entity_roles (
    id               integer primary key,
    entity_id        text not null references entities (id) on delete cascade,
    title            text not null check (length(title) between 1 and 200),
    organization_id  text references entities (id),
    started_on       text check (date(started_on) is started_on),
    ended_on         text check (date(ended_on) is ended_on),
    check (ended_on is null or started_on is null or ended_on >= started_on)
) strict;

create index entity_roles_entity on entity_roles (entity_id, id);
create index entity_roles_organization on entity_roles (organization_id);

create table events (
    id              text primary key check (length(id) between 1 and 100 and id not glob '*[^a-z0-9-]*'),
    kind            text not null check (kind in ('leadership_change', 'policy_change', 'enforcement_operation',
                                                  'arrest', 'legal_action', 'announcement', 'other')),
    title           text not null check (length(title) between 1 and 300),
    summary         text not null check (length(summary) between 1 and 5000),
    occurred_on     text check (date(occurred_on) is occurred_on),
    date_precision  text not null check (date_precision in ('day', 'month', 'year', 'unknown')),
    check ((occurred_on is null) = (date_precision = 'unknown')),
    check (date_precision <> 'month' or substr(occurred_on, 9) = '01'),
    check (date_precision <> 'year' or substr(occurred_on, 6) = '01-01')
) strict;

create index events_kind on events (kind, ifnull(occurred_on, ''), id);
create index events_occurred_on on events (ifnull(occurred_on, ''), id);

create table event_participants (
    event_id   text not null references events (id) on delete cascade,
    entity_id  text not null references entities (id),
    role       text not null check (role in ('subject', 'announcer', 'initiator', 'agency', 'affected', 'target')),
    primary key (event_id, entity_id, role)
) strict, without rowid;

create index event_participants_entity on event_participants (entity_id, event_id);

create table figures (
    id               text primary key check (length(id) between 1 and 100 and id not glob '*[^a-z0-9-]*'),
    metric           text not null references metrics (id),
    kind             text not null check (kind in ('actual', 'target', 'estimate', 'projection')),
    value            real not null check (value >= 0),
    value_qualifier  text not null check (value_qualifier in ('exact', 'approximately', 'at_least', 'more_than',
                                                                'less_than', 'up_to')),
    unit             text not null check (unit in ('people', 'people_per_day', 'people_per_month', 'people_per_year')),
    period_start     text check (date(period_start) is period_start),
    period_end       text check (date(period_end) is period_end),
    period_label     text check (length(period_label) between 1 and 200),
    scope            text not null check (length(scope) between 1 and 100),
    reported_by      text not null references entities (id),
    stated_as        text check (length(stated_as) between 1 and 200),
    check (period_end >= period_start)
) strict;

create index figures_metric on figures (metric, ifnull(period_end, ''), id);
create index figures_kind on figures (kind, ifnull(period_end, ''), id);
create index figures_reported_by on figures (reported_by, ifnull(period_end, ''), id);
create index figures_period_start on figures (ifnull(period_start, ''), id);
create index figures_period_end on figures (ifnull(period_end, ''), id);
create index figures_value on figures (value, id);

create table statements (
    id               text primary key check (length(id) between 1 and 100 and id not glob '*[^a-z0-9-]*'),
    speaker_id       text not null references entities (id),
    speaker_role_id  integer references entity_roles (id),
    text             text not null check (length(text) between 1 and 10000),
    quote_type       text not null check (quote_type in ('direct', 'paraphrase')),
    said_on          text check (date(said_on) is said_on),
    date_precision   text not null check (date_precision in ('day', 'month', 'year', 'unknown')),
    channel          text not null check (channel in ('press_release', 'statement', 'press_conference', 'interview',
                                                      'social_media', 'testimony', 'court_filing', 'report',
                                                      'broadcast', 'unknown')),
    check ((said_on is null) = (date_precision = 'unknown')),
    check (date_precision <> 'month' or substr(said_on, 9) = '01'),
    check (date_precision <> 'year' or substr(said_on, 6) = '01-01')
) strict;

create index statements_speaker on statements (speaker_id, ifnull(said_on, ''), id);
create index statements_quote_type on statements (quote_type, ifnull(said_on, ''), id);
create index statements_said_on on statements (ifnull(said_on, ''), id);

-- The role a statement names must be one its speaker held.
create trigger statements_role_belongs_to_speaker_on_insert
before insert on statements
when new.speaker_role_id is not null
     and (select entity_id from entity_roles where id = new.speaker_role_id) is not new.speaker_id
begin
    select raise(abort, 'a statement''s speaker role must belong to its speaker');
end;

create trigger statements_role_belongs_to_speaker_on_update
before update of speaker_id, speaker_role_id on statements
when new.speaker_role_id is not null
     and (select entity_id from entity_roles where id = new.speaker_role_id) is not new.speaker_id
begin
    select raise(abort, 'a statement''s speaker role must belong to its speaker');
end;

-- A citation ties exactly one record to a source by the source's own words. Offsets count Unicode
-- code points from the start of the source text, end exclusive; paragraphs count from 1 after the title.
create table citations (
    id            integer primary key,
    source_id     text not null references sources (id),
    event_id      text references events (id) on delete cascade,
    figure_id     text references figures (id) on delete cascade,
    statement_id  text references statements (id) on delete cascade,
    entity_id     text references entities (id) on delete cascade,
    excerpt       text not null check (length(trim(excerpt)) > 0 and length(excerpt) <= 5000),
    char_start    integer check (char_start >= 0),
    char_end      integer check (char_end > char_start),
    page          integer check (page >= 1),
    paragraph     integer check (paragraph >= 1),
    check ((event_id is not null) + (figure_id is not null) + (statement_id is not null) + (entity_id is not null) = 1),
    check ((char_start is null) = (char_end is null)),
    check (char_end is null or char_end - char_start = length(excerpt))
) strict;

create index citations_event on citations (event_id) where event_id is not null;
create index citations_figure on citations (figure_id) where figure_id is not null;
create index citations_statement on citations (statement_id) where statement_id is not null;
create index citations_entity on citations (entity_id) where entity_id is not null;
create index citations_source on citations (source_id, event_id, figure_id, statement_id, entity_id);
