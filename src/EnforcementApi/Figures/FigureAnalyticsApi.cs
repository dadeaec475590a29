using System.ComponentModel;
using System.Globalization;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Entities;
using EnforcementApi.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Figures;

/// <summary>
/// Arithmetic on figures, done openly: paces against targets, sources that disagree, and series over
/// time. Every number says which figures it comes from, with their citations.
/// </summary>
public static class FigureAnalyticsApi
{
    internal const string Arithmetic =
        "Decimal arithmetic throughout. Days count both ends of a period. Per-day values and gaps are rounded to 1 decimal " +
        "place and ratios to 4, half away from zero, after computing from the unrounded values.";

    internal const string QualifierRules =
        "A qualifier carries over as far as the arithmetic allows: a per-day value keeps its figure's; a ratio or a gap that " +
        "grows with the actual keeps the actual's (more_than stays more_than) and turns the target's around (a target of at " +
        "least X gives at most for the ratio); two qualified figures that pull apart give approximately.";

    public static IEndpointRouteBuilder MapFigureAnalytics(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/figures").WithTags("Figures");

        group.MapGet("/pace", Pace).WithName(nameof(Pace))
            .WithSummary("Actual pace against targets")
            .WithDescription($"""
                For one metric: each `actual` figure with a period as a pace per day (value ÷ days, both ends of the
                period counted), each `target` per day (a `people_per_day` target as it is; a number over a period ÷
                its days), and each actual against each target: the ratio, and the shortfall or surplus per day and
                over the actual's period. Deprecated figures are left out. Filters: `scope`, `reportedBy` (of the
                actuals), `from`/`to` (periods overlapping the range). {Arithmetic} {QualifierRules}
                """);

        group.MapGet("/discrepancies", Discrepancies).WithName(nameof(Discrepancies))
            .WithSummary("Figures that disagree")
            .WithDescription("""
                Groups of `actual` figures with the same metric and scope whose periods nearly coincide (the overlap
                covers at least 90% of each period, so a quarter is not compared with its fiscal year) and whose
                values disagree by more than the tolerance. Qualifiers count: `more_than 158000` means any value
                above 158,000, so it disagrees with 66,463 but not with 160,000; each value is widened by the
                tolerance before comparing. Groups are sorted by spread, largest first. Deprecated figures are left out.
                """);

        group.MapGet("/series", Series).WithName(nameof(Series))
            .WithSummary("A metric over time")
            .WithDescription("""
                One point per bucket (month, quarter, year or US federal fiscal year, October to September, labelled
                by its ending year) from the first bucket to the last: the figure whose period is exactly that
                bucket. Where several are, the point takes the `preferred` one, else the one whose source was
                published most recently, and lists the others. Buckets without a figure have a null value, so a
                chart has no gaps. The range is `from`/`to` when given (whole buckets), else the figures' own.
                """);

        return api;
    }

    internal const string FiguresSql = """
        select f.id, f.kind, f.value, f.value_qualifier, f.unit, f.period_start, f.period_end, f.period_label,
               f.scope, f.rank, f.reported_by, e.kind as reported_by_kind, e.name as reported_by_name,
               (select max(s.published_on) from citations c cross join sources s on s.id = c.source_id
                where c.figure_id = f.id) as latest_published_on
        from figures f
        cross join entities e on e.id = f.reported_by
        where f.metric = @metric and f.rank <> 'deprecated'
        order by f.id
        """;

    // Pace reads only what it compares: actuals and targets of the metric (and scope), without the
    // publication date that only a series needs (a subquery per figure).
    const string PaceSelect = """
        select f.id, f.kind, f.value, f.value_qualifier, f.unit, f.period_start, f.period_end, f.period_label,
               f.scope, f.rank, f.reported_by, e.kind as reported_by_kind, e.name as reported_by_name,
               null as latest_published_on
        from figures f
        cross join entities e on e.id = f.reported_by

        """;

    internal const string PaceSql = PaceSelect + """
        where f.metric = @metric and f.kind in ('actual', 'target') and f.rank <> 'deprecated'
        order by f.id
        """;

    // A separate statement, not "(@scope is null or ...)", so that SQLite can seek the scope in the index.
    internal const string PaceOfScopeSql = PaceSelect + """
        where f.metric = @metric and f.scope = @scope and f.kind in ('actual', 'target') and f.rank <> 'deprecated'
        order by f.id
        """;

    internal const string ActualsSql = """
        select f.id, f.metric, f.kind, f.value, f.value_qualifier, f.unit, f.period_start, f.period_end, f.period_label,
               f.scope, f.rank, f.reported_by, e.kind as reported_by_kind, e.name as reported_by_name,
               null as latest_published_on
        from figures f
        cross join entities e on e.id = f.reported_by
        where f.kind = 'actual' and f.rank <> 'deprecated' and f.period_start is not null and f.period_end is not null
        """;

    internal const string ActualsOfMetricSql = ActualsSql + "  and f.metric = @metric\n";

    internal const string DiscrepancyMethod =
        "Two actual figures of the same metric and scope are compared when their periods overlap by at least 90% of each " +
        "period. Each value stands for a range (exact: itself; more_than/at_least: from it upwards; less_than/up_to: from 0 " +
        "to it; approximately: itself), widened by the tolerance on both sides; two figures disagree when their ranges do not meet.";

    static async Task<Results<Ok<PaceReport>, ValidationProblem>> Pace(
        [AsParameters] PaceQuery query, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var errors = new QueryErrors();
        var metric = await RequireMetricAsync(connection, query.Metric, errors);
        var range = DateRange(query.From, query.To, errors);
        if (query.ReportedBy is not null && !await EntityExistsAsync(connection, query.ReportedBy))
            errors.Add("reportedBy", $"No entity has the id {QueryErrors.Quote(query.ReportedBy)}.");
        if (query.Scope is "") errors.Add("scope", "Must not be empty.");
        if (errors.Any) return errors.ToProblem();

        var figures = (await connection.QueryAsync<AnalyticsRow>(new CommandDefinition(
                query.Scope is null ? PaceSql : PaceOfScopeSql, new { metric, scope = query.Scope }, cancellationToken: ct))).AsList();
        bool InRange(AnalyticsRow f) =>
            f.PeriodStart is null || f.PeriodEnd is null
                ? range.From is null && range.To is null
                : (range.From is null || f.PeriodEnd >= range.From) && (range.To is null || f.PeriodStart <= range.To);

        var actualRows = figures
            .Where(f => f.Kind == "actual" && f.PeriodStart is not null && f.PeriodEnd is not null && InRange(f))
            .Where(f => query.ReportedBy is null || f.ReportedBy == query.ReportedBy)
            .ToList();
        var targetRows = figures
            .Where(f => f.Kind == "target" && (f.Unit != "people" || f.PeriodStart is not null && f.PeriodEnd is not null))
            .Where(f => f.PeriodStart is null || InRange(f))
            .ToList();
        var citations = await Citations.Citations.LoadAsync(connection, CitedRecord.Figure,
            actualRows.Concat(targetRows).Select(f => f.Id).ToArray(), ct);

        var actuals = actualRows.Select(f =>
        {
            var days = Days(f.PeriodStart!.Value, f.PeriodEnd!.Value);
            var perDay = PerDay(f, days);
            return (Row: f, Exact: perDay, Item: new PaceActual(f.Id, f.DecimalValue, f.Qualifier, f.PeriodStart.Value, f.PeriodEnd.Value,
                f.PeriodLabel, days, Round(perDay, 1), f.Qualifier, f.Reporter, citations[f.Id].ToList()));
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

        return TypedResults.Ok(new PaceReport(metric!, Arithmetic, QualifierRules,
            actuals.Select(a => a.Item).ToList(), targets.Select(t => t.Item).ToList(), comparisons));
    }

    static async Task<Results<Ok<DiscrepancyReport>, ValidationProblem>> Discrepancies(
        [AsParameters] DiscrepancyQuery query, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var errors = new QueryErrors();
        var metric = query.Metric is null ? null : await RequireMetricAsync(connection, query.Metric, errors);
        var range = DateRange(query.From, query.To, errors);
        var tolerance = 0.02m;
        if (query.Tolerance is not null
            && !(decimal.TryParse(query.Tolerance, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out tolerance) && tolerance is >= 0 and <= 1))
            errors.Add("tolerance", $"Must be a number from 0 to 1 (0.02 for 2%); got {QueryErrors.Quote(query.Tolerance)}.");
        if (errors.Any) return errors.ToProblem();

        var rows = (await connection.QueryAsync<AnalyticsRow>(new CommandDefinition(
                metric is null ? ActualsSql : ActualsOfMetricSql, new { metric }, cancellationToken: ct)))
            .Where(f => (range.From is null || f.PeriodEnd >= range.From) && (range.To is null || f.PeriodStart <= range.To))
            .ToList();

        var found = new List<(string Metric, string Scope, List<AnalyticsRow> Figures, List<(string, string)> Disagreements)>();
        foreach (var sameKind in rows.GroupBy(f => (f.Metric, f.Scope)))
            foreach (var (figures, disagreements) in Disagreeing(sameKind.ToList(), tolerance))
                found.Add((sameKind.Key.Metric!, sameKind.Key.Scope, figures, disagreements));

        var citations = await Citations.Citations.LoadAsync(connection, CitedRecord.Figure,
            found.SelectMany(g => g.Figures).Select(f => f.Id).ToArray(), ct);
        var groups = found.Select(g =>
        {
            var min = g.Figures.Min(f => f.DecimalValue);
            var max = g.Figures.Max(f => f.DecimalValue);
            return new DiscrepancyGroup(
                g.Metric, g.Scope, g.Figures.Min(f => f.PeriodStart!.Value), g.Figures.Max(f => f.PeriodEnd!.Value),
                min == 0 ? null : Round((max - min) / min, 4),
                g.Figures.OrderByDescending(f => f.DecimalValue).ThenBy(f => f.Id, StringComparer.Ordinal)
                    .Select(f => new DiscrepancyFigure(f.Id, f.DecimalValue, f.Qualifier, f.PeriodStart!.Value, f.PeriodEnd!.Value,
                        f.PeriodLabel, f.Reporter, citations[f.Id].ToList())).ToList(),
                g.Disagreements.Select(d => (IReadOnlyList<string>)[d.Item1, d.Item2]).ToList());
        })
        .OrderByDescending(g => g.Spread ?? decimal.MaxValue)
        .ThenBy(g => g.Metric, StringComparer.Ordinal).ThenBy(g => g.PeriodStart).ThenBy(g => g.Figures[0].FigureId, StringComparer.Ordinal)
        .ToList();

        return TypedResults.Ok(new DiscrepancyReport(tolerance, DiscrepancyMethod, groups));
    }

    static async Task<Results<Ok<SeriesReport>, ValidationProblem>> Series(
        [AsParameters] SeriesQuery query, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var errors = new QueryErrors();
        var metric = await RequireMetricAsync(connection, query.Metric, errors);
        var range = DateRange(query.From, query.To, errors);
        SeriesInterval interval = default;
        if (query.Interval is null)
            errors.Add("interval", $"Is required: one of {string.Join(", ", Wire<SeriesInterval>.Names)}.");
        else if (!Wire<SeriesInterval>.TryParse(query.Interval, out interval))
            errors.Add("interval", $"Must be one of {string.Join(", ", Wire<SeriesInterval>.Names)}; got {QueryErrors.Quote(query.Interval)}.");
        var kind = FigureKind.Actual;
        if (query.Kind is not null && !Wire<FigureKind>.TryParse(query.Kind, out kind))
            errors.Add("kind", $"Must be one of {string.Join(", ", Wire<FigureKind>.Names)}; got {QueryErrors.Quote(query.Kind)}.");
        var scope = query.Scope ?? "US";
        if (scope.Length == 0) errors.Add("scope", "Must not be empty.");
        foreach (var (name, day) in new[] { ("from", range.From), ("to", range.To) })
            if (day is { } d && (d < Buckets.Earliest || d > Buckets.Latest))
                errors.Add(name, $"Must be from {Buckets.Earliest:yyyy-MM-dd} to {Buckets.Latest:yyyy-MM-dd}, the years a series covers; got {d:yyyy-MM-dd}.");
        if (errors.Any) return errors.ToProblem();

        var kindName = Wire<FigureKind>.Name(kind);
        var figures = (await connection.QueryAsync<AnalyticsRow>(new CommandDefinition(FiguresSql, new { metric }, cancellationToken: ct)))
            .Where(f => f.Kind == kindName && f.Scope == scope && f.PeriodStart is not null && f.PeriodEnd is not null)
            .Where(f => f.PeriodStart >= Buckets.Earliest && f.PeriodEnd <= Buckets.Latest)
            .ToList();
        var inBuckets = figures
            .Select(f => (Figure: f, Bucket: Buckets.Exactly(interval, f.PeriodStart!.Value, f.PeriodEnd!.Value)))
            .Where(x => x.Bucket is not null)
            .ToList();

        Buckets.Bucket? firstFigure = inBuckets.Count == 0 ? null : inBuckets.Select(x => x.Bucket!.Value).MinBy(b => b.Start);
        Buckets.Bucket? lastFigure = inBuckets.Count == 0 ? null : inBuckets.Select(x => x.Bucket!.Value).MaxBy(b => b.Start);
        var first = range.From is { } from ? Buckets.Containing(interval, from) : firstFigure ?? (range.To is { } t1 ? Buckets.Containing(interval, t1) : null);
        var last = range.To is { } to ? Buckets.Containing(interval, to) : lastFigure ?? first;
        if (first is not { } firstBucket || last is not { } lastBucket || firstBucket.Start > lastBucket.Start)
            return TypedResults.Ok(new SeriesReport(metric!, interval, scope, kind, Choice, []));
        if (Buckets.Count(interval, firstBucket, lastBucket) > Buckets.MaxPoints)
        {
            errors.Add("from", $"The range holds more than {Buckets.MaxPoints} {Wire<SeriesInterval>.Name(interval)} buckets; narrow it with from/to or use a wider interval.");
            return errors.ToProblem();
        }

        var chosen = inBuckets.GroupBy(x => x.Bucket!.Value.Start).ToDictionary(g => g.Key, g => g
            .Select(x => x.Figure)
            .OrderBy(f => f.Rank == "preferred" ? 0 : 1)
            .ThenByDescending(f => f.LatestPublishedOn ?? "")
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ToList());
        var citations = await Citations.Citations.LoadAsync(connection, CitedRecord.Figure,
            chosen.Values.Select(c => c[0].Id).ToArray(), ct);

        var points = Buckets.From(interval, firstBucket, lastBucket).Select(b =>
        {
            if (!chosen.TryGetValue(b.Start, out var candidates))
                return new SeriesPoint(b.Label, b.Start, b.End, null, null, null, null, [], null, []);
            var f = candidates[0];
            return new SeriesPoint(b.Label, b.Start, b.End, f.DecimalValue, f.Qualifier, f.Id, Wire<FigureRank>.Parse(f.Rank),
                candidates.Skip(1).Select(c => c.Id).ToList(), f.Reporter, citations[f.Id].ToList());
        }).ToList();
        return TypedResults.Ok(new SeriesReport(metric!, interval, scope, kind, Choice, points));
    }

    internal const string Choice =
        "The figure whose period is exactly the bucket; of several, the preferred one, else the one whose source was published " +
        "most recently, else the first by id.";

    static async Task<string?> RequireMetricAsync(SqliteConnection connection, string? metric, QueryErrors errors)
    {
        var known = (await connection.QueryAsync<string>("select id from metrics order by id")).AsList();
        if (metric is null)
            errors.Add("metric", $"Is required: one of {string.Join(", ", known)}.");
        else if (!known.Contains(metric))
            errors.Add("metric", $"Must be one of {string.Join(", ", known)}; got {QueryErrors.Quote(metric)}.");
        else
            return metric;
        return null;
    }

    static async Task<bool> EntityExistsAsync(SqliteConnection connection, string id) =>
        await connection.ExecuteScalarAsync<long>("select count(*) from entities where id = @id", new { id }) > 0;

    static (DateOnly? From, DateOnly? To) DateRange(string? rawFrom, string? rawTo, QueryErrors errors)
    {
        DateOnly? Parse(string name, string? raw)
        {
            if (raw is null) return null;
            if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            errors.Add(name, $"Must be a date as YYYY-MM-DD, such as 2025-01-20; got {QueryErrors.Quote(raw)}.");
            return null;
        }
        var from = Parse("from", rawFrom);
        var to = Parse("to", rawTo);
        if (from is { } f && to is { } t && t < f)
            errors.Add("to", $"Must not be before from ({f:yyyy-MM-dd}); got {t:yyyy-MM-dd}.");
        return (from, to);
    }

    static int Days(DateOnly start, DateOnly end) => end.DayNumber - start.DayNumber + 1;

    /// <summary>A figure as people per day, unrounded.</summary>
    static decimal PerDay(AnalyticsRow f, int? days) => f.Unit switch
    {
        "people_per_day" => f.DecimalValue,
        "people_per_month" => f.DecimalValue * 12m / 365m,
        "people_per_year" => f.DecimalValue / 365m,
        _ => f.DecimalValue / days!.Value,
    };

    // Adding a zero of the same scale writes the places out (656.0, not 656), so the rounding shows.
    static decimal Round(decimal value, int places) =>
        Math.Round(value, places, MidpointRounding.AwayFromZero) + (places == 1 ? 0.0m : 0.0000m);

    /// <summary>Whether each of two periods is at least 90% covered by their overlap.</summary>
    static bool NearlyCoincide(AnalyticsRow a, AnalyticsRow b)
    {
        var start = a.PeriodStart!.Value > b.PeriodStart!.Value ? a.PeriodStart.Value : b.PeriodStart.Value;
        var end = a.PeriodEnd!.Value < b.PeriodEnd!.Value ? a.PeriodEnd.Value : b.PeriodEnd.Value;
        if (end < start) return false;
        var overlap = (decimal)Days(start, end);
        return overlap >= 0.9m * Days(a.PeriodStart.Value, a.PeriodEnd.Value)
            && overlap >= 0.9m * Days(b.PeriodStart.Value, b.PeriodEnd.Value);
    }

    /// <summary>
    /// The figures (of one metric and scope) linked by nearly coinciding periods, in groups where at least
    /// two disagree, with the pairs that do. Sorted by start, a figure only needs comparing with those that
    /// start before it ends, so a long history costs little more than its overlaps.
    /// </summary>
    static IEnumerable<(List<AnalyticsRow> Figures, List<(string, string)> Disagreements)> Disagreeing(List<AnalyticsRow> figures, decimal tolerance)
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
    static bool Agree(AnalyticsRow a, AnalyticsRow b, decimal tolerance)
    {
        var (aLow, aHigh) = Qualifiers.Range(a.DecimalValue, a.Qualifier);
        var (bLow, bHigh) = Qualifiers.Range(b.DecimalValue, b.Qualifier);
        var aLowWide = aLow * (1 - tolerance);
        var bLowWide = bLow * (1 - tolerance);
        var aHighWide = aHigh is { } ah ? ah * (1 + tolerance) : (decimal?)null;
        var bHighWide = bHigh is { } bh ? bh * (1 + tolerance) : (decimal?)null;
        return (aHighWide is null || aHighWide >= bLowWide) && (bHighWide is null || bHighWide >= aLowWide);
    }

    internal sealed class AnalyticsRow
    {
        public string Id { get; init; } = "";
        public string? Metric { get; init; }
        public string Kind { get; init; } = "";
        public double Value { get; init; }
        public string ValueQualifier { get; init; } = "";
        public string Unit { get; init; } = "";
        public DateOnly? PeriodStart { get; init; }
        public DateOnly? PeriodEnd { get; init; }
        public string? PeriodLabel { get; init; }
        public string Scope { get; init; } = "";
        public string Rank { get; init; } = "";
        public string ReportedBy { get; init; } = "";
        public string ReportedByKind { get; init; } = "";
        public string ReportedByName { get; init; } = "";
        public string? LatestPublishedOn { get; init; }

        public decimal DecimalValue => (decimal)Value;
        public ValueQualifier Qualifier => Wire<ValueQualifier>.Parse(ValueQualifier);
        public EntityRef Reporter => new(ReportedBy, Wire<EntityKind>.Parse(ReportedByKind), ReportedByName);
    }
}

/// <summary>How a figure's qualifier carries into the numbers computed from it.</summary>
internal static class Qualifiers
{
    /// <summary>The qualifier of a number that falls as this one rises: more_than becomes less_than.</summary>
    public static ValueQualifier Invert(ValueQualifier q) => q switch
    {
        ValueQualifier.MoreThan => ValueQualifier.LessThan,
        ValueQualifier.LessThan => ValueQualifier.MoreThan,
        ValueQualifier.AtLeast => ValueQualifier.UpTo,
        ValueQualifier.UpTo => ValueQualifier.AtLeast,
        _ => q,
    };

    /// <summary>The qualifier of a number that rises with both: the one that is not exact, or approximately when both pull.</summary>
    public static ValueQualifier Combine(ValueQualifier a, ValueQualifier b) =>
        a == ValueQualifier.Exact ? b
        : b == ValueQualifier.Exact ? a
        : a == b ? a
        : ValueQualifier.Approximately;

    /// <summary>The values a qualified number stands for; an open upper end is null.</summary>
    public static (decimal Low, decimal? High) Range(decimal value, ValueQualifier q) => q switch
    {
        ValueQualifier.MoreThan or ValueQualifier.AtLeast => (value, null),
        ValueQualifier.LessThan or ValueQualifier.UpTo => (0, value),
        _ => (value, value),
    };
}

/// <summary>The buckets of a series.</summary>
internal static class Buckets
{
    public const int MaxPoints = 1200;

    /// <summary>The days a series can cover: wide enough for any record, and far from the calendar's ends.</summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1), Latest = new(2199, 12, 31);

    public readonly record struct Bucket(string Label, DateOnly Start, DateOnly End);

    public static Bucket Containing(SeriesInterval interval, DateOnly day) => interval switch
    {
        SeriesInterval.Month => Month(day.Year, day.Month),
        SeriesInterval.Quarter => Quarter(day.Year, (day.Month - 1) / 3 + 1),
        SeriesInterval.Year => Year(day.Year),
        _ => FiscalYear(day.Month >= 10 ? day.Year + 1 : day.Year),
    };

    /// <summary>The bucket a period is exactly, or null.</summary>
    public static Bucket? Exactly(SeriesInterval interval, DateOnly start, DateOnly end)
    {
        var bucket = Containing(interval, start);
        return bucket.Start == start && bucket.End == end ? bucket : null;
    }

    public static IEnumerable<Bucket> From(SeriesInterval interval, Bucket first, Bucket last)
    {
        for (var b = first; b.Start <= last.Start; b = Containing(interval, b.End.AddDays(1)))
            yield return b;
    }

    public static int Count(SeriesInterval interval, Bucket first, Bucket last) => interval switch
    {
        SeriesInterval.Month => (last.Start.Year - first.Start.Year) * 12 + last.Start.Month - first.Start.Month + 1,
        SeriesInterval.Quarter => ((last.Start.Year - first.Start.Year) * 12 + last.Start.Month - first.Start.Month) / 3 + 1,
        _ => last.Start.Year - first.Start.Year + 1,
    };

    static Bucket Month(int year, int month) => new(
        year.ToString("D4", CultureInfo.InvariantCulture) + "-" + month.ToString("D2", CultureInfo.InvariantCulture),
        new DateOnly(year, month, 1), new DateOnly(year, month, DateTime.DaysInMonth(year, month)));

    static Bucket Quarter(int year, int quarter) => new(
        year.ToString("D4", CultureInfo.InvariantCulture) + "-Q" + quarter.ToString(CultureInfo.InvariantCulture),
        new DateOnly(year, quarter * 3 - 2, 1), new DateOnly(year, quarter * 3, DateTime.DaysInMonth(year, quarter * 3)));

    static Bucket Year(int year) => new(year.ToString("D4", CultureInfo.InvariantCulture), new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    static Bucket FiscalYear(int endingYear) => new(
        "FY" + endingYear.ToString("D4", CultureInfo.InvariantCulture), new DateOnly(endingYear - 1, 10, 1), new DateOnly(endingYear, 9, 30));
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

    [FromQuery(Name = "from"), Description("Only figures whose period ends on or after this day (YYYY-MM-DD); targets without a period always count."), ApiParameter(Type = typeof(DateOnly), Example = "2025-01-01")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description("Only figures whose period starts on or before this day (YYYY-MM-DD); not before `from`."), ApiParameter(Type = typeof(DateOnly), Example = "2025-12-31")]
    public string? To { get; init; }
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

    [FromQuery(Name = "tolerance"), Description("Relative difference under which two values agree, from 0 to 1. Default 0.02 (2%)."), ApiParameter(Type = typeof(decimal), Minimum = 0, Maximum = 1, Default = 0.02, Example = "0.05")]
    public string? Tolerance { get; init; }
}

/// <summary>The query parameters of <c>GET /api/v1/figures/series</c>.</summary>
internal sealed class SeriesQuery
{
    [FromQuery(Name = "metric"), Description("The metric (required), e.g. `removals`."), ApiParameter(Example = "removals", Required = true)]
    public string? Metric { get; init; }

    [FromQuery(Name = "interval"), Description("The buckets (required): `month`, `quarter`, `year` or `fiscal_year` (US federal: October 1 to September 30, labelled by its ending year, FY2025)."), ApiParameter(Type = typeof(SeriesInterval), Example = "fiscal_year", Required = true)]
    public string? Interval { get; init; }

    [FromQuery(Name = "scope"), Description("The scope of the figures. Default `US`."), ApiParameter(Example = "US")]
    public string? Scope { get; init; }

    [FromQuery(Name = "kind"), Description("The kind of figures. Default `actual`."), ApiParameter(Type = typeof(FigureKind), Example = "actual")]
    public string? Kind { get; init; }

    [FromQuery(Name = "from"), Description("The first bucket is the one holding this day (YYYY-MM-DD); default: the first bucket with a figure."), ApiParameter(Type = typeof(DateOnly), Example = "2020-10-01")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description("The last bucket is the one holding this day (YYYY-MM-DD); not before `from`. Default: the last bucket with a figure."), ApiParameter(Type = typeof(DateOnly), Example = "2025-09-30")]
    public string? To { get; init; }
}
