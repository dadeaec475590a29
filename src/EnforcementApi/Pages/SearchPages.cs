using System.Data.Common;
using EnforcementApi.Data;
using EnforcementApi.Querying;
using EnforcementApi.Search;

namespace EnforcementApi.Pages;

public sealed record SearchView(
    PageQuery Query, IReadOnlyList<SearchHit> Hits, IReadOnlyList<FacetValue> Types, long? Total, string? Next, string? Previous, string? Start)
{
    public string JsonUrl => PageQuery.Url("/api/v1/search", Query.Values.Where(p => p.Key != "before"), ("cursor", Start));
}

/// <summary><c>/search</c>: every kind of record, ranked, with the matched words marked and counts by kind.</summary>
internal static class SearchPages
{
    public static async Task<IResult> SearchAsync(HttpContext http, Db db, QueryCache cache, CancellationToken ct)
    {
        var query = PageQuery.ForList<SearchParameters>(http.Request, "before");
        if (query["q"] is null)
            return query.Errors.Any
                ? Pages.Html<SearchPage>(new SearchView(query, [], [], null, null, null, null), StatusCodes.Status400BadRequest)
                : Pages.Html<SearchPage>(new SearchView(query, [], [], null, null, null, null));
        if (query.Errors.Any) return Pages.Html<SearchPage>(new SearchView(query, [], [], null, null, null, null), StatusCodes.Status400BadRequest);

        var list = ListParameters.From<SearchParameters>(query.ListValues).ToListQuery(db.Dialect, query["before"]);
        // The counts by kind are of every hit, whichever kind the page shows, so each is a way to narrow it.
        var byType = new SearchParameters { Q = query["q"], From = query["from"], To = query["to"], Facet = ["type"], Limit = "1" }.ToListQuery(db.Dialect);
        if (list.Errors.Any)
        {
            foreach (var (name, messages) in list.Errors.All)
                foreach (var message in messages) query.Errors.Add(name, message);
            return Pages.Html<SearchPage>(new SearchView(query, [], [], null, null, null, null), StatusCodes.Status400BadRequest);
        }

        await using var connection = await db.OpenAsync(ct);
        var result = await list.RunAsync(connection, cache, ct);
        var types = (await byType.RunAsync(connection, cache, ct)).Facets!["type"].Values;
        return Pages.Html<SearchPage>(new SearchView(query, result.Rows.Select(SearchApi.ToHit).ToList(), types, result.Total, result.NextCursor, result.PreviousCursor, result.StartCursor));
    }
}
