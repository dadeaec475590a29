-- Record types as rows of a table that the records' bookkeeping refers to, instead of lists written into
-- CHECK constraints and a column per type: a new kind of record is then one migration that creates its
-- table, adds its row to record_types, and adds its own triggers (search, citations), without rebuilding or
-- editing the tables here.

create table record_types (
    id  text primary key check (length(id) between 1 and 50 and id not glob '*[^a-z_]*')
) strict;

insert into record_types (id) values ('source'), ('entity'), ('event'), ('figure'), ('statement');

-- revisions, deleted_records, history_checked and search_documents: the list in each CHECK becomes a
-- reference to record_types. A constraint cannot be altered; as in 013, the table's definition is edited in
-- sqlite_schema (https://sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes"). Every
-- stored row names one of the five types, so every row satisfies the reference; nothing is rewritten.
pragma writable_schema = on;

update sqlite_schema set sql = replace(sql,
    'record_type  text not null check ((record_type = ''source'' or record_type = ''entity'' or record_type = ''event'' or record_type = ''figure'' or record_type = ''statement''))',
    'record_type  text not null references record_types (id)')
where type = 'table' and name = 'revisions';

update sqlite_schema set sql = replace(sql,
    'record_type  text not null check (record_type in (''source'', ''entity'', ''event'', ''figure'', ''statement''))',
    'record_type  text not null references record_types (id)')
where type = 'table' and name = 'deleted_records';

update sqlite_schema set sql = replace(sql,
    'record_type text primary key check (record_type in (''source'', ''entity'', ''event'', ''figure'', ''statement''))',
    'record_type text primary key references record_types (id)')
where type = 'table' and name = 'history_checked';

update sqlite_schema set sql = replace(sql,
    'type        text not null check ((type = ''source'' or type = ''entity'' or type = ''event'' or type = ''figure'' or type = ''statement''))',
    'type        text not null references record_types (id)')
where type = 'table' and name = 'search_documents';

pragma writable_schema = reset;
create table schema_cookie_moved (x);
drop table schema_cookie_moved;

-- Citations name the record they support by type and id, as revisions do, instead of a column per type
-- with exactly one set. The cascade that the per-type foreign keys gave (a deleted record takes its
-- citations with it) and the check that the record exists are triggers of each record type, made below for
-- these five and by the migration of any new one. The rows are copied as they are, ids included, so the
-- order of a record's citations stays the order they were recorded in.
create temp table citations_moved as
select id, source_id,
       case when entity_id is not null then 'entity' when event_id is not null then 'event'
            when figure_id is not null then 'figure' else 'statement' end as record_type,
       coalesce(entity_id, event_id, figure_id, statement_id) as record_id,
       excerpt, char_start, char_end, page, paragraph
from citations;

drop view search_entries;
drop table citations;

create table citations (
    id           integer primary key,
    source_id    text not null references sources (id),
    record_type  text not null references record_types (id),
    record_id    text not null,
    excerpt      text not null check (length(trim(excerpt)) > 0 and length(excerpt) <= 5000),
    char_start   integer check (char_start >= 0),
    char_end     integer check (char_end > char_start),
    page         integer check (page >= 1),
    paragraph    integer check (paragraph >= 1),
    check ((char_start is null) = (char_end is null)),
    check (char_end is null or char_end - char_start = length(excerpt))
) strict;

insert into citations (id, source_id, record_type, record_id, excerpt, char_start, char_end, page, paragraph)
select id, source_id, record_type, record_id, excerpt, char_start, char_end, page, paragraph
from temp.citations_moved
order by id;

drop table temp.citations_moved;

create index citations_record on citations (record_type, record_id);
create index citations_source on citations (source_id, record_type, record_id);

-- The search entry of the record a citation supports holds its excerpts.
create trigger citations_search_insert after insert on citations
begin insert into search_refresh values (new.record_type, new.record_id); end;
create trigger citations_search_update after update on citations
begin
    insert into search_refresh values (old.record_type, old.record_id);
    insert into search_refresh select new.record_type, new.record_id
    where new.record_type is not old.record_type or new.record_id is not old.record_id;
end;
create trigger citations_search_delete after delete on citations
begin insert into search_refresh values (old.record_type, old.record_id); end;

-- Each type's own: a citation supports a record that exists, and goes when the record goes.
create trigger citations_of_entity before insert on citations
when new.record_type = 'entity' and not exists (select 1 from entities where id = new.record_id)
begin select raise(abort, 'FOREIGN KEY constraint failed: no entity has the id of this citation''s record'); end;
create trigger citations_of_entity_on_update before update of record_type, record_id on citations
when new.record_type = 'entity' and not exists (select 1 from entities where id = new.record_id)
begin select raise(abort, 'FOREIGN KEY constraint failed: no entity has the id of this citation''s record'); end;
create trigger entities_citations_delete after delete on entities
begin delete from citations where record_type = 'entity' and record_id = old.id; end;

create trigger citations_of_event before insert on citations
when new.record_type = 'event' and not exists (select 1 from events where id = new.record_id)
begin select raise(abort, 'FOREIGN KEY constraint failed: no event has the id of this citation''s record'); end;
create trigger citations_of_event_on_update before update of record_type, record_id on citations
when new.record_type = 'event' and not exists (select 1 from events where id = new.record_id)
begin select raise(abort, 'FOREIGN KEY constraint failed: no event has the id of this citation''s record'); end;
create trigger events_citations_delete after delete on events
begin delete from citations where record_type = 'event' and record_id = old.id; end;

create trigger citations_of_figure before insert on citations
when new.record_type = 'figure' and not exists (select 1 from figures where id = new.record_id)
begin select raise(abort, 'FOREIGN KEY constraint failed: no figure has the id of this citation''s record'); end;
create trigger citations_of_figure_on_update before update of record_type, record_id on citations
when new.record_type = 'figure' and not exists (select 1 from figures where id = new.record_id)
begin select raise(abort, 'FOREIGN KEY constraint failed: no figure has the id of this citation''s record'); end;
create trigger figures_citations_delete after delete on figures
begin delete from citations where record_type = 'figure' and record_id = old.id; end;

create trigger citations_of_statement before insert on citations
when new.record_type = 'statement' and not exists (select 1 from statements where id = new.record_id)
begin select raise(abort, 'FOREIGN KEY constraint failed: no statement has the id of this citation''s record'); end;
create trigger citations_of_statement_on_update before update of record_type, record_id on citations
when new.record_type = 'statement' and not exists (select 1 from statements where id = new.record_id)
begin select raise(abort, 'FOREIGN KEY constraint failed: no statement has the id of this citation''s record'); end;
create trigger statements_citations_delete after delete on statements
begin delete from citations where record_type = 'statement' and record_id = old.id; end;

-- A source is not a record that citations support (citations quote it): a citation of a source is refused.
create trigger citations_of_source before insert on citations
when new.record_type = 'source'
begin select raise(abort, 'A citation supports an entity, event, figure or statement, not a source'); end;
create trigger citations_of_source_on_update before update of record_type on citations
when new.record_type = 'source'
begin select raise(abort, 'A citation supports an entity, event, figure or statement, not a source'); end;

-- The search view as in 004, reading the excerpts of a record by its type and id.
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
       ifnull((select group_concat(c.excerpt, ' … ') from citations c where c.record_type = 'entity' and c.record_id = e.id), '')
from entities e
union all
select 'event', v.id, v.title, v.occurred_on, v.occurred_on,
       v.title,
       v.summary,
       ifnull((select group_concat(c.excerpt, ' … ') from citations c where c.record_type = 'event' and c.record_id = v.id), '')
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
       ifnull((select group_concat(c.excerpt, ' … ') from citations c where c.record_type = 'figure' and c.record_id = f.id), '')
from figures f
join metrics m on m.id = f.metric
join entities r on r.id = f.reported_by
union all
select 'statement', s.id,
       sp.name || ': “' || case when length(s.text) > 100 then substr(s.text, 1, 100) || '…' else s.text end || '”',
       s.said_on, s.said_on,
       concat_ws(' ', sp.name, sp.short_name),
       s.text,
       ifnull((select group_concat(c.excerpt, ' … ') from citations c where c.record_type = 'statement' and c.record_id = s.id), '')
from statements s
join entities sp on sp.id = s.speaker_id;
