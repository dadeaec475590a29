using System.ComponentModel;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Entities;
using EnforcementApi.Events;
using EnforcementApi.Http;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using EnforcementApi.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using System.Data.Common;

namespace EnforcementApi.Statements;

public static class StatementsApi
{
    public static IEndpointRouteBuilder MapStatements(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/statements").WithTags("Statements");

        group.MapGet("/", ListStatements).WithName(nameof(ListStatements))
            .WithSummary("List statements")
            .WithDescription("""
                Direct quotes and paraphrases, each with its speaker, the speaker's role at the time and the
                excerpts that report it. Filter by `speaker` (an entity id), `quoteType`, `source`, and
                `from`/`to` on the day it was said. Sorted by `saidOn`, newest first, unless `sort` says
                otherwise; statements with an unknown date come last.
                """);

        group.MapGet("/{id}", GetStatement).WithName(nameof(GetStatement))
            .WithSummary("Get one statement")
            .WithDescription("One statement by its id, with its speaker, the speaker's role and citations.");

        new RecordWriter<StatementInput, Statement>(StatementWrites.Resource).Map(group);

        return api;
    }

    static readonly string ById = StatementDefinition.SelectFrom + "\nwhere s.id = @id";

    static async Task<Results<Ok<Page<Statement>>, ValidationProblem>> ListStatements(
        [AsParameters] StatementListQuery query, Db db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var list = await query.ToListQueryAsync(connection);
        if (list.Errors.Any) return list.Errors.ToProblem();

        var result = await list.ExecuteAsync(connection, http, ct);
        return TypedResults.Ok(result.ToPage(await ToStatementsAsync(connection, result.Rows, list.Includes("citations"), ct)));
    }

    static async Task<Results<Ok<Statement>, MissingRecord, ValidationProblem>> GetStatement(
        [Description("The statement's id."), ApiParameter(Example = "tom-homan-on-agents")] string id,
        [FromQuery(Name = "fields"), Description(QueryDocs.Fields), ApiParameter(Example = "id,speaker,text")] string? fields,
        Db db, HttpContext http, CancellationToken ct)
    {
        var errors = new QueryErrors();
        var selection = FieldSelection.Parse(fields, typeof(Statement), errors);
        if (errors.Any) return errors.ToProblem();

        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<StatementRow>(new CommandDefinition(ById, new { id }, cancellationToken: ct));
        if (row is null) return await MissingRecord.ForAsync(connection, RecordType.Statement, id);
        FieldSelection.Remember(http, selection);
        ETags.Remember(http, row.Revision);
        return TypedResults.Ok((await ToStatementsAsync(connection, [row], selection?.Includes("citations") ?? true, ct))[0]);
    }

    internal static async Task<(Statement Record, long Revision)?> LoadAsync(
        DbConnection connection, string id, CancellationToken ct, DbTransaction? transaction = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<StatementRow>(new CommandDefinition(ById, new { id }, transaction, cancellationToken: ct));
        return row is null ? null : ((await ToStatementsAsync(connection, [row], true, ct, transaction))[0], row.Revision);
    }

    internal static async Task<List<Statement>> ToStatementsAsync(
        DbConnection connection, List<StatementRow> rows, bool withCitations, CancellationToken ct, DbTransaction? transaction = null)
    {
        var citations = await Citations.Citations.LoadAsync(connection, RecordType.Statement, withCitations ? rows.Select(r => r.Id).ToArray() : [], ct, transaction);
        return rows.Select(r => StatementDefinition.ToRecord(r, citations[r.Id].ToList())).ToList();
    }
}
