using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Writes;

namespace EnforcementApi.Sources;

internal static class SourceWrites
{
    public static readonly WritableResource<SourceInput, Source> Resource = new()
    {
        Type = RecordType.Source,
        Parse = SourceDefinition.Parse,
        IdOf = s => s.Id,
        IdBase = s => s.Title,
        InsertAsync = (connection, transaction, id, s) =>
            connection.ExecuteAsync(SourceDefinition.Table.Insert, SourceDefinition.Table.Parameters(id, s), transaction),
        UpdateAsync = (connection, transaction, id, s) =>
            connection.ExecuteAsync(SourceDefinition.Table.Update, SourceDefinition.Table.Parameters(id, s), transaction),
        BlockerAsync = async (connection, transaction, id) =>
        {
            var cited = await connection.ExecuteScalarAsync<long>("select count(*) from citations where source_id = @id", new { id }, transaction);
            return cited == 0 ? null : $"{cited} citation(s) quote this source; change or delete the records that cite it first.";
        },
        LoadAsync = (connection, transaction, id, ct) => SourcesApi.LoadAsync(connection, id, ct, transaction),
    };
}
