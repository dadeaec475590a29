using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Events;
using EnforcementApi.Json;
using EnforcementApi.Writes;

namespace EnforcementApi.Statements;

internal static class StatementWrites
{
    public static readonly WritableResource<StatementInput, Statement> Resource = new()
    {
        Type = RecordType.Statement,
        Parse = StatementDefinition.Parse,
        IdOf = s => s.Id,
        IdBase = s => s.Speaker.Id + " " + string.Join(' ', s.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6)),
        CheckAsync = async (connection, transaction, s, _, errors) =>
        {
            if (s.SpeakerRole is { } role
                && await connection.ExecuteScalarAsync<long?>("select " + StatementDefinition.RoleOfSpeakerSql, StatementDefinition.Table.Parameters("", s), transaction) is null)
                errors.Add("speakerRole", $"'{s.Speaker.Id}' has no role titled '{role.Title}'"
                    + (role.Organization is null ? " without an organization" : $" at '{role.Organization.Id}'")
                    + "; give one of the speaker's roles (see its entity), or add the role to the entity first.");
        },
        InsertAsync = async (connection, transaction, id, s) =>
        {
            await connection.ExecuteAsync(StatementDefinition.Table.Insert, StatementDefinition.Table.Parameters(id, s), transaction);
            await CitationWrites.WriteAsync(connection, transaction, RecordType.Statement, id, [.. s.Citations]);
        },
        UpdateAsync = async (connection, transaction, id, s) =>
        {
            await connection.ExecuteAsync(StatementDefinition.Table.Update, StatementDefinition.Table.Parameters(id, s), transaction);
            await CitationWrites.WriteAsync(connection, transaction, RecordType.Statement, id, [.. s.Citations]);
        },
        BlockerAsync = (_, _, _) => Task.FromResult<string?>(null),
        LoadAsync = (connection, transaction, id, ct) => StatementsApi.LoadAsync(connection, id, ct, transaction),
    };
}
