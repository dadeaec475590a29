using System.Data.Common;
using System.ComponentModel;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using static EnforcementApi.Figures.Analysis;

namespace EnforcementApi.Figures;

/// <summary><c>GET /api/v1/figures/pace</c>: each actual figure as a pace per day, against each target.</summary>
public static class PaceApi
{
    public static IEndpointRouteBuilder MapPace(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/figures").WithTags("Figures");

        group.MapGet("/pace", Pace).WithName(nameof(Pace))
            .WithSummary("Actual pace against targets")
            .WithDescription($"""
                For one metric: each `actual` figure with a period as a pace per day (value ÷ days, both ends of the
                period counted), each `target` per day (a `people_per_day` target as it is; a number over a period ÷
                its days), and each actual against each target: the ratio, and the shortfall or surplus per day and
                over the actual's period. Deprecated figures are left out. Whole counts are compared, or, with
                `dimension` and `dimensionValue`, one part of a count with targets for the same part. Filters: `scope`,
                `reportedBy` and `countedBy` (of the actuals), `from`/`to` (periods overlapping the range). Percentages are left out: a share has no pace. {Arithmetic} {QualifierRules}
                """);
        return api;
    }

    // Pace reads only what it compares: actuals and targets of the metric (and scope), without the
    // publication date that only a series needs (a subquery per figure).
    static readonly string PaceSelect = FigureDefinition.SelectFrom + "\n";

    internal static readonly string PaceSql = PaceSelect + """
        where f.metric = @metric and f.kind in ('actual', 'target') and f.rank <> 'deprecated'
          and f.dimension is not distinct from @dimension and f.dimension_value is not distinct from @dimensionValue
        order by f.id
        """;

    // A separate statement, not "(@scope is null or ...)", so that SQLite can seek the scope in the index.
    internal static readonly string PaceOfScopeSql = PaceSelect + """
        where f.metric = @metric and f.scope = @scope and f.kind in ('actual', 'target') and f.rank <> 'deprecated'
          and f.dimension is not distinct from @dimension and f.dimension_value is not distinct from @dimensionValue
        order by f.id
        """;

    internal static async Task<Results<Ok<PaceReport>, ValidationProblem>> Pace(
        [AsParameters] PaceQuery query, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var errors = new QueryErrors();
        var metric = await RequireMetricAsync(connection, query.Metric, errors);
        var range = DateRange(query.From, query.To, errors);
        if (query.ReportedBy is not null && !await EntityExistsAsync(connection, query.ReportedBy))
            errors.Add("reportedBy", $"No entity has the id {QueryErrors.Quote(query.ReportedBy)}.");
        if (query.Scope is "") errors.Add("scope", "Must not be empty.");
        if (query.CountedBy is not null && !await EntityExistsAsync(connection, query.CountedBy))
            errors.Add("countedBy", $"No entity has the id {QueryErrors.Quote(query.CountedBy)}.");
        var (_, breakdown) = await BreakdownAsync(connection, query.Dimension, query.DimensionValue, errors);
        if (errors.Any) return errors.ToProblem();

        var figures = (await connection.QueryAsync<FigureRow>(new CommandDefinition(
                query.Scope is null ? PaceSql : PaceOfScopeSql,
                new { metric, scope = query.Scope, dimension = breakdown?.Dimension, dimensionValue = breakdown?.Value }, cancellationToken: ct)))
            .Where(f => OfUnit(f, null)).ToList();
        bool InRange(FigureRow f) =>
            f.PeriodStart is null || f.PeriodEnd is null
                ? range.From is null && range.To is null
                : (range.From is null || f.PeriodEnd >= range.From) && (range.To is null || f.PeriodStart <= range.To);

        var actualRows = figures
            .Where(f => f.Kind == "actual" && f.PeriodStart is not null && f.PeriodEnd is not null && InRange(f))
            .Where(f => query.ReportedBy is null || f.ReportedBy == query.ReportedBy)
            .Where(f => query.CountedBy is null || f.CountedBy == query.CountedBy)
            .ToList();
        var targetRows = figures
            .Where(f => f.Kind == "target" && (f.Unit != "people" || f.PeriodStart is not null && f.PeriodEnd is not null))
            .Where(f => f.PeriodStart is null || InRange(f))
            .ToList();
        var citations = await Citations.Citations.LoadAsync(connection, RecordType.Figure,
            actualRows.Concat(targetRows).Select(f => f.Id).ToArray(), ct);

        var actuals = actualRows.Select(f =>
        {
            var days = Days(f.PeriodStart!.Value, f.PeriodEnd!.Value);
            var perDay = PerDay(f, days);
            return (Row: f, Exact: perDay, Item: new PaceActual(f.Id, f.DecimalValue, f.Qualifier, f.PeriodStart.Value, f.PeriodEnd.Value,
                f.PeriodLabel, days, Round(perDay, 1), f.Qualifier, f.Reporter, f.Counter, citations[f.Id].ToList()));
        }).ToList();
        var targets = targetRows.Select(f =>
        {
            int? days = f.PeriodStart is { } s && f.PeriodEnd is { } e ? Days(s, e) : null;
            var perDay = PerDay(f, days);
            return (Row: f, Exact: perDay, Item: new PaceTarget(f.Id, f.DecimalValue, f.Qualifier, Wire<FigureUnit>.Parse(f.Unit),
                f.PeriodStart, f.PeriodEnd, f.PeriodLabel, days, Round(perDay, 1), f.Qualifier, f.Reporter, citations[f.Id].ToList()));
        }).ToList();

        var comparisons = (
            from a in actuals
            from t in targets
            where t.Exact != 0
            let gap = t.Exact - a.Exact
            let direction = gap > 0 ? PaceDirection.Shortfall : gap < 0 ? PaceDirection.Surplus : PaceDirection.OnTarget
            let gapQualifier = direction == PaceDirection.Surplus
                ? Qualifiers.Combine(a.Row.Qualifier, Qualifiers.Invert(t.Row.Qualifier))
                : Qualifiers.Combine(t.Row.Qualifier, Qualifiers.Invert(a.Row.Qualifier))
            select new PaceComparison(
                a.Row.Id, t.Row.Id,
                Round(a.Exact / t.Exact, 4),
                Qualifiers.Combine(a.Row.Qualifier, Qualifiers.Invert(t.Row.Qualifier)),
                direction,
                Round(Math.Abs(gap), 1),
                Round(Math.Abs(gap) * a.Item.Days, 1),
                gapQualifier,
                [a.Row.Id, t.Row.Id])).ToList();

        return TypedResults.Ok(new PaceReport(metric!, breakdown, Arithmetic, QualifierRules,
            actuals.Select(a => a.Item).ToList(), targets.Select(t => t.Item).ToList(), comparisons));
    }

}

/// <summary>The query parameters of <c>GET /api/v1/figures/pace</c>.</summary>
internal sealed class PaceQuery
{
    [FromQuery(Name = "metric"), Description("The metric to compare (required), e.g. `removals`; the metrics are listed at `GET /api/v1/metrics`."), ApiParameter(Example = "removals", Required = true)]
    public string? Metric { get; init; }

    [FromQuery(Name = "scope"), Description("Only figures with this scope, e.g. `US`."), ApiParameter(Example = "US")]
    public string? Scope { get; init; }

    [FromQuery(Name = "reportedBy"), Description("Only actual figures reported by this entity (an entity id); targets are not filtered by it."), ApiParameter(Example = "dhs")]
    public string? ReportedBy { get; init; }

    [FromQuery(Name = "countedBy"), Description("Only actual figures that count this agency's operations (an entity id); targets are not filtered by it."), ApiParameter(Example = "ice")]
    public string? CountedBy { get; init; }

    [FromQuery(Name = "dimension"), Description(Analysis.DimensionDoc), ApiParameter(Example = "citizenship")]
    public string? Dimension { get; init; }

    [FromQuery(Name = "dimensionValue"), Description(Analysis.DimensionValueDoc), ApiParameter(Example = "MX")]
    public string? DimensionValue { get; init; }

    [FromQuery(Name = "from"), Description("Only figures whose period ends on or after this day (YYYY-MM-DD); targets without a period always count."), ApiParameter(Type = typeof(DateOnly), Example = "2025-01-01")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description("Only figures whose period starts on or before this day (YYYY-MM-DD); not before `from`."), ApiParameter(Type = typeof(DateOnly), Example = "2025-12-31")]
    public string? To { get; init; }
}
