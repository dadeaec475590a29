-- Which API process queued an import job: its file waits in that process's spool, and only that process runs it.
-- A process that starts fails the jobs of processes that are gone (their transactions never committed), and leaves
-- alone those of processes still running, which may share the database (several API processes on PostgreSQL).
-- Null for jobs queued before this migration.
alter table import_jobs add column runner text;
