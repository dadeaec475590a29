using System.Data.Common;
using EnforcementApi.Data;
using EnforcementApi.Figures;
using EnforcementApi.Home;
using EnforcementApi.Querying;
using EnforcementApi.Statements;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EnforcementApi.Pages;

public sealed record HomeView(long Figures, long Statements, long Sources, SeriesReport? Removals, IReadOnlyList<HomeApi.Link> Links);

/// <summary><c>/</c> for a browser: what is here, a first chart, and where to go next.</summary>
internal static class HomePages
{
    public static async Task<IResult> HomeAsync(HttpContext http, Db db, QueryCache cache, CancellationToken ct)
    {
        Pages.Start(http);
        var query = new PageQuery(http.Request);
        if (query.Errors.Any) return Pages.Html<ProblemPage>(ProblemView.Of(query.Errors), StatusCodes.Status400BadRequest);

        await using var connection = await db.OpenAsync(ct);
        var figures = await (await new FigureListQuery { Count = "true", Limit = "1" }.ToListQueryAsync(connection)).RunAsync(connection, cache, ct);
        var statements = await (await new StatementListQuery { Count = "true", Limit = "1" }.ToListQueryAsync(connection)).RunAsync(connection, cache, ct);
        var sources = await (await new Sources.SourceListQuery { Count = "true", Limit = "1" }.ToListQueryAsync(connection)).RunAsync(connection, cache, ct);
        var removals = await SeriesApi.Series(new SeriesQuery { Metric = ChartPages.DefaultMetric, Interval = "fiscal_year" }, db, ct);

        return Pages.Html<HomePage>(new HomeView(figures.Total ?? 0, statements.Total ?? 0, sources.Total ?? 0,
            (removals.Result as Ok<SeriesReport>)?.Value, HomeApi.Index.Links));
    }
}
