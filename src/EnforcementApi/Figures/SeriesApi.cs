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

/// <summary><c>GET /api/v1/figures/series</c>: a metric over time, a point per bucket.</summary>
public static class SeriesApi
{
    public static IEndpointRouteBuilder MapSeries(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/figures").WithTags("Figures");

        group.MapGet("/series", Series).WithName(nameof(Series))
            .WithSummary("A metric over time")
            .WithDescription("""
                One point per bucket (month, quarter, year or US federal fiscal year, October to September, labelled
                by its ending year) from the first bucket to the last: the figure whose period is exactly that
                bucket. Where several are, the point takes the `preferred` one, else the one whose source was
                published most recently, and lists the others. Buckets without a figure have a null value, so a
                chart has no gaps. The range is `from`/`to` when given (whole buckets), else the figures' own.
                A series follows one agency's count (`countedBy`): by default the agency with the most figures in
                the range, so ICE's removals are never chained with DHS-wide totals; `countedBy=any` mixes them.
                Percentages are left out unless `unit=percent` asks for them.
                """);
        return api;
    }

    internal static readonly string FiguresSql = FigureDefinition.Select + """
        ,
               (select max(s.published_on) from citations c left join sources s on s.id = c.source_id
                where c.record_type = 'figure' and c.record_id = f.id) as latest_published_on
        """ + "\n" + FigureDefinition.From + """

        where f.metric = @metric and f.rank <> 'deprecated'
        order by f.id
        """;

    internal const string Choice =
        "The figure of the series' counting agency whose period is exactly the bucket; of several, the preferred one, else the one " +
        "whose source was published most recently, else the first by id.";

    /// <summary>The <c>countedBy</c> value that mixes every counting agency's figures in one series.</summary>
    internal const string AnyCounter = "any";

    internal static async Task<Results<Ok<SeriesReport>, ValidationProblem>> Series(
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
        var unit = Unit(query.Unit, errors);
        var scope = query.Scope ?? "US";
        if (scope.Length == 0) errors.Add("scope", "Must not be empty.");
        foreach (var (name, day) in new[] { ("from", range.From), ("to", range.To) })
            if (day is { } d && (d < Buckets.Earliest || d > Buckets.Latest))
                errors.Add(name, $"Must be from {Buckets.Earliest:yyyy-MM-dd} to {Buckets.Latest:yyyy-MM-dd}, the years a series covers; got {d:yyyy-MM-dd}.");
        var grouped = query.GroupBy is "dimensionValue";
        if (query.GroupBy is not (null or "dimensionValue"))
            errors.Add("groupBy", $"Must be dimensionValue (a series per value of the dimension); got {QueryErrors.Quote(query.GroupBy)}.");
        else if (grouped && query.Dimension is null or "none")
            errors.Add("groupBy", "Needs dimension: groupBy=dimensionValue gives a series per value of the dimension named, such as dimension=citizenship.");
        else if (grouped && query.DimensionValue is not null)
            errors.Add("dimensionValue", "Cannot go with groupBy=dimensionValue, which gives every value its own series; leave one of them out.");
        var (dimension, slice) = await BreakdownAsync(connection, query.Dimension, query.DimensionValue, errors, valueOptional: grouped);
        if (query.CountedBy is not (null or AnyCounter or "none") && !await EntityExistsAsync(connection, query.CountedBy))
            errors.Add("countedBy", $"Must be an entity id, none or any; no entity has the id {QueryErrors.Quote(query.CountedBy)}.");
        if (errors.Any) return errors.ToProblem();

        var kindName = Wire<FigureKind>.Name(kind);
        // Like with like: whole counts, one part of a count, or (grouped) each part of one dimension apart.
        var figures = (await connection.QueryAsync<FigureRow>(new CommandDefinition(FiguresSql, new { metric }, cancellationToken: ct)))
            .Where(f => f.Kind == kindName && f.Scope == scope && OfUnit(f, unit) && f.PeriodStart is not null && f.PeriodEnd is not null)
            .Where(f => f.PeriodStart >= Buckets.Earliest && f.PeriodEnd <= Buckets.Latest)
            .Where(f => f.Dimension == dimension && (grouped || f.DimensionValue == slice?.Value))
            .ToList();
        var allInBuckets = figures
            .Select(f => (Figure: f, Bucket: Buckets.Exactly(interval, f.PeriodStart!.Value, f.PeriodEnd!.Value)))
            .Where(x => x.Bucket is not null)
            .Where(x => (range.From is null || x.Bucket!.Value.End >= range.From) && (range.To is null || x.Bucket!.Value.Start <= range.To))
            .ToList();
        // One agency's count: the one asked for, else the one with the most figures in the range (a recorded one before none).
        var counter = query.CountedBy switch
        {
            AnyCounter => null,
            "none" => null,
            { } asked => asked,
            null => allInBuckets.GroupBy(x => x.Figure.CountedBy)
                .OrderBy(g => g.Key is null ? 1 : 0).ThenByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key).FirstOrDefault(),
        };
        var mixed = query.CountedBy is AnyCounter;
        var inBuckets = allInBuckets.Where(x => mixed || x.Figure.CountedBy == counter).ToList();
        IReadOnlyList<string> others = allInBuckets.Select(x => x.Figure.CountedBy).Where(c => c is not null && !mixed && c != counter)
            .Distinct().Order(StringComparer.Ordinal).ToList()!;
        var counterName = mixed ? AnyCounter : counter;

        Buckets.Bucket? firstFigure = inBuckets.Count == 0 ? null : inBuckets.Select(x => x.Bucket!.Value).MinBy(b => b.Start);
        Buckets.Bucket? lastFigure = inBuckets.Count == 0 ? null : inBuckets.Select(x => x.Bucket!.Value).MaxBy(b => b.Start);
        var first = range.From is { } from ? Buckets.Containing(interval, from) : firstFigure ?? (range.To is { } t1 ? Buckets.Containing(interval, t1) : null);
        var last = range.To is { } to ? Buckets.Containing(interval, to) : lastFigure ?? first;
        if (first is not { } firstBucket || last is not { } lastBucket || firstBucket.Start > lastBucket.Start)
            return TypedResults.Ok(new SeriesReport(metric!, interval, scope, kind, counterName, others, slice, Choice, [], grouped ? [] : null));
        if (Buckets.Count(interval, firstBucket, lastBucket) > Buckets.MaxPoints)
        {
            errors.Add("from", $"The range holds more than {Buckets.MaxPoints} {Wire<SeriesInterval>.Name(interval)} buckets; narrow it with from/to or use a wider interval.");
            return errors.ToProblem();
        }

        var chosen = inBuckets.GroupBy(x => (x.Figure.DimensionValue, x.Bucket!.Value.Start)).ToDictionary(g => g.Key, g => g
            .Select(x => x.Figure)
            .OrderBy(f => f.Rank == "preferred" ? 0 : 1)
            .ThenByDescending(f => f.LatestPublishedOn ?? "")
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ToList());
        var citations = await Citations.Citations.LoadAsync(connection, RecordType.Figure,
            chosen.Values.Select(c => c[0].Id).ToArray(), ct);

        List<SeriesPoint> Points(string? value) => Buckets.From(interval, firstBucket, lastBucket).Select(b =>
        {
            if (!chosen.TryGetValue((value, b.Start), out var candidates))
                return new SeriesPoint(b.Label, b.Start, b.End, null, null, null, null, [], null, []);
            var f = candidates[0];
            return new SeriesPoint(b.Label, b.Start, b.End, f.DecimalValue, f.Qualifier, f.Id, Wire<FigureRank>.Parse(f.Rank),
                candidates.Skip(1).Select(c => c.Id).ToList(), f.Reporter, citations[f.Id].ToList());
        }).ToList();

        if (!grouped)
            return TypedResults.Ok(new SeriesReport(metric!, interval, scope, kind, counterName, others, slice, Choice, Points(slice?.Value), null));
        // The parts with a figure in the range, the largest first: by the sum of their points.
        var groups = inBuckets.Select(x => x.Figure).DistinctBy(f => f.DimensionValue)
            .Select(f => new SeriesGroup(f.Breakdown!, Points(f.DimensionValue)))
            .Where(g => g.Points.Any(p => p.Value is not null))
            .OrderByDescending(g => g.Points.Sum(p => p.Value ?? 0)).ThenBy(g => g.Breakdown.Value, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new SeriesReport(metric!, interval, scope, kind, counterName, others, null, Choice, [], groups));
    }

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

    [FromQuery(Name = "countedBy"), Description("Whose count the series follows: an entity id (`ice`, `dhs`, `cbp`), `none` for figures whose counting agency is not recorded, or `any` to mix every agency's figures (the preferred one still wins a bucket). Default: the agency with the most figures in the range."), ApiParameter(Example = "ice")]
    public string? CountedBy { get; init; }
    [FromQuery(Name = "unit"), Description(Analysis.UnitDoc), ApiParameter(Type = typeof(FigureUnit), Example = "people")]
    public string? Unit { get; init; }

    [FromQuery(Name = "dimension"), Description(Analysis.DimensionDoc + " With `groupBy=dimensionValue`, every value of the dimension gets its own series."), ApiParameter(Example = "citizenship")]
    public string? Dimension { get; init; }

    [FromQuery(Name = "dimensionValue"), Description(Analysis.DimensionValueDoc), ApiParameter(Example = "MX")]
    public string? DimensionValue { get; init; }

    [FromQuery(Name = "groupBy"), Description("`dimensionValue`: a series for each value of `dimension` (in `groups`, the largest first, all over the same buckets) instead of one series in `points`."), ApiParameter(Example = "dimensionValue")]
    public string? GroupBy { get; init; }

    [FromQuery(Name = "from"), Description("The first bucket is the one holding this day (YYYY-MM-DD); default: the first bucket with a figure."), ApiParameter(Type = typeof(DateOnly), Example = "2020-10-01")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description("The last bucket is the one holding this day (YYYY-MM-DD); not before `from`. Default: the last bucket with a figure."), ApiParameter(Type = typeof(DateOnly), Example = "2025-09-30")]
    public string? To { get; init; }
}
