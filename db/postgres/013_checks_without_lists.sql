-- PostgreSQL's version of db/013_checks_without_lists.sql: nothing to do.
-- db/013 rewrites SQLite's `x in ('a', 'b', 'c')` CHECK constraints as `x = 'a' or x = 'b' or x = 'c'` by editing
-- sqlite_schema, because SQLite builds a temporary index of the list for every row it checks. Both forms allow
-- exactly the same values, and PostgreSQL checks an `in` list without any such cost, so the constraints made by
-- db/postgres/001 and 005 already mean what SQLite's mean after 013; PostgreSQL has no sqlite_schema to edit.
select 1;

select attach_data_version_triggers();
