using System.Data.Common;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Writes;

namespace EnforcementApi.Events;

internal static class EventWrites
{
    public static readonly WritableResource<EventInput, Event> Resource = new()
    {
        Type = RecordType.Event,
        Parse = EventDefinition.Parse,
        IdOf = e => e.Id,
        IdBase = e => e.Title,
        InsertAsync = async (connection, transaction, id, e) =>
        {
            await connection.ExecuteAsync(EventDefinition.Table.Insert, EventDefinition.Table.Parameters(id, e), transaction);
            await WriteChildrenAsync(connection, transaction, id, e);
        },
        UpdateAsync = async (connection, transaction, id, e) =>
        {
            await connection.ExecuteAsync(EventDefinition.Table.Update, EventDefinition.Table.Parameters(id, e), transaction);
            await WriteChildrenAsync(connection, transaction, id, e);
        },
        BlockerAsync = (_, _, _) => Task.FromResult<string?>(null),
        LoadAsync = (connection, transaction, id, ct) => EventsApi.LoadAsync(connection, id, ct, transaction),
    };

    static async Task WriteChildrenAsync(DbConnection connection, DbTransaction transaction, string id, EventInput e)
    {
        await connection.ExecuteAsync("delete from event_participants where event_id = @id", new { id }, transaction);
        foreach (var p in e.Participants)
            await connection.ExecuteAsync(
                "insert into event_participants (event_id, entity_id, role) values (@id, @entity, @role)",
                new { id, entity = p.Entity.Id, role = Wire<ParticipantRole>.Name(p.Role) }, transaction);
        await CitationWrites.WriteAsync(connection, transaction, RecordType.Event, id, [.. e.Citations]);
    }
}
