-- Pace selects the figures of one metric in one scope, by kind. Scope leads, so that lists filtered by
-- metric keep reading their order from figures_metric.
create index figures_scope on figures (scope, metric, kind);
