using System.Data.Common;
using System.Globalization;
using EnforcementApi.Data;
using EnforcementApi.Http;
using EnforcementApi.Querying;
using EnforcementApi.Statements;

namespace EnforcementApi.Pages;

public sealed record StatementsView(
    PageQuery Query, IReadOnlyList<FacetValue> Speakers, IReadOnlyList<Statement> Statements, long? Total, string? Next, string? Previous, string? Start)
{
    public string JsonUrl => PageQuery.Url("/api/v1/statements", Query.Values.Where(p => p.Key != "before"), ("cursor", Start));
}

public sealed record StatementView(Statement Statement);

/// <summary><c>/statements</c> and <c>/statements/{id}</c>: who said what and when, with the excerpts that report it.</summary>
internal static class StatementPages
{

    public static async Task<IResult> ListAsync(HttpContext http, Db db, QueryCache cache, CancellationToken ct)
    {
        var query = PageQuery.ForList<StatementListQuery>(http.Request, "before");
        await using var connection = await db.OpenAsync(ct);
        var all = await new StatementListQuery { Facet = ["speaker"], Limit = "1" }.ToListQueryAsync(connection);
        var speakers = (await all.RunAsync(connection, cache, ct)).Facets!["speaker"].Values;
        if (query.Errors.Any) return Pages.Html<StatementsPage>(new StatementsView(query, speakers, [], null, null, null, null), StatusCodes.Status400BadRequest);

        var list = await ListParameters.From<StatementListQuery>(query.ListValues).ToListQueryAsync(connection, query["before"]);
        if (list.Errors.Any)
        {
            foreach (var (name, messages) in list.Errors.All)
                foreach (var message in messages) query.Errors.Add(name, message);
            return Pages.Html<StatementsPage>(new StatementsView(query, speakers, [], null, null, null, null), StatusCodes.Status400BadRequest);
        }
        var result = await list.RunAsync(connection, cache, ct);
        var statements = await StatementsApi.ToStatementsAsync(connection, result.Rows, withCitations: true, ct);
        return Pages.Html<StatementsPage>(new StatementsView(query, speakers, statements, result.Total, result.NextCursor, result.PreviousCursor, result.StartCursor));
    }

    public static async Task<IResult> OneAsync(string id, HttpContext http, Db db, CancellationToken ct)
    {
        var query = new PageQuery(http.Request);
        if (query.Errors.Any) return Pages.Html<ProblemPage>(ProblemView.Of(query.Errors), StatusCodes.Status400BadRequest);
        await using var connection = await db.OpenAsync(ct);
        return await StatementsApi.LoadAsync(connection, id, ct) is ({ } statement, _)
            ? Pages.Html<StatementPage>(new StatementView(statement))
            : ProblemView.Missing(await MissingRecord.ForAsync(connection, RecordType.Statement, id));
    }
}
