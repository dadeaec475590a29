using System.ComponentModel;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using System.Data.Common;

namespace EnforcementApi.Search;

public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/search").WithTags("Search")
            .MapGet("/", SearchRecords).WithName(nameof(SearchRecords))
            .WithSummary("Search every record")
            .WithDescription("""
                Full-text search across statements (text, speaker), events (title, summary), figures (metric,
                wording, period, reporter), sources (title), entities (name, summary) and the excerpts that cite
                them. Words match their variants ("deportation" finds "deported"), case and accents do not
                matter. `q` takes words (all must match), prefixes (`deport*`), "phrases in double quotes",
                `AND`, `OR`, `NOT` (between two terms) and parentheses. Hits are ranked by relevance (BM25 on
                SQLite, `ts_rank` on PostgreSQL), best first, with title and name weighing most, then the record's
                own text, then excerpts; pages follow by cursor. Filter by `types` and by the records' own dates
                with `from`/`to`.
                """);
        return api;
    }

    internal static async Task<Results<Ok<Page<SearchHit>>, ValidationProblem>> SearchRecords(
        [AsParameters] SearchParameters query, Db db, HttpContext http, CancellationToken ct)
    {
        var list = query.ToListQuery(db.Dialect);
        if (list.Errors.Any) return list.Errors.ToProblem();

        await using var connection = await db.OpenAsync(ct);

        var result = await list.ExecuteAsync(connection, http, ct);
        return TypedResults.Ok(result.ToPage(result.Rows.Select(ToHit).ToList()));
    }

    internal static SearchHit ToHit(HitRow r)
    {
        var type = Wire<RecordType>.Parse(r.Type);
        var snippet = EscapeHtml(r.Snippet).Replace("\uE000", "<mark>").Replace("\uE001", "</mark>");
        return new SearchHit(type, r.RecordId, r.Label, snippet, Math.Round(-r.Rank, 6), Href(type, r.RecordId));
    }

    /// <summary>Escapes only what HTML needs escaped, so the snippet stays readable as plain text too.</summary>
    static string EscapeHtml(string text) => text
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");

    static string Href(RecordType type, string id) => RecordKinds.Of(type).ApiPath + id;

    internal sealed class HitRow
    {
        public long Id { get; init; }
        public string Type { get; init; } = "";
        public string RecordId { get; init; } = "";
        public string Label { get; init; } = "";
        public string Snippet { get; init; } = "";
        public double Rank { get; init; }
    }
}

/// <summary>The query parameters of <c>GET /api/v1/search</c>.</summary>
internal sealed class SearchParameters
{
    [FromQuery(Name = "q"), Description(QueryDocs.Q), ApiParameter(Example = Docs.Examples.SearchExampleQuery, Required = true)]
    public string? Q { get; init; }

    [FromQuery(Name = "types"), Description("Only these kinds of record, comma-separated: source, entity, event, figure, statement."), ApiParameter(Example = "statement,figure")]
    public string? Types { get; init; }

    [FromQuery(Name = "from"), Description("Only records whose own date (a figure's period) ends on or after this day, YYYY-MM-DD. Records with an unknown date never match a date filter."), ApiParameter(Type = typeof(DateOnly), Example = "2025-01-20")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description("Only records whose own date (a figure's period) starts on or before this day, YYYY-MM-DD; not before `from`."), ApiParameter(Type = typeof(DateOnly), Example = "2025-04-29")]
    public string? To { get; init; }

    [FromQuery(Name = "count"), Description(QueryDocs.Count), ApiParameter(Type = typeof(bool), Example = "true")]
    public string? Count { get; init; }

    [FromQuery(Name = "fields"), Description("Only these fields of each hit, comma-separated: type, id, label, snippet, score, href."), ApiParameter(Example = "type,id,label")]
    public string? Fields { get; init; }

    [FromQuery(Name = "facet"), Description(QueryDocs.Facet + " Fields: `type` (how many hits of each kind of record)."), ApiParameter(Example = "type")]
    public string[]? Facet { get; init; }

    [FromQuery(Name = "limit"), Description(QueryDocs.SearchLimit), ApiParameter(Type = typeof(int), Minimum = 1, Maximum = QueryDocs.MaxLimit, Default = QueryDocs.DefaultSearchLimit, Example = "10")]
    public string? Limit { get; init; }

    [FromQuery(Name = "cursor"), Description(QueryDocs.Cursor), ApiParameter]
    public string? Cursor { get; init; }

    /// <param name="dialect">The engine the query runs on: its search SQL (<see cref="SearchSql"/>).</param>
    /// <param name="before">A cursor the page should end just before: the HTML page's Previous link; the API has none.</param>
    public ListQuery<SearchApi.HitRow> ToListQuery(Dialect dialect, string? before = null)
    {
        var search = SearchSql.Of(dialect);
        var list = new ListQuery<SearchApi.HitRow>(search.List) { Dialect = dialect };
        if (Q is null)
            list.Errors.Add("q", "Is required: give a word, a \"phrase\" or a prefix such as deport*.");
        else
            list.FullText(Q, search.Matches);

        if (Types is not null)
        {
            var types = Types.Split(',');
            var unknown = types.Where(t => !Wire<RecordType>.TryParse(t, out _)).ToList();
            if (unknown.Count > 0)
                list.Errors.Add("types", $"Must list kinds of record from {string.Join(", ", Wire<RecordType>.Names)}, comma-separated; got {string.Join(", ", unknown.Select(QueryErrors.Quote))}.");
            else
                list.Where("types", "d.type " + dialect.InList("@types"), types.Distinct().Order().ToArray());
        }

        list.DateRange(From, To, "coalesce(d.date_end, '') >= @from", "coalesce(d.date_start, '') between '0' and @to");
        list.Output(Fields, Count, Facet);
        list.Paging(null, Limit, Cursor, before);
        return list;
    }
}
