using Dapper;
using EnforcementApi.Drafts.Pipeline;
using EnforcementApi.Entities;
using EnforcementApi.Json;
using System.Data.Common;

namespace EnforcementApi.Drafts;

/// <summary>What the pipeline matches a text against: the API's entities and metrics, read once per draft.</summary>
internal static class Vocabulary
{
    public static async Task<(List<KnownEntity> Entities, List<KnownMetric> Metrics)> LoadAsync(DbConnection connection, CancellationToken ct)
    {
        var entities = (await connection.QueryAsync<(string Id, string Kind, string Name, string? ShortName)>(new CommandDefinition(
                "select id, kind, name, short_name from entities order by id", cancellationToken: ct)))
            .Select(e => new KnownEntity(e.Id, Wire<EntityKind>.Parse(e.Kind), e.Name, e.ShortName)).ToList();
        var metrics = (await connection.QueryAsync<(string Id, string Label)>(new CommandDefinition(
                "select id, label from metrics order by id", cancellationToken: ct)))
            .Select(m => new KnownMetric(m.Id, m.Label)).ToList();
        return (entities, metrics);
    }
}
