using System.Data.Common;
using System.Globalization;
using EnforcementApi.Data;
using EnforcementApi.Dimensions;
using EnforcementApi.Figures;
using EnforcementApi.Json;
using EnforcementApi.Metrics;
using EnforcementApi.Pages.Charts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EnforcementApi.Pages;

public sealed record SeriesView(PageQuery Query, IReadOnlyList<Metric> Metrics, IReadOnlyList<Dimension> Dimensions, SeriesReport? Report)
{
    public Metric? Metric => Metrics.FirstOrDefault(m => m.Id == (Query["metric"] ?? ChartPages.DefaultMetric));
    public string JsonUrl => PageQuery.Url("/api/v1/figures/series", ChartPages.SeriesParameters(Query));
}

public sealed record BreakdownView(PageQuery Query, IReadOnlyList<Metric> Metrics, IReadOnlyList<Dimension> Dimensions, IReadOnlyList<string> Years, SeriesReport? Report)
{
    public Metric? Metric => Metrics.FirstOrDefault(m => m.Id == (Query["metric"] ?? ChartPages.DefaultMetric));
    public string Year => Query["year"] ?? ChartPages.DefaultYear;
    public string Dimension => Query["dimension"] ?? "citizenship";
}

public sealed record PaceView(PageQuery Query, IReadOnlyList<Metric> Metrics, PaceReport? Report)
{
    public Metric? Metric => Metrics.FirstOrDefault(m => m.Id == (Query["metric"] ?? ChartPages.DefaultPaceMetric));

    /// <summary>The target the chart is read against: the one asked for, else the first.</summary>
    public PaceTarget? Target => Report?.Targets.FirstOrDefault(t => t.FigureId == Query["target"]) ?? Report?.Targets.FirstOrDefault();

    public string JsonUrl => PageQuery.Url("/api/v1/figures/pace", Query.Values.Where(p => p.Key != "target"),
        ("metric", Query["metric"] ?? ChartPages.DefaultPaceMetric), ("from", Query["from"] ?? ChartPages.DefaultPaceFrom));
}

/// <summary>
/// <c>/charts/series</c>, <c>/charts/breakdown</c> and <c>/charts/pace</c>: the API's series and pace
/// analyses drawn as SVG on the server, each point linked to its figure and each chart followed by its table.
/// </summary>
internal static class ChartPages
{
    public const string DefaultMetric = "removals";
    public const string DefaultPaceMetric = "arrests";
    /// <summary>The pace chart's default start: every target in the bundled records is a goal of 2025, stated from this day on.</summary>
    public const string DefaultPaceFrom = "2025-01-20";
    public const string DefaultYear = "FY2024";

    static readonly string[] SeriesNames = ["metric", "interval", "scope", "kind", "countedBy", "dimension", "dimensionValue", "from", "to"];

    public static IEnumerable<KeyValuePair<string, string>> SeriesParameters(PageQuery query) =>
        query.Values.Append(KeyValuePair.Create("metric", query["metric"] ?? DefaultMetric))
            .Append(KeyValuePair.Create("interval", query["interval"] ?? "fiscal_year"))
            .DistinctBy(p => p.Key);

    public static async Task<IResult> SeriesAsync(HttpContext http, Db db, CancellationToken ct)
    {
        var query = new PageQuery(http.Request, SeriesNames);
        var (metrics, dimensions) = await VocabularyAsync(db, ct);
        if (query.Errors.Any) return Pages.Html<SeriesPage>(new SeriesView(query, metrics, dimensions, null), StatusCodes.Status400BadRequest);

        var answer = await SeriesApi.Series(new SeriesQuery
        {
            Metric = query["metric"] ?? DefaultMetric, Interval = query["interval"] ?? "fiscal_year", Scope = query["scope"], Kind = query["kind"],
            CountedBy = query["countedBy"], Dimension = query["dimension"], DimensionValue = query["dimensionValue"], From = query["from"], To = query["to"],
        }, db, ct);
        if (answer.Result is ValidationProblem problem)
        {
            query.Add(problem);
            return Pages.Html<SeriesPage>(new SeriesView(query, metrics, dimensions, null), StatusCodes.Status400BadRequest);
        }
        return Pages.Html<SeriesPage>(new SeriesView(query, metrics, dimensions, ((Ok<SeriesReport>)answer.Result).Value));
    }

    public static async Task<IResult> BreakdownAsync(HttpContext http, Db db, CancellationToken ct)
    {
        var query = new PageQuery(http.Request, "metric", "dimension", "year");
        var (metrics, dimensions) = await VocabularyAsync(db, ct);
        var years = Enumerable.Range(2013, FiscalYearOf(DateOnly.FromDateTime(DateTime.UtcNow)) - 2012).Select(y => "FY" + y).Reverse().ToList();
        var view = new BreakdownView(query, metrics, dimensions, years, null);
        if (!years.Contains(view.Year))
            query.Errors.Add("year", $"Must be a fiscal year from {years[^1]} to {years[0]}, such as {DefaultYear}; got {Querying.QueryErrors.Quote(view.Year)}.");
        if (query.Errors.Any) return Pages.Html<BreakdownPage>(view, StatusCodes.Status400BadRequest);

        // One fiscal year: a series of one bucket for each value of the dimension, largest first.
        var endingYear = int.Parse(view.Year[2..], CultureInfo.InvariantCulture);
        var answer = await SeriesApi.Series(new SeriesQuery
        {
            Metric = view.Metric?.Id ?? query["metric"], Interval = "fiscal_year", Dimension = view.Dimension, GroupBy = "dimensionValue",
            From = $"{endingYear - 1}-10-01", To = $"{endingYear}-09-30",
        }, db, ct);
        if (answer.Result is ValidationProblem problem)
        {
            query.Add(problem);
            return Pages.Html<BreakdownPage>(view, StatusCodes.Status400BadRequest);
        }
        return Pages.Html<BreakdownPage>(view with { Report = ((Ok<SeriesReport>)answer.Result).Value });
    }

    public static async Task<IResult> PaceAsync(HttpContext http, Db db, CancellationToken ct)
    {
        var query = new PageQuery(http.Request, "metric", "target", "scope", "from", "to");
        var (metrics, _) = await VocabularyAsync(db, ct);
        if (query.Errors.Any) return Pages.Html<PacePage>(new PaceView(query, metrics, null), StatusCodes.Status400BadRequest);

        var answer = await PaceApi.Pace(new PaceQuery
        {
            Metric = query["metric"] ?? DefaultPaceMetric, Scope = query["scope"], From = query["from"] ?? DefaultPaceFrom, To = query["to"],
        }, db, ct);
        if (answer.Result is ValidationProblem problem)
        {
            query.Add(problem);
            return Pages.Html<PacePage>(new PaceView(query, metrics, null), StatusCodes.Status400BadRequest);
        }
        var view = new PaceView(query, metrics, ((Ok<PaceReport>)answer.Result).Value);
        if (query["target"] is { } target && view.Report!.Targets.All(t => t.FigureId != target))
        {
            query.Errors.Add("target", $"Is not a target of this metric; its targets are: {string.Join(", ", view.Report.Targets.Select(t => t.FigureId))}.");
            return Pages.Html<PacePage>(view, StatusCodes.Status400BadRequest);
        }
        return Pages.Html<PacePage>(view);
    }

    static async Task<(List<Metric>, List<Dimension>)> VocabularyAsync(Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await MetricsApi.LoadAsync(connection, ct), await DimensionsApi.LoadAsync(connection, ct));
    }

    static int FiscalYearOf(DateOnly day) => day.Month >= 10 ? day.Year + 1 : day.Year;

    /// <summary>A series' points as a chart's: the bucket, the value in words, the figure.</summary>
    public static List<ChartPoint> Points(IEnumerable<SeriesPoint> points, FigureUnit unit) => points
        .Select(p => new ChartPoint(p.Bucket, p.Value, p.FigureId,
            p.Value is { } v ? Display.Value(v, p.ValueQualifier ?? ValueQualifier.Exact, unit) : "no figure"))
        .ToList();

    public static string IntervalTitle(string interval) => interval switch
    {
        "month" => "Month",
        "quarter" => "Quarter",
        "year" => "Calendar year",
        _ => "Fiscal year",
    };

    public static IReadOnlyList<string> Intervals => Wire<SeriesInterval>.Names;
}
