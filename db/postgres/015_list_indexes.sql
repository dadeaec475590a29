-- PostgreSQL's version of db/015_list_indexes.sql (ifnull is coalesce).
-- Indexes that let every list filter read the records of one value in the list's default order: a figure's
-- breakdown value alone (figures_dimension leads with the dimension), for dimensionValue=MX.
create index figures_dimension_value on figures (dimension_value, coalesce(period_end, ''), id);

select attach_data_version_triggers();
