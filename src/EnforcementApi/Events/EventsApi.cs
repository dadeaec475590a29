using System.ComponentModel;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Entities;
using EnforcementApi.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;

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

        return api;
    }

    internal static readonly ListDefinition<EventRow> List = new(
        "events", "v.id", r => r.Id, "-occurredOn",
        new SortField<EventRow>("occurredOn", "ifnull(v.occurred_on, '')", SortKind.Text, r => Dates.Key(r.OccurredOn)));

    internal const string SelectFrom = """
        select v.id, v.kind, v.title, v.summary, v.occurred_on, v.date_precision
        from events v
        """;

    const string ById = SelectFrom + "\nwhere v.id = @id";

    const string ParticipantsSql = """
        select p.event_id, p.entity_id, e.kind as entity_kind, e.name as entity_name, p.role
        from event_participants p
        join entities e on e.id = p.entity_id
        where p.event_id in @ids
        order by p.event_id, e.name, p.role
        """;

    static async Task<Results<Ok<Page<Event>>, ValidationProblem>> ListEvents(
        [AsParameters] EventListQuery query, Db db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var list = await query.ToListQueryAsync(connection);
        if (list.Errors.Any) return list.Errors.ToProblem();

        var (rows, next) = await list.ExecuteAsync(connection, SelectFrom, ct);
        ListQuery<EventRow>.SetNextLink(http, next);
        return TypedResults.Ok(new Page<Event>(await ToEventsAsync(connection, rows, ct), next));
    }

    static async Task<Results<Ok<Event>, NotFoundProblem>> GetEvent(
        [Description("The event's id.")] string id, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(ById, new { id }, cancellationToken: ct));
        if (row is null) return NotFoundProblem.For("event", id);
        return TypedResults.Ok((await ToEventsAsync(connection, [row], ct))[0]);
    }

    static async Task<List<Event>> ToEventsAsync(SqliteConnection connection, List<EventRow> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToArray();
        var citations = await Citations.Citations.LoadAsync(connection, CitedRecord.Event, ids, ct);
        var participants = ids.Length == 0
            ? Array.Empty<ParticipantRow>().ToLookup(p => p.EventId)
            : (await connection.QueryAsync<ParticipantRow>(new CommandDefinition(ParticipantsSql, new { ids }, cancellationToken: ct)))
                .ToLookup(p => p.EventId);

        return rows.Select(r => new Event(
            r.Id,
            Wire<EventKind>.Parse(r.Kind),
            r.Title,
            r.Summary,
            r.OccurredOn,
            Wire<DatePrecision>.Parse(r.DatePrecision),
            participants[r.Id].Select(p => new Participant(
                new EntityRef(p.EntityId, Wire<EntityKind>.Parse(p.EntityKind), p.EntityName),
                Wire<ParticipantRole>.Parse(p.Role))).ToList(),
            citations[r.Id].ToList())).ToList();
    }

    internal sealed class EventRow
    {
        public string Id { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public DateOnly? OccurredOn { get; init; }
        public string DatePrecision { get; init; } = "";
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

/// <summary>The query parameters of <c>GET /api/v1/events</c>.</summary>
internal sealed class EventListQuery
{
    [FromQuery(Name = "kind"), Description("Only events of this kind."), QueryType(typeof(EventKind))]
    public string? Kind { get; init; }

    [FromQuery(Name = "participant"), Description("Only events in which this entity (an entity id) took part, in any role.")]
    public string? Participant { get; init; }

    [FromQuery(Name = "source"), Description("Only events cited to this source (a source id).")]
    public string? Source { get; init; }

    [FromQuery(Name = "from"), Description(QueryDocs.From), QueryType(typeof(DateOnly))]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description(QueryDocs.To), QueryType(typeof(DateOnly))]
    public string? To { get; init; }

    [FromQuery(Name = "sort"), Description(QueryDocs.Sort + " Fields: `occurredOn`, `id`. Default `-occurredOn`.")]
    public string? Sort { get; init; }

    [FromQuery(Name = "limit"), Description(QueryDocs.Limit), QueryType(typeof(int), Minimum = 1, Maximum = QueryDocs.MaxLimit, Default = QueryDocs.DefaultLimit)]
    public string? Limit { get; init; }

    [FromQuery(Name = "cursor"), Description(QueryDocs.Cursor)]
    public string? Cursor { get; init; }

    public async Task<ListQuery<EventsApi.EventRow>> ToListQueryAsync(SqliteConnection connection)
    {
        var list = new ListQuery<EventsApi.EventRow>(EventsApi.List);
        list.Enum<EventKind>("kind", Kind, "v.kind = @kind");
        await list.ReferenceAsync(connection, "participant", Participant, Reference.Entity,
            "v.id in (select p.event_id from event_participants p where p.entity_id = @participant)");
        await list.ReferenceAsync(connection, "source", Source, Reference.Source,
            "v.id in (select c.event_id from citations c where c.source_id = @source)");
        // The sort key ifnull(occurred_on, '') lets the date index serve both ends; '' (unknown) never matches.
        list.DateRange(From, To,
            "ifnull(v.occurred_on, '') >= @from",
            "ifnull(v.occurred_on, '') between '0' and @to");
        list.Paging(Sort, Limit, Cursor);
        return list;
    }
}
