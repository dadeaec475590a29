using System.ComponentModel;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Entities;
using EnforcementApi.Http;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using EnforcementApi.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using System.Data.Common;

namespace EnforcementApi.Figures;

public static class FiguresApi
{
    public static IEndpointRouteBuilder MapFigures(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/figures").WithTags("Figures");

        group.MapGet("/", ListFigures).WithName(nameof(ListFigures))
            .WithSummary("List figures")
            .WithDescription("""
                Numbers that sources report (arrests, removals, detention counts, stated targets), each with
                its period, who reported it, the source's own wording and the excerpt that states it. Filter by
                `metric`, `kind`, `reportedBy`, `source`, and by period with `from`/`to`: a figure matches when its
                period overlaps the range (it ends on or after `from` and starts on or before `to`); figures
                without a period never match a date filter. Sorted by `periodEnd`, latest first, unless `sort`
                says otherwise.
                """);

        group.MapGet("/{id}", GetFigure).WithName(nameof(GetFigure))
            .WithSummary("Get one figure")
            .WithDescription("One figure by its id, with who reported it and its citations.");

        new RecordWriter<FigureInput, Figure>(FigureWrites.Resource).Map(group);

        return api;
    }

    static readonly string ById = FigureDefinition.SelectFrom + "\nwhere f.id = @id";

    static async Task<Results<Ok<Page<Figure>>, ValidationProblem>> ListFigures(
        [AsParameters] FigureListQuery query, Db db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var list = await query.ToListQueryAsync(connection);
        if (list.Errors.Any) return list.Errors.ToProblem();

        var result = await list.ExecuteAsync(connection, http, ct);
        return TypedResults.Ok(result.ToPage(await ToFiguresAsync(connection, result.Rows, list.Includes("citations"), ct)));
    }

    static async Task<Results<Ok<Figure>, MissingRecord, ValidationProblem>> GetFigure(
        [Description("The figure's id."), ApiParameter(Example = "dhs-removals-first-100-days")] string id,
        [FromQuery(Name = "fields"), Description(QueryDocs.Fields), ApiParameter(Example = "id,value,periodStart,periodEnd")] string? fields,
        Db db, HttpContext http, CancellationToken ct)
    {
        var errors = new QueryErrors();
        var selection = FieldSelection.Parse(fields, typeof(Figure), errors);
        if (errors.Any) return errors.ToProblem();

        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<FigureRow>(new CommandDefinition(ById, new { id }, cancellationToken: ct));
        if (row is null) return await MissingRecord.ForAsync(connection, RecordType.Figure, id);
        FieldSelection.Remember(http, selection);
        ETags.Remember(http, row.Revision);
        return TypedResults.Ok((await ToFiguresAsync(connection, [row], selection?.Includes("citations") ?? true, ct))[0]);
    }

    internal static async Task<(Figure Record, long Revision)?> LoadAsync(
        DbConnection connection, string id, CancellationToken ct, DbTransaction? transaction = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<FigureRow>(new CommandDefinition(ById, new { id }, transaction, cancellationToken: ct));
        return row is null ? null : ((await ToFiguresAsync(connection, [row], true, ct, transaction))[0], row.Revision);
    }

    internal static async Task<List<Figure>> ToFiguresAsync(
        DbConnection connection, List<FigureRow> rows, bool withCitations, CancellationToken ct, DbTransaction? transaction = null)
    {
        var citations = await Citations.Citations.LoadAsync(connection, RecordType.Figure, withCitations ? rows.Select(r => r.Id).ToArray() : [], ct, transaction);
        return rows.Select(r => FigureDefinition.ToRecord(r, citations[r.Id].ToList())).ToList();
    }
}
