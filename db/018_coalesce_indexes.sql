-- The list queries say coalesce(x, '') where they said ifnull(x, ''): the one spelling SQLite and PostgreSQL share.
-- SQLite uses an index on an expression only for the same expression, so the indexes on ifnull(...) are made
-- again on coalesce(...), under the same names and with the same columns.
drop index sources_published_on;
create index sources_published_on on sources (coalesce(published_on, ''), id);
drop index events_kind;
create index events_kind on events (kind, coalesce(occurred_on, ''), id);
drop index events_occurred_on;
create index events_occurred_on on events (coalesce(occurred_on, ''), id);
drop index figures_metric;
create index figures_metric on figures (metric, coalesce(period_end, ''), id);
drop index figures_kind;
create index figures_kind on figures (kind, coalesce(period_end, ''), id);
drop index figures_reported_by;
create index figures_reported_by on figures (reported_by, coalesce(period_end, ''), id);
drop index figures_period_start;
create index figures_period_start on figures (coalesce(period_start, ''), id);
drop index figures_period_end;
create index figures_period_end on figures (coalesce(period_end, ''), id);
drop index statements_speaker;
create index statements_speaker on statements (speaker_id, coalesce(said_on, ''), id);
drop index statements_quote_type;
create index statements_quote_type on statements (quote_type, coalesce(said_on, ''), id);
drop index statements_said_on;
create index statements_said_on on statements (coalesce(said_on, ''), id);
drop index search_documents_date_end;
create index search_documents_date_end on search_documents (coalesce(date_end, ''));
drop index search_documents_date_start;
create index search_documents_date_start on search_documents (coalesce(date_start, ''));
drop index figures_rank;
create index figures_rank on figures (rank, coalesce(period_end, ''), id);
drop index figures_dimension;
create index figures_dimension on figures (dimension, dimension_value, coalesce(period_end, ''), id);
drop index figures_dimension_value;
create index figures_dimension_value on figures (dimension_value, coalesce(period_end, ''), id);
drop index figures_counted_by;
create index figures_counted_by on figures (counted_by, coalesce(period_end, ''), id);
