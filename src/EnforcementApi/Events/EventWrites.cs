using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Writes;

namespace EnforcementApi.Events;

/// <summary>An entity's part in an event, as a write gives it.</summary>
public sealed record ParticipantInput(
    [property: Description("The person or organization.")] RefInput Entity,
    [property: Description("Its part in the event."), Required] ParticipantRole Role);

/// <summary>An event as a write gives it.</summary>
public sealed record EventInput(
    [property: Description("Optional readable id; made from the title when left out.")] string? Id,
    [property: Description("What kind of event."), Required] EventKind Kind,
    [property: Description("A neutral one-line title, in our own words.")] string Title,
    [property: Description("A neutral summary, in our own words.")] string Summary,
    [property: Description("When it happened: the first day of the month or year for those precisions; null when unknown.")] DateOnly? OccurredOn,
    [property: Description("How precisely occurredOn is known; `unknown` exactly when occurredOn is null. When left out it follows from occurredOn: `day` for a date, `unknown` without one."), Omittable] DatePrecision DatePrecision,
    [property: Description("Entities that took part, each with its part; an entity may have several parts, each once. None when left out."), Omittable("[]")] IReadOnlyList<ParticipantInput> Participants,
    [property: Description("At least one citation.")] IReadOnlyList<CitationInput> Citations);

internal static class EventWrites
{
    public static readonly WritableResource<EventInput, Event> Resource = new()
    {
        Type = RecordType.Event,
        Noun = "event",
        Table = "events",
        Parse = Parse,
        IdOf = e => e.Id,
        IdBase = e => e.Title,
        InsertAsync = async (connection, transaction, id, e) =>
        {
            await connection.ExecuteAsync("""
                insert into events (id, kind, title, summary, occurred_on, date_precision)
                values (@id, @Kind, @Title, @Summary, @OccurredOn, @DatePrecision)
                """, Parameters(id, e), transaction);
            await WriteChildrenAsync(connection, transaction, id, e);
        },
        UpdateAsync = async (connection, transaction, id, e) =>
        {
            await connection.ExecuteAsync("""
                update events
                set kind = @Kind, title = @Title, summary = @Summary, occurred_on = @OccurredOn, date_precision = @DatePrecision
                where id = @id
                """, Parameters(id, e), transaction);
            await WriteChildrenAsync(connection, transaction, id, e);
        },
        BlockerAsync = (_, _, _) => Task.FromResult<string?>(null),
        LoadAsync = (connection, transaction, id, ct) => EventsApi.LoadAsync(connection, id, ct, transaction),
    };

    static async Task WriteChildrenAsync(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, string id, EventInput e)
    {
        await connection.ExecuteAsync("delete from event_participants where event_id = @id", new { id }, transaction);
        foreach (var p in e.Participants)
            await connection.ExecuteAsync(
                "insert into event_participants (event_id, entity_id, role) values (@id, @entity, @role)",
                new { id, entity = p.Entity.Id, role = Wire<ParticipantRole>.Name(p.Role) }, transaction);
        await CitationWrites.WriteAsync(connection, transaction, CitedRecord.Event, id, [.. e.Citations]);
    }

    static object Parameters(string id, EventInput e) => new
    {
        id, Kind = Wire<EventKind>.Name(e.Kind), e.Title, e.Summary, e.OccurredOn, DatePrecision = Wire<DatePrecision>.Name(e.DatePrecision),
    };

    static EventInput? Parse(JsonBody body)
    {
        var id = body.Id("id", required: false);
        var kind = body.Enum<EventKind>("kind");
        var title = body.String("title", 300);
        var summary = body.String("summary", 5000);
        var occurredOn = body.Date("occurredOn");
        var precision = body.Enum<DatePrecision>("datePrecision", fallback: occurredOn is null ? DatePrecision.Unknown : DatePrecision.Day);
        var participants = new List<ParticipantInput>();
        foreach (var item in body.Array("participants", maxItems: 100, """{"entity": {"id": "ice"}, "role": "announcer"}""", required: false) ?? [])
        {
            var entity = item.Reference("entity");
            var role = item.Enum<ParticipantRole>("role");
            item.Done();
            if (entity is null || role is null) continue;
            if (participants.Any(p => p.Entity.Id == entity && p.Role == role))
                body.Errors.Add(item.Path, $"Repeats '{entity}' as {Wire<ParticipantRole>.Name(role.Value)}.");
            else
                participants.Add(new ParticipantInput(new RefInput(entity), role.Value));
        }
        var citations = CitationWrites.Parse(body, required: true);
        body.Done();
        if (precision is { } p) DatePrecisions.Check(body.Errors, "occurredOn", occurredOn, p);

        return kind is null || title is null || summary is null || precision is null || citations is null
            ? null
            : new EventInput(id, kind.Value, title, summary, occurredOn, precision.Value, participants, citations);
    }
}
