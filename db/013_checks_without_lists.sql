-- The same rules, cheaper to check. SQLite checks `x in ('a', 'b', 'c')` in a CHECK constraint by building a
-- temporary index of the list for every row it checks (elsewhere it builds one per statement): the two in
-- `revisions` cost each revision about 24 µs, the four in `figures` 8 µs, most of what writing a figure costs.
-- Written as comparisons (`x = 'a' or x = 'b' or x = 'c'`), which allow exactly the same values (and NULL, as
-- before), they cost nothing measurable. Only the tables a write or an import fills record by record change.
--
-- A CHECK constraint cannot be altered, and rebuilding `figures` would delete its citations (the cascade
-- fires on the drop, and foreign keys cannot be turned off inside the migration's transaction). SQLite's
-- documented way to change a constraint without touching the stored rows is to edit the table's definition
-- in sqlite_schema (https://sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes"):
-- every existing row satisfies the new text, because it means what the old one did. `reset` makes this
-- connection read the definitions again; the table made and dropped at the end is a schema change, which moves
-- the schema cookie, so that every other open connection (of this process or another) reads them again too.

pragma writable_schema = on;

update sqlite_schema set sql = replace(sql,
    'kind in (''news_article'', ''government_release'', ''official_statement'',
                                                ''court_filing'', ''dataset'', ''report'', ''broadcast'', ''social_post'')',
    '(kind = ''news_article'' or kind = ''government_release'' or kind = ''official_statement'' or kind = ''court_filing'' or kind = ''dataset'' or kind = ''report'' or kind = ''broadcast'' or kind = ''social_post'')')
where type = 'table' and name = 'sources';

update sqlite_schema set sql = replace(sql,
    'kind in (''person'', ''organization'')',
    '(kind = ''person'' or kind = ''organization'')')
where type = 'table' and name = 'entities';

update sqlite_schema set sql = replace(sql,
    'kind in (''leadership_change'', ''policy_change'', ''enforcement_operation'',
                                                  ''arrest'', ''legal_action'', ''announcement'', ''other'')',
    '(kind = ''leadership_change'' or kind = ''policy_change'' or kind = ''enforcement_operation'' or kind = ''arrest'' or kind = ''legal_action'' or kind = ''announcement'' or kind = ''other'')')
where type = 'table' and name = 'events';

update sqlite_schema set sql = replace(sql,
    'date_precision in (''day'', ''month'', ''year'', ''unknown'')',
    '(date_precision = ''day'' or date_precision = ''month'' or date_precision = ''year'' or date_precision = ''unknown'')')
where type = 'table' and name = 'events';

update sqlite_schema set sql = replace(sql,
    'role in (''subject'', ''announcer'', ''initiator'', ''agency'', ''affected'', ''target'')',
    '(role = ''subject'' or role = ''announcer'' or role = ''initiator'' or role = ''agency'' or role = ''affected'' or role = ''target'')')
where type = 'table' and name = 'event_participants';

update sqlite_schema set sql = replace(sql,
    'kind in (''actual'', ''target'', ''estimate'', ''projection'')',
    '(kind = ''actual'' or kind = ''target'' or kind = ''estimate'' or kind = ''projection'')')
where type = 'table' and name = 'figures';

update sqlite_schema set sql = replace(sql,
    'value_qualifier in (''exact'', ''approximately'', ''at_least'', ''more_than'',
                                                                ''less_than'', ''up_to'')',
    '(value_qualifier = ''exact'' or value_qualifier = ''approximately'' or value_qualifier = ''at_least'' or value_qualifier = ''more_than'' or value_qualifier = ''less_than'' or value_qualifier = ''up_to'')')
where type = 'table' and name = 'figures';

update sqlite_schema set sql = replace(sql,
    'unit in (''people'', ''people_per_day'', ''people_per_month'', ''people_per_year'')',
    '(unit = ''people'' or unit = ''people_per_day'' or unit = ''people_per_month'' or unit = ''people_per_year'')')
where type = 'table' and name = 'figures';

update sqlite_schema set sql = replace(sql,
    'rank in (''preferred'', ''normal'', ''deprecated'')',
    '(rank = ''preferred'' or rank = ''normal'' or rank = ''deprecated'')')
where type = 'table' and name = 'figures';

update sqlite_schema set sql = replace(sql,
    'quote_type in (''direct'', ''paraphrase'')',
    '(quote_type = ''direct'' or quote_type = ''paraphrase'')')
where type = 'table' and name = 'statements';

update sqlite_schema set sql = replace(sql,
    'date_precision in (''day'', ''month'', ''year'', ''unknown'')',
    '(date_precision = ''day'' or date_precision = ''month'' or date_precision = ''year'' or date_precision = ''unknown'')')
where type = 'table' and name = 'statements';

update sqlite_schema set sql = replace(sql,
    'channel in (''press_release'', ''statement'', ''press_conference'', ''interview'',
                                                      ''social_media'', ''testimony'', ''court_filing'', ''report'',
                                                      ''broadcast'', ''unknown'')',
    '(channel = ''press_release'' or channel = ''statement'' or channel = ''press_conference'' or channel = ''interview'' or channel = ''social_media'' or channel = ''testimony'' or channel = ''court_filing'' or channel = ''report'' or channel = ''broadcast'' or channel = ''unknown'')')
where type = 'table' and name = 'statements';

update sqlite_schema set sql = replace(sql,
    'type in (''source'', ''entity'', ''event'', ''figure'', ''statement'')',
    '(type = ''source'' or type = ''entity'' or type = ''event'' or type = ''figure'' or type = ''statement'')')
where type = 'table' and name = 'search_documents';

update sqlite_schema set sql = replace(sql,
    'record_type in (''source'', ''entity'', ''event'', ''figure'', ''statement'')',
    '(record_type = ''source'' or record_type = ''entity'' or record_type = ''event'' or record_type = ''figure'' or record_type = ''statement'')')
where type = 'table' and name = 'revisions';

update sqlite_schema set sql = replace(sql,
    'change in (''created'', ''updated'', ''deleted'')',
    '(change = ''created'' or change = ''updated'' or change = ''deleted'')')
where type = 'table' and name = 'revisions';

pragma writable_schema = reset;
create table schema_cookie_moved (x);
drop table schema_cookie_moved;
