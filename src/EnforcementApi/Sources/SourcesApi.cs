using System.ComponentModel;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Http;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using EnforcementApi.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Sources;

public static class SourcesApi
{
    public static IEndpointRouteBuilder MapSources(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/sources").WithTags("Sources");

        group.MapGet("/", ListSources).WithName(nameof(ListSources))
            .WithSummary("List sources")
            .WithDescription("""
                The documents that records cite: news articles, government releases, statements, filings,
                datasets. Filter by `kind`, or by `source` for one source by id. Sorted by `publishedOn`,
                newest first, unless `sort` says otherwise; sources with an unknown date come last.
                """);

        group.MapGet("/{id}", GetSource).WithName(nameof(GetSource))
            .WithSummary("Get one source")
            .WithDescription("One source by its id.");

        new RecordWriter<SourceInput, Source>(SourceWrites.Resource).Map(group);

        return api;
    }

    internal const string PublishedOnSql = "ifnull(s.published_on, '')";

    internal static readonly ListDefinition<SourceRow> List = new()
    {
        Resource = "sources",
        From = "from sources s",
        IdSql = "s.id",
        Id = r => r.Id,
        DefaultSort = "-publishedOn",
        RecordType = typeof(Source),
        Sorts =
        [
            new SortField<SourceRow>("publishedOn", PublishedOnSql, SortKind.Text, r => Dates.Key(r.PublishedOn)),
            new SortField<SourceRow>("title", "s.title", SortKind.Text, r => r.Title),
        ],
        Facets = [new Facet("kind", "s.kind")],
    };

    internal const string SelectFrom = """
        select s.id, s.kind, s.title, s.publisher, s.url, s.author, s.published_on, s.retrieved_at, s.language, s.revision
        from sources s
        """;

    const string ById = SelectFrom + "\nwhere s.id = @id";

    static async Task<Results<Ok<Page<Source>>, ValidationProblem>> ListSources(
        [AsParameters] SourceListQuery query, Db db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var list = await query.ToListQueryAsync(connection);
        if (list.Errors.Any) return list.Errors.ToProblem();

        var result = await list.ExecuteAsync(connection, SelectFrom, http, ct);
        return TypedResults.Ok(result.ToPage(result.Rows.Select(ToSource).ToList()));
    }

    static async Task<Results<Ok<Source>, MissingRecord, ValidationProblem>> GetSource(
        [Description("The source's id."), ApiParameter(Example = "article-ice-leadership-shakeup")] string id,
        [FromQuery(Name = "fields"), Description(QueryDocs.Fields), ApiParameter(Example = "id,title,publishedOn")] string? fields,
        Db db, HttpContext http, CancellationToken ct)
    {
        var errors = new QueryErrors();
        var selection = FieldSelection.Parse(fields, typeof(Source), errors);
        if (errors.Any) return errors.ToProblem();

        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<SourceRow>(new CommandDefinition(ById, new { id }, cancellationToken: ct));
        if (row is null) return await MissingRecord.ForAsync(connection, RecordType.Source, id);
        FieldSelection.Remember(http, selection);
        ETags.Remember(http, row.Revision);
        return TypedResults.Ok(ToSource(row));
    }

    internal static async Task<(Source Record, long Revision)?> LoadAsync(
        SqliteConnection connection, string id, CancellationToken ct, SqliteTransaction? transaction = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<SourceRow>(new CommandDefinition(ById, new { id }, transaction, cancellationToken: ct));
        return row is null ? null : (ToSource(row), row.Revision);
    }

    internal static Source ToSource(SourceRow r) => new(
        r.Id, Wire<SourceKind>.Parse(r.Kind), r.Title, r.Publisher, r.Url, r.Author, r.PublishedOn, r.RetrievedAt, r.Language);

    internal sealed class SourceRow
    {
        public string Id { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Title { get; init; } = "";
        public string? Publisher { get; init; }
        public string? Url { get; init; }
        public string? Author { get; init; }
        public DateOnly? PublishedOn { get; init; }
        public DateTimeOffset? RetrievedAt { get; init; }
        public string Language { get; init; } = "";
        public long Revision { get; init; }
    }
}

/// <summary>The query parameters of <c>GET /api/v1/sources</c>.</summary>
internal sealed class SourceListQuery : ListParameters
{
    [FromQuery(Name = "kind"), Description("Only sources of this kind." + QueryDocs.MembershipSyntax), ApiParameter(Example = "news_article")]
    public string? Kind { get; init; }

    [FromQuery(Name = "source"), Description("Only the source with this id." + QueryDocs.MembershipSyntax), ApiParameter(Example = "article-ice-leadership-shakeup")]
    public string? Source { get; init; }

    [FromQuery(Name = "publishedOn"), Description("Only sources published on a day that compares so (YYYY-MM-DD)." + QueryDocs.ComparisonSyntax), ApiParameter(Example = "gte:2025-01-01", Pattern = QueryDocs.DatePattern)]
    public string[]? PublishedOn { get; init; }

    [FromQuery(Name = "sort"), Description(QueryDocs.Sort + " Fields: `publishedOn`, `title`, `id`. Default `-publishedOn`."), ApiParameter(Example = "title")]
    public string? Sort { get; init; }

    [FromQuery(Name = "fields"), Description(QueryDocs.Fields), ApiParameter(Example = "id,title,publishedOn")]
    public string? Fields { get; init; }

    [FromQuery(Name = "facet"), Description(QueryDocs.Facet + " Fields: `kind`."), ApiParameter(Example = "kind")]
    public string[]? Facet { get; init; }

    public async Task<ListQuery<SourcesApi.SourceRow>> ToListQueryAsync(SqliteConnection connection)
    {
        var list = new ListQuery<SourcesApi.SourceRow>(SourcesApi.List);
        list.FullText(Q, "s.id in (select d.record_id from search_text cross join search_documents d on d.id = search_text.rowid where search_text match @q and d.type = 'source')");
        list.Enum<SourceKind>("kind", Kind, new Match("s.kind"));
        await list.ReferenceAsync(connection, "source", Source, Reference.Source, new Match("s.id"));
        list.Compare("publishedOn", PublishedOn, SortKind.Text, SourcesApi.PublishedOnSql);
        list.Output(Fields, Count, Facet);
        list.Paging(Sort, Limit, Cursor);
        return list;
    }
}
