-- PostgreSQL's version of db/016_percent_figures.sql.
-- Percentages are figures (issue 28): "91 percent of those removed had criminal convictions" is a figure a
-- fact-checker wants, with the unit `percent` and the value as the source states it (91). Series and
-- discrepancies leave them out unless asked for (unit=percent); pace never takes them (a share has no pace).
--
-- The unit's CHECK is widened: every stored row satisfies the new one, which allows every value the old one did
-- and 'percent' (SQLite edits the definition in sqlite_schema; PostgreSQL replaces the constraint).
alter table figures drop constraint figures_unit_check;
alter table figures add constraint figures_unit_check
    check (unit in ('people', 'people_per_day', 'people_per_month', 'people_per_year', 'percent'));

-- The search view as in 014, with a percentage's label written with its sign ("Arrests, 70% (FY2024)").
drop view search_entries;
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
       coalesce((select string_agg(c.excerpt, ' … ' order by c.id) from citations c where c.record_type = 'entity' and c.record_id = e.id), '')
from entities e
union all
select 'event', v.id, v.title, v.occurred_on, v.occurred_on,
       v.title,
       v.summary,
       coalesce((select string_agg(c.excerpt, ' … ' order by c.id) from citations c where c.record_type = 'event' and c.record_id = v.id), '')
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
         || case when f.value = trunc(f.value)
                 then to_char(trunc(f.value)::numeric, 'FM999,999,999,999,999,999,999,999,990')
                 else printf_2f(f.value) end
         || case f.unit
                when 'people_per_day' then ' a day'
                when 'people_per_month' then ' a month'
                when 'people_per_year' then ' a year'
                when 'percent' then '%'
                else ''
            end
         || coalesce(' (' || f.period_label || ')', ''),
       f.period_start, f.period_end,
       concat_ws(' ', m.label, replace(f.metric, '_', ' ')),
       concat_ws(' ', f.stated_as, f.period_label, r.name, r.short_name),
       coalesce((select string_agg(c.excerpt, ' … ' order by c.id) from citations c where c.record_type = 'figure' and c.record_id = f.id), '')
from figures f
join metrics m on m.id = f.metric
join entities r on r.id = f.reported_by
union all
select 'statement', s.id,
       sp.name || ': “' || case when length(s.text) > 100 then substr(s.text, 1, 100) || '…' else s.text end || '”',
       s.said_on, s.said_on,
       concat_ws(' ', sp.name, sp.short_name),
       s.text,
       coalesce((select string_agg(c.excerpt, ' … ' order by c.id) from citations c where c.record_type = 'statement' and c.record_id = s.id), '')
from statements s
join entities sp on sp.id = s.speaker_id;

select attach_data_version_triggers();
