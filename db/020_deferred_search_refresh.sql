-- PostgreSQL's version (db/postgres/020) lets an import refresh the full-text entries of what it wrote once, at its
-- end, as SQLite's import already does by taking its search triggers out for its transaction (Bulk/Importer.cs).
-- SQLite needs nothing here.
select 1;
