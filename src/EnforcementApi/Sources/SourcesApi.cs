using System.ComponentModel;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Http;
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

        return api;
    }

    internal static readonly ListDefinition<SourceRow> List = new(
        "sources", "s.id", r => r.Id, "-publishedOn",
        new SortField<SourceRow>("publishedOn", "ifnull(s.published_on, '')", SortKind.Text, r => Dates.Key(r.PublishedOn)),
        new SortField<SourceRow>("title", "s.title", SortKind.Text, r => r.Title));

    internal const string SelectFrom = """
        select s.id, s.kind, s.title, s.publisher, s.url, s.author, s.published_on, s.retrieved_at, s.language
        from sources s
        """;

    const string ById = SelectFrom + "\nwhere s.id = @id";

    static async Task<Results<Ok<Page<Source>>, ValidationProblem>> ListSources(
        [AsParameters] SourceListQuery query, Db db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var list = await query.ToListQueryAsync(connection);
        if (list.Errors.Any) return list.Errors.ToProblem();

        var (rows, next) = await list.ExecuteAsync(connection, SelectFrom, ct);
        ListQuery<SourceRow>.SetNextLink(http, next);
        return TypedResults.Ok(new Page<Source>(rows.Select(ToSource).ToList(), next));
    }

    static async Task<Results<Ok<Source>, NotFoundProblem>> GetSource(
        [Description("The source's id.")] string id, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<SourceRow>(new CommandDefinition(ById, new { id }, cancellationToken: ct));
        return row is null
            ? NotFoundProblem.For("source", id)
            : TypedResults.Ok(ToSource(row));
    }

    static Source ToSource(SourceRow r) => new(
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
    }
}

/// <summary>The query parameters of <c>GET /api/v1/sources</c>.</summary>
internal sealed class SourceListQuery
{
    [FromQuery(Name = "kind"), Description("Only sources of this kind."), QueryType(typeof(SourceKind))]
    public string? Kind { get; init; }

    [FromQuery(Name = "source"), Description("Only the source with this id.")]
    public string? Source { get; init; }

    [FromQuery(Name = "sort"), Description(QueryDocs.Sort + " Fields: `publishedOn`, `title`, `id`. Default `-publishedOn`.")]
    public string? Sort { get; init; }

    [FromQuery(Name = "limit"), Description(QueryDocs.Limit), QueryType(typeof(int), Minimum = 1, Maximum = QueryDocs.MaxLimit, Default = QueryDocs.DefaultLimit)]
    public string? Limit { get; init; }

    [FromQuery(Name = "cursor"), Description(QueryDocs.Cursor)]
    public string? Cursor { get; init; }

    public async Task<ListQuery<SourcesApi.SourceRow>> ToListQueryAsync(SqliteConnection connection)
    {
        var list = new ListQuery<SourcesApi.SourceRow>(SourcesApi.List);
        list.Enum<SourceKind>("kind", Kind, "s.kind = @kind");
        await list.ReferenceAsync(connection, "source", Source, Reference.Source, "s.id = @source");
        list.Paging(Sort, Limit, Cursor);
        return list;
    }
}
