-- Nothing to do on SQLite: its full-text index (the FTS5 table search_text) and the triggers that keep it in step
-- with the records came with 004 and 014. This version is PostgreSQL's (db/postgres/019_postgres_search.sql: a
-- tsvector over search_documents and the same triggers); both engines count the same versions.
select 1;
