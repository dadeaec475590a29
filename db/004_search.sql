-- Full-text search over every record, kept in step with the records by triggers, so whatever path
-- changes a record (a migration, a write, an import) changes its index entry in the same transaction.
--
-- search_entries says, for each record, what is searched (title, body, excerpts) and how a hit is
-- shown (label, dates). search_documents holds one row per indexed record, and the FTS5 table
-- `search_text` indexes its text under the same rowid. A change to a record queues (type, id) in
-- search_refresh, whose trigger rebuilds that one record's entry from search_entries.

create view search_entries (type, record_id, label, date_start, date_end, title, body, excerpts) as
select 'source', s.id, s.title, s.published_on, s.published_on,
       s.title,
       concat_ws(' ', s.publisher, s.author),
       ''
from sources s
union all
select 'entity', e.id, e.name, null, null,
       concat_ws(' ', e.name, e.short_name),
       e.summary,
       ifnull((select group_concat(c.excerpt, ' … ') from citations c where c.entity_id = e.id), '')
from entities e
union all
select 'event', v.id, v.title, v.occurred_on, v.occurred_on,
       v.title,
       v.summary,
       ifnull((select group_concat(c.excerpt, ' … ') from citations c where c.event_id = v.id), '')
from events v
union all
select 'figure', f.id,
       m.label || ', '
         || case f.value_qualifier
                when 'approximately' then 'about '
                when 'at_least' then 'at least '
                when 'more_than' then 'more than '
                when 'less_than' then 'less than '
                when 'up_to' then 'up to '
                else ''
            end
         || case when f.value = cast(f.value as integer) then printf('%,d', cast(f.value as integer)) else printf('%.2f', f.value) end
         || case f.unit
                when 'people_per_day' then ' a day'
                when 'people_per_month' then ' a month'
                when 'people_per_year' then ' a year'
                else ''
            end
         || ifnull(' (' || f.period_label || ')', ''),
       f.period_start, f.period_end,
       concat_ws(' ', m.label, replace(f.metric, '_', ' ')),
       concat_ws(' ', f.stated_as, f.period_label, r.name, r.short_name),
       ifnull((select group_concat(c.excerpt, ' … ') from citations c where c.figure_id = f.id), '')
from figures f
join metrics m on m.id = f.metric
join entities r on r.id = f.reported_by
union all
select 'statement', s.id,
       sp.name || ': “' || case when length(s.text) > 100 then substr(s.text, 1, 100) || '…' else s.text end || '”',
       s.said_on, s.said_on,
       concat_ws(' ', sp.name, sp.short_name),
       s.text,
       ifnull((select group_concat(c.excerpt, ' … ') from citations c where c.statement_id = s.id), '')
from statements s
join entities sp on sp.id = s.speaker_id;

create table search_documents (
    id          integer primary key,
    type        text not null check (type in ('source', 'entity', 'event', 'figure', 'statement')),
    record_id   text not null,
    label       text not null,
    date_start  text,
    date_end    text,
    title       text not null,
    body        text not null,
    excerpts    text not null,
    unique (type, record_id)
) strict;

create index search_documents_date_end on search_documents (ifnull(date_end, ''));
create index search_documents_date_start on search_documents (ifnull(date_start, ''));

-- Porter stemming over unicode61: "deportation" finds "deported"; case and diacritics are folded.
-- The text lives once, in search_documents; the index reads it from there (external content).
create virtual table search_text using fts5 (
    title, body, excerpts,
    content = 'search_documents', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3'
);

create table search_refresh (
    type       text not null,
    record_id  text not null
) strict;

-- An external-content index forgets a row only when told the text it indexed, so the old text is
-- handed to it before the document row goes.
create trigger search_refresh_apply after insert on search_refresh
begin
    insert into search_text (search_text, rowid, title, body, excerpts)
        select 'delete', id, title, body, excerpts
        from search_documents where type = new.type and record_id = new.record_id;
    delete from search_documents where type = new.type and record_id = new.record_id;
    insert into search_documents (type, record_id, label, date_start, date_end, title, body, excerpts)
        select type, record_id, label, date_start, date_end, title, body, excerpts
        from search_entries where type = new.type and record_id = new.record_id;
    insert into search_text (rowid, title, body, excerpts)
        select id, title, body, excerpts
        from search_documents where type = new.type and record_id = new.record_id;
    delete from search_refresh where rowid = new.rowid;
end;

-- Records: their own entries.
create trigger sources_search_insert after insert on sources
begin insert into search_refresh values ('source', new.id); end;
create trigger sources_search_update after update on sources
begin
    insert into search_refresh values ('source', old.id);
    insert into search_refresh select 'source', new.id where new.id is not old.id;
end;
create trigger sources_search_delete after delete on sources
begin insert into search_refresh values ('source', old.id); end;

create trigger entities_search_insert after insert on entities
begin insert into search_refresh values ('entity', new.id); end;
create trigger entities_search_update after update on entities
begin
    insert into search_refresh values ('entity', old.id);
    insert into search_refresh select 'entity', new.id where new.id is not old.id;
    -- A statement is found by its speaker's name, a figure by its reporter's.
    insert into search_refresh select 'statement', id from statements where speaker_id = new.id;
    insert into search_refresh select 'figure', id from figures where reported_by = new.id;
end;
create trigger entities_search_delete after delete on entities
begin insert into search_refresh values ('entity', old.id); end;

create trigger events_search_insert after insert on events
begin insert into search_refresh values ('event', new.id); end;
create trigger events_search_update after update on events
begin
    insert into search_refresh values ('event', old.id);
    insert into search_refresh select 'event', new.id where new.id is not old.id;
end;
create trigger events_search_delete after delete on events
begin insert into search_refresh values ('event', old.id); end;

create trigger figures_search_insert after insert on figures
begin insert into search_refresh values ('figure', new.id); end;
create trigger figures_search_update after update on figures
begin
    insert into search_refresh values ('figure', old.id);
    insert into search_refresh select 'figure', new.id where new.id is not old.id;
end;
create trigger figures_search_delete after delete on figures
begin insert into search_refresh values ('figure', old.id); end;

create trigger statements_search_insert after insert on statements
begin insert into search_refresh values ('statement', new.id); end;
create trigger statements_search_update after update on statements
begin
    insert into search_refresh values ('statement', old.id);
    insert into search_refresh select 'statement', new.id where new.id is not old.id;
end;
create trigger statements_search_delete after delete on statements
begin insert into search_refresh values ('statement', old.id); end;

create trigger metrics_search_update after update on metrics
begin insert into search_refresh select 'figure', id from figures where metric = new.id; end;

-- Citations: the entry of the record they support (its excerpts).
create trigger citations_search_insert after insert on citations
begin
    insert into search_refresh
        select 'entity', new.entity_id where new.entity_id is not null
        union all select 'event', new.event_id where new.event_id is not null
        union all select 'figure', new.figure_id where new.figure_id is not null
        union all select 'statement', new.statement_id where new.statement_id is not null;
end;
create trigger citations_search_update after update on citations
begin
    insert into search_refresh
        select 'entity', old.entity_id where old.entity_id is not null
        union all select 'event', old.event_id where old.event_id is not null
        union all select 'figure', old.figure_id where old.figure_id is not null
        union all select 'statement', old.statement_id where old.statement_id is not null
        union all select 'entity', new.entity_id where new.entity_id is not null
        union all select 'event', new.event_id where new.event_id is not null
        union all select 'figure', new.figure_id where new.figure_id is not null
        union all select 'statement', new.statement_id where new.statement_id is not null;
end;
create trigger citations_search_delete after delete on citations
begin
    insert into search_refresh
        select 'entity', old.entity_id where old.entity_id is not null
        union all select 'event', old.event_id where old.event_id is not null
        union all select 'figure', old.figure_id where old.figure_id is not null
        union all select 'statement', old.statement_id where old.statement_id is not null;
end;

-- The records that exist already.
insert into search_refresh (type, record_id)
    select type, record_id from search_entries;
