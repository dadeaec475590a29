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

namespace EnforcementApi.Events;

public static class EventsApi
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/events").WithTags("Events");

        group.MapGet("/", ListEvents).WithName(nameof(ListEvents))
            .WithSummary("List events")
            .WithDescription("""
                Leadership changes, policy actions, operations, arrests and other events, each with its
                participants and the excerpts that report it. Filter by `kind`, `participant` (an entity id),
                `source`, and `from`/`to` on the day it occurred. Sorted by `occurredOn`, newest first, unless
                `sort` says otherwise; events with an unknown date come last.
                """);

        group.MapGet("/{id}", GetEvent).WithName(nameof(GetEvent))
            .WithSummary("Get one event")
            .WithDescription("One event by its id, with its participants and citations.");

        new RecordWriter<EventInput, Event>(EventWrites.Resource).Map(group);

        return api;
    }

    static readonly string ById = EventDefinition.SelectFrom + "\nwhere v.id = @id";

    static string ParticipantsSql(Dialect dialect) => $"""
        select p.event_id, p.entity_id, e.kind as entity_kind, e.name as entity_name, p.role
        from event_participants p
        left join entities e on e.id = p.entity_id
        where p.event_id {dialect.InJsonArray("@ids")}
        order by p.event_id, e.name, p.role
        """;

    static async Task<Results<Ok<Page<Event>>, ValidationProblem>> ListEvents(
        [AsParameters] EventListQuery query, Db db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var list = await query.ToListQueryAsync(connection);
        if (list.Errors.Any) return list.Errors.ToProblem();

        var result = await list.ExecuteAsync(connection, http, ct);
        return TypedResults.Ok(result.ToPage(await ToEventsAsync(connection, result.Rows, list, ct)));
    }

    static async Task<Results<Ok<Event>, MissingRecord, ValidationProblem>> GetEvent(
        [Description("The event's id."), ApiParameter(Example = "ken-genalo-retirement")] string id,
        [FromQuery(Name = "fields"), Description(QueryDocs.Fields), ApiParameter(Example = "id,kind,title,participants")] string? fields,
        Db db, HttpContext http, CancellationToken ct)
    {
        var errors = new QueryErrors();
        var selection = FieldSelection.Parse(fields, typeof(Event), errors);
        if (errors.Any) return errors.ToProblem();

        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(ById, new { id }, cancellationToken: ct));
        if (row is null) return await MissingRecord.ForAsync(connection, RecordType.Event, id);
        FieldSelection.Remember(http, selection);
        ETags.Remember(http, row.Revision);
        return TypedResults.Ok((await ToEventsAsync(connection, [row], selection, ct))[0]);
    }

    static Task<List<Event>> ToEventsAsync(DbConnection connection, List<EventRow> rows, ListQuery<EventRow> list, CancellationToken ct) =>
        ToEventsAsync(connection, rows, list.Includes("citations"), list.Includes("participants"), ct);

    static Task<List<Event>> ToEventsAsync(DbConnection connection, List<EventRow> rows, FieldSelection? selection, CancellationToken ct) =>
        ToEventsAsync(connection, rows, selection?.Includes("citations") ?? true, selection?.Includes("participants") ?? true, ct);

    internal static async Task<(Event Record, long Revision)?> LoadAsync(
        DbConnection connection, string id, CancellationToken ct, DbTransaction? transaction = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(ById, new { id }, transaction, cancellationToken: ct));
        return row is null ? null : ((await ToEventsAsync(connection, [row], true, true, ct, transaction))[0], row.Revision);
    }

    internal static async Task<List<Event>> ToEventsAsync(
        DbConnection connection, List<EventRow> rows, bool withCitations, bool withParticipants, CancellationToken ct,
        DbTransaction? transaction = null)
    {
        var ids = rows.Select(r => r.Id).ToArray();
        var citations = await Citations.Citations.LoadAsync(connection, RecordType.Event, withCitations ? ids : [], ct, transaction);
        var participants = ids.Length == 0 || !withParticipants
            ? Array.Empty<ParticipantRow>().ToLookup(p => p.EventId)
            : (await connection.QueryAsync<ParticipantRow>(new CommandDefinition(ParticipantsSql(Dialect.Of(connection)), new { ids = Ids.Json(ids) }, transaction, cancellationToken: ct)))
                .ToLookup(p => p.EventId);

        return rows.Select(r => EventDefinition.ToRecord(r,
            participants[r.Id].Select(p => new Participant(
                new EntityRef(p.EntityId, Wire<EntityKind>.Parse(p.EntityKind), p.EntityName),
                Wire<ParticipantRole>.Parse(p.Role))).ToList(),
            citations[r.Id].ToList())).ToList();
    }

    sealed class ParticipantRow
    {
        public string EventId { get; init; } = "";
        public string EntityId { get; init; } = "";
        public string EntityKind { get; init; } = "";
        public string EntityName { get; init; } = "";
        public string Role { get; init; } = "";
    }
}
