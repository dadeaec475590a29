using EnforcementApi.Json;
using System.Globalization;
using EnforcementApi.Data;
using EnforcementApi.Dimensions;
using EnforcementApi.Figures;
using EnforcementApi.Http;
using EnforcementApi.Metrics;
using EnforcementApi.Querying;
using EnforcementApi.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Data.Common;

namespace EnforcementApi.Pages;

/// <summary>What the figures form offers: the metrics, the reporters, the counting agencies and the dimensions that figures have.</summary>
public sealed record FigureOptions(
    IReadOnlyList<Metric> Metrics, IReadOnlyList<FacetValue> Reporters, IReadOnlyList<FacetValue> Counters, IReadOnlyList<Dimension> Dimensions, IReadOnlyList<FacetValue> DimensionValues)
{
    public IReadOnlyDictionary<string, string> MetricLabels { get; } = Metrics.ToDictionary(m => m.Id, m => m.Label);
}

public sealed record FiguresView(
    PageQuery Query, FigureOptions Options, IReadOnlyList<Figure> Figures, long? Total, string? Next, string? Previous, string? Start)
{
    public string Sort => Query["sort"] ?? "-periodEnd";

    /// <summary>The same query as the API's list: its filters, sort, limit and where this page starts, as a forward cursor.</summary>
    public string JsonUrl => PageQuery.Url("/api/v1/figures", Query.Values.Where(p => p.Key != "before"), ("cursor", Start));

    /// <summary>Every figure the filters select, as CSV: the export takes the filters and the sort, not the paging.</summary>
    public string CsvUrl => PageQuery.Url("/api/v1/export/figures", Query.Values.Where(p => p.Key is not ("limit" or "cursor" or "before")), ("format", "csv"));
}

public sealed record FigureView(
    Figure Figure,
    IReadOnlyDictionary<string, string> Metrics,
    string MetricDefinition,
    IReadOnlyList<Revision> Revisions,
    bool MoreRevisions,
    IReadOnlyList<Figure> SamePeriod,
    DiscrepancyGroup? Discrepancy);

/// <summary><c>/figures</c> and <c>/figures/{id}</c>: the list with its filters as a form, and one figure with its words, history and rivals.</summary>
internal static class FigurePages
{
    public static async Task<IResult> ListAsync(HttpContext http, Db db, QueryCache cache, CancellationToken ct)
    {
        var query = PageQuery.ForList<FigureListQuery>(http.Request, "before");
        await using var connection = await db.OpenAsync(ct);
        var options = await OptionsAsync(connection, query["dimension"], cache, ct);
        if (query.Errors.Any) return Pages.Html<FiguresPage>(new FiguresView(query, options, [], null, null, null, null), StatusCodes.Status400BadRequest);

        var list = await ListParameters.From<FigureListQuery>(query.ListValues).ToListQueryAsync(connection, query["before"]);
        if (list.Errors.Any)
        {
            foreach (var (name, messages) in list.Errors.All)
                foreach (var message in messages) query.Errors.Add(name, message);
            return Pages.Html<FiguresPage>(new FiguresView(query, options, [], null, null, null, null), StatusCodes.Status400BadRequest);
        }

        var result = await list.RunAsync(connection, cache, ct);
        var figures = await FiguresApi.ToFiguresAsync(connection, result.Rows, withCitations: true, ct);
        return Pages.Html<FiguresPage>(new FiguresView(query, options, figures, result.Total, result.NextCursor, result.PreviousCursor, result.StartCursor));
    }

    public static async Task<IResult> OneAsync(string id, HttpContext http, Db db, QueryCache cache, CancellationToken ct)
    {
        var query = new PageQuery(http.Request);
        if (query.Errors.Any) return Pages.Html<ProblemPage>(ProblemView.Of(query.Errors), StatusCodes.Status400BadRequest);
        await using var connection = await db.OpenAsync(ct);
        if (await FiguresApi.LoadAsync(connection, id, ct) is not ({ } figure, _))
            return ProblemView.Missing(await MissingRecord.ForAsync(connection, RecordType.Figure, id));

        var metrics = await MetricsApi.LoadAsync(connection, ct);
        var revisions = await new RevisionListQuery { Limit = "20" }.ToListQuery(RecordType.Figure, id)
            .RunAsync(connection, cache, ct);

        // The other figures of the same metric, period and part of the count, largest first: the figures a
        // reader compares this one with.
        IReadOnlyList<Figure> samePeriod = [];
        DiscrepancyGroup? discrepancy = null;
        if (figure.PeriodStart is { } start && figure.PeriodEnd is { } end)
        {
            var same = await new FigureListQuery
            {
                Metric = figure.Metric,
                PeriodStart = ["eq:" + Display.Date(start)],
                PeriodEnd = ["eq:" + Display.Date(end)],
                Dimension = figure.Breakdown?.Dimension ?? "none",
                DimensionValue = figure.Breakdown?.Value,
                Sort = "-value",
                Limit = "50",
            }.ToListQueryAsync(connection);
            var rows = (await same.RunAsync(connection, cache, ct)).Rows;
            samePeriod = await FiguresApi.ToFiguresAsync(connection, rows, withCitations: true, ct);

            var report = await DiscrepanciesApi.Discrepancies(
                new DiscrepancyQuery
                {
                    Metric = figure.Metric, From = Display.Date(start), To = Display.Date(end),
                    // A percentage is compared with percentages, which the analysis leaves out unless asked.
                    Unit = figure.Unit == FigureUnit.Percent ? Wire<FigureUnit>.Name(FigureUnit.Percent) : null,
                }, db, ct);
            if (report.Result is Ok<DiscrepancyReport> { Value: { } found })
                discrepancy = found.Groups.FirstOrDefault(g => g.Figures.Any(f => f.FigureId == id));
        }

        return Pages.Html<FigurePage>(new FigureView(
            figure, metrics.ToDictionary(m => m.Id, m => m.Label), metrics.FirstOrDefault(m => m.Id == figure.Metric)?.Definition ?? "",
            revisions.Rows.Select(Revisions.ToRevision).ToList(), revisions.NextCursor is not null, samePeriod, discrepancy));
    }

    /// <summary>The form's choices. The reporters, counting agencies and dimension values are the facets of every figure (cached until the next write).</summary>
    static async Task<FigureOptions> OptionsAsync(DbConnection connection, string? dimension, QueryCache cache, CancellationToken ct)
    {
        var metrics = await MetricsApi.LoadAsync(connection, ct);
        var all = await new FigureListQuery { Facet = ["reportedBy", "countedBy"], Limit = "1" }.ToListQueryAsync(connection);
        var facets = (await all.RunAsync(connection, cache, ct)).Facets!;
        var reporters = facets["reportedBy"].Values;
        // A figure without a counting agency has none to offer: that value is left out of the choices.
        var counters = facets["countedBy"].Values.Where(v => v.Value is not null).ToList();

        IReadOnlyList<FacetValue> values = [];
        if (dimension is not null and not "none" and not "ne:none")
        {
            var ofDimension = await new FigureListQuery { Dimension = dimension, Facet = ["dimensionValue"], Limit = "1" }.ToListQueryAsync(connection);
            if (!ofDimension.Errors.Any)
                values = (await ofDimension.RunAsync(connection, cache, ct)).Facets!["dimensionValue"].Values
                    .OrderBy(v => v.Label ?? v.Value, StringComparer.Ordinal).ToList();
        }
        return new FigureOptions(metrics, reporters, counters, await DimensionsApi.LoadAsync(connection, ct), values);
    }
}
