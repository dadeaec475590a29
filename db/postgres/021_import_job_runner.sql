-- PostgreSQL's version of db/021_import_job_runner.sql: the same column, in byte order as every text column here.
alter table import_jobs add column runner text collate "C";
