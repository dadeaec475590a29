using System.Data.Common;
using System.ComponentModel;
using System.Globalization;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using static EnforcementApi.Figures.Analysis;

namespace EnforcementApi.Figures;

/// <summary><c>GET /api/v1/figures/discrepancies</c>: actual figures of the same metric, scope and period that disagree.</summary>
public static class DiscrepanciesApi
{
    public static IEndpointRouteBuilder MapDiscrepancies(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/figures").WithTags("Figures");

        group.MapGet("/discrepancies", Discrepancies).WithName(nameof(Discrepancies))
            .WithSummary("Figures that disagree")
            .WithDescription("""
                Groups of `actual` figures with the same metric, counting agency (`countedBy`: a DHS-wide total is
                never set against ICE's own count), scope, unit and breakdown (a country's removals are compared only
                with the same country's, a whole count with whole counts) whose periods nearly coincide (the overlap
                covers at least 90% of each period, so a quarter is not compared with its fiscal year) and whose
                values disagree by more than the tolerance. Qualifiers count: `more_than 158000` means any value
                above 158,000, so it disagrees with 66,463 but not with 160,000; each value is widened by the
                tolerance before comparing. Groups are sorted by spread, largest first. Deprecated figures are left out,
                and percentages unless `unit=percent` asks for them.
                """);
        return api;
    }

    internal static readonly string ActualsSql = FigureDefinition.SelectFrom + """

        where f.kind = 'actual' and f.rank <> 'deprecated' and f.period_start is not null and f.period_end is not null

        """;

    internal static readonly string ActualsOfMetricSql = ActualsSql + "  and f.metric = @metric\n";

    // With from, the metric's index seeks the periods that end on or after it, instead of reading every one
    // (a figure's page asks for its own period's discrepancies).
    internal static readonly string ActualsOfMetricFromSql = ActualsOfMetricSql + "  and coalesce(f.period_end, '') >= @from\n";

    internal const string DiscrepancyMethod =
        "Two actual figures of the same metric, counting agency, scope, unit and breakdown are compared when their periods overlap by at least 90% of each " +
        "period. Each value stands for a range (exact: itself; more_than/at_least: from it upwards; less_than/up_to: from 0 " +
        "to it; approximately: itself), widened by the tolerance on both sides; two figures disagree when their ranges do not meet.";

    internal static async Task<Results<Ok<DiscrepancyReport>, ValidationProblem>> Discrepancies(
        [AsParameters] DiscrepancyQuery query, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var errors = new QueryErrors();
        var metric = query.Metric is null ? null : await RequireMetricAsync(connection, query.Metric, errors);
        var range = DateRange(query.From, query.To, errors);
        var unit = Unit(query.Unit, errors);
        var tolerance = 0.02m;
        if (query.Tolerance is not null
            && !(decimal.TryParse(query.Tolerance, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out tolerance) && tolerance is >= 0 and <= 1))
            errors.Add("tolerance", $"Must be a number from 0 to 1 (0.02 for 2%); got {QueryErrors.Quote(query.Tolerance)}.");
        if (errors.Any) return errors.ToProblem();

        var rows = (await connection.QueryAsync<FigureRow>(new CommandDefinition(
                metric is null ? ActualsSql : range.From is null ? ActualsOfMetricSql : ActualsOfMetricFromSql,
                new { metric, from = range.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, cancellationToken: ct)))
            .Where(f => (range.From is null || f.PeriodEnd >= range.From) && (range.To is null || f.PeriodStart <= range.To) && OfUnit(f, unit))
            .ToList();

        var found = new List<(string Metric, string Scope, List<FigureRow> Figures, List<(string, string)> Disagreements)>();
        // Whose count it is first: DHS-wide removals and ICE's removals differ by scope, not by disagreement.
        // Like with like: a part of a count (one country's removals) is compared only with the same part,
        // and a count of people only with a count of people (not with a rate per day).
        foreach (var sameKind in rows.GroupBy(f => (f.Metric, f.CountedBy, f.Scope, f.Unit, f.Dimension, f.DimensionValue)))
            foreach (var (figures, disagreements) in Disagreeing(sameKind.ToList(), tolerance))
                found.Add((sameKind.Key.Metric, sameKind.Key.Scope, figures, disagreements));

        var citations = await Citations.Citations.LoadAsync(connection, RecordType.Figure,
            found.SelectMany(g => g.Figures).Select(f => f.Id).ToArray(), ct);
        var groups = found.Select(g =>
        {
            var min = g.Figures.Min(f => f.DecimalValue);
            var max = g.Figures.Max(f => f.DecimalValue);
            return new DiscrepancyGroup(
                g.Metric, g.Figures[0].Counter, g.Scope, Wire<FigureUnit>.Parse(g.Figures[0].Unit), g.Figures[0].Breakdown, g.Figures.Min(f => f.PeriodStart!.Value), g.Figures.Max(f => f.PeriodEnd!.Value),
                min == 0 ? null : Round((max - min) / min, 4),
                g.Figures.OrderByDescending(f => f.DecimalValue).ThenBy(f => f.Id, StringComparer.Ordinal)
                    .Select(f => new DiscrepancyFigure(f.Id, f.DecimalValue, f.Qualifier, f.PeriodStart!.Value, f.PeriodEnd!.Value,
                        f.PeriodLabel, f.Reporter, citations[f.Id].ToList())).ToList(),
                g.Disagreements.Select(d => (IReadOnlyList<string>)[d.Item1, d.Item2]).ToList());
        })
        .OrderByDescending(g => g.Spread ?? decimal.MaxValue)
        .ThenBy(g => g.Metric, StringComparer.Ordinal).ThenBy(g => g.CountedBy?.Id, StringComparer.Ordinal).ThenBy(g => g.PeriodStart).ThenBy(g => g.Figures[0].FigureId, StringComparer.Ordinal)
        .ToList();

        return TypedResults.Ok(new DiscrepancyReport(tolerance, DiscrepancyMethod, groups));
    }
    /// <summary>Whether each of two periods is at least 90% covered by their overlap.</summary>
    static bool NearlyCoincide(FigureRow a, FigureRow b) =>
        NearlyCoincide(a.PeriodStart!.Value, a.PeriodEnd!.Value, b.PeriodStart!.Value, b.PeriodEnd!.Value);

    /// <summary>Whether each of two periods is at least 90% covered by their overlap (a claim's check reads periods so too).</summary>
    internal static bool NearlyCoincide(DateOnly aStart, DateOnly aEnd, DateOnly bStart, DateOnly bEnd)
    {
        var start = aStart > bStart ? aStart : bStart;
        var end = aEnd < bEnd ? aEnd : bEnd;
        if (end < start) return false;
        var overlap = (decimal)Days(start, end);
        return overlap >= 0.9m * Days(aStart, aEnd) && overlap >= 0.9m * Days(bStart, bEnd);
    }

    /// <summary>
    /// The figures (of one metric and scope) linked by nearly coinciding periods, in groups where at least
    /// two disagree, with the pairs that do. Sorted by start, a figure only needs comparing with those that
    /// start before it ends, so a long history costs little more than its overlaps.
    /// </summary>
    static IEnumerable<(List<FigureRow> Figures, List<(string, string)> Disagreements)> Disagreeing(List<FigureRow> figures, decimal tolerance)
    {
        figures.Sort((a, b) => a.PeriodStart!.Value != b.PeriodStart!.Value
            ? a.PeriodStart.Value.CompareTo(b.PeriodStart.Value)
            : string.CompareOrdinal(a.Id, b.Id));
        var groupOf = Enumerable.Range(0, figures.Count).ToArray();
        int Root(int i) => groupOf[i] == i ? i : groupOf[i] = Root(groupOf[i]);

        var disagreeing = new List<(int, int)>();
        for (var i = 0; i < figures.Count; i++)
            for (var j = i + 1; j < figures.Count && figures[j].PeriodStart <= figures[i].PeriodEnd; j++)
            {
                if (!NearlyCoincide(figures[i], figures[j])) continue;
                groupOf[Root(j)] = Root(i);
                if (!Agree(figures[i], figures[j], tolerance)) disagreeing.Add((i, j));
            }

        if (disagreeing.Count == 0) return [];
        var members = Enumerable.Range(0, figures.Count).ToLookup(Root);
        return disagreeing
            .GroupBy(pair => Root(pair.Item1))
            .Select(g => (
                members[g.Key].Select(i => figures[i]).ToList(),
                g.Select(pair => (figures[pair.Item1].Id, figures[pair.Item2].Id)).ToList()));
    }

    /// <summary>Whether the ranges the two values stand for, widened by the tolerance, meet.</summary>
    static bool Agree(FigureRow a, FigureRow b, decimal tolerance) =>
        Agree(a.DecimalValue, a.Qualifier, b.DecimalValue, b.Qualifier, tolerance);

    /// <summary>Whether two qualified values agree within the tolerance: the rule a claim's check applies too.</summary>
    internal static bool Agree(decimal a, ValueQualifier aQualifier, decimal b, ValueQualifier bQualifier, decimal tolerance)
    {
        var (aLow, aHigh) = Qualifiers.Range(a, aQualifier);
        var (bLow, bHigh) = Qualifiers.Range(b, bQualifier);
        var aLowWide = aLow * (1 - tolerance);
        var bLowWide = bLow * (1 - tolerance);
        var aHighWide = aHigh is { } ah ? ah * (1 + tolerance) : (decimal?)null;
        var bHighWide = bHigh is { } bh ? bh * (1 + tolerance) : (decimal?)null;
        return (aHighWide is null || aHighWide >= bLowWide) && (bHighWide is null || bHighWide >= aLowWide);
    }
}

/// <summary>The query parameters of <c>GET /api/v1/figures/discrepancies</c>.</summary>
internal sealed class DiscrepancyQuery
{
    [FromQuery(Name = "metric"), Description("Only this metric; all metrics when left out."), ApiParameter(Example = "removals")]
    public string? Metric { get; init; }

    [FromQuery(Name = "from"), Description("Only figures whose period ends on or after this day (YYYY-MM-DD)."), ApiParameter(Type = typeof(DateOnly), Example = "2025-01-01")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description("Only figures whose period starts on or before this day (YYYY-MM-DD); not before `from`."), ApiParameter(Type = typeof(DateOnly), Example = "2025-12-31")]
    public string? To { get; init; }

    [FromQuery(Name = "unit"), Description(Analysis.UnitDoc), ApiParameter(Type = typeof(FigureUnit), Example = "percent")]
    public string? Unit { get; init; }

    [FromQuery(Name = "tolerance"), Description("Relative difference under which two values agree, from 0 to 1. Default 0.02 (2%)."), ApiParameter(Type = typeof(decimal), Minimum = 0, Maximum = 1, Default = 0.02, Example = "0.05")]
    public string? Tolerance { get; init; }
}
