using System.ComponentModel;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Http;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using EnforcementApi.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using System.Data.Common;

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

    static readonly string ById = SourceDefinition.SelectFrom + "\nwhere s.id = @id";

    static async Task<Results<Ok<Page<Source>>, ValidationProblem>> ListSources(
        [AsParameters] SourceListQuery query, Db db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var list = await query.ToListQueryAsync(connection);
        if (list.Errors.Any) return list.Errors.ToProblem();

        var result = await list.ExecuteAsync(connection, http, ct);
        return TypedResults.Ok(result.ToPage(result.Rows.Select(SourceDefinition.ToRecord).ToList()));
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
        return TypedResults.Ok(SourceDefinition.ToRecord(row));
    }

    internal static async Task<(Source Record, long Revision)?> LoadAsync(
        DbConnection connection, string id, CancellationToken ct, DbTransaction? transaction = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<SourceRow>(new CommandDefinition(ById, new { id }, transaction, cancellationToken: ct));
        return row is null ? null : (SourceDefinition.ToRecord(row), row.Revision);
    }
}
