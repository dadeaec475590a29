using System.Data.Common;
using EnforcementApi.Data;
using EnforcementApi.Figures;
using EnforcementApi.Http;
using EnforcementApi.Metrics;
using EnforcementApi.Querying;
using EnforcementApi.Sources;
using EnforcementApi.Statements;

namespace EnforcementApi.Pages;

public sealed record SourceView(
    Source Source, IReadOnlyDictionary<string, string> Metrics,
    IReadOnlyList<Figure> Figures, bool MoreFigures, IReadOnlyList<Statement> Statements, bool MoreStatements);

/// <summary><c>/sources/{id}</c>: a source, and every excerpt of it that a record cites, each with its own anchor.</summary>
internal static class SourcePages
{
    const int Shown = 200;

    public static async Task<IResult> OneAsync(string id, HttpContext http, Db db, QueryCache cache, CancellationToken ct)
    {
        var query = new PageQuery(http.Request);
        if (query.Errors.Any) return Pages.Html<ProblemPage>(ProblemView.Of(query.Errors), StatusCodes.Status400BadRequest);
        await using var connection = await db.OpenAsync(ct);
        if (await SourcesApi.LoadAsync(connection, id, ct) is not ({ } source, _))
            return ProblemView.Missing(await MissingRecord.ForAsync(connection, RecordType.Source, id));

        var figureList = await new FigureListQuery { Source = id, Sort = "-periodEnd", Limit = Shown.ToString() }.ToListQueryAsync(connection);
        var figureRows = await figureList.RunAsync(connection, cache, ct);
        var statementList = await new StatementListQuery { Source = id, Limit = Shown.ToString() }.ToListQueryAsync(connection);
        var statementRows = await statementList.RunAsync(connection, cache, ct);

        return Pages.Html<SourcePage>(new SourceView(
            source,
            (await MetricsApi.LoadAsync(connection, ct)).ToDictionary(m => m.Id, m => m.Label),
            await FiguresApi.ToFiguresAsync(connection, figureRows.Rows, withCitations: true, ct), figureRows.NextCursor is not null,
            await StatementsApi.ToStatementsAsync(connection, statementRows.Rows, withCitations: true, ct), statementRows.NextCursor is not null));
    }
}
