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

        new RecordWriter<EventInput, Event>(EventWrites.Resource).Map(group);

        return api;
    }

    internal const string OccurredOnSql = "ifnull(v.occurred_on, '')";

    internal static readonly ListDefinition<EventRow> List = new()
    {
        Resource = "events",
        From = "from events v",
        IdSql = "v.id",
        Id = r => r.Id,
        DefaultSort = "-occurredOn",
        RecordType = typeof(Event),
        Sorts = [new SortField<EventRow>("occurredOn", OccurredOnSql, SortKind.Text, r => Dates.Key(r.OccurredOn))],
        Facets =
        [
            new Facet("kind", "v.kind"),
            new Facet("participant", "vp.entity_id", "(select e.name from entities e where e.id = vp.entity_id)",
                "join event_participants vp on vp.event_id = v.id", "count(distinct v.id)"),
            new Facet("source", "vc.source_id", "(select s.title from sources s where s.id = vc.source_id)",
                "join citations vc on vc.event_id = v.id", "count(distinct v.id)"),
        ],
    };

    internal const string SelectFrom = """
        select v.id, v.kind, v.title, v.summary, v.occurred_on, v.date_precision, v.revision
        from events v
        """;

    const string ById = SelectFrom + "\nwhere v.id = @id";

    const string ParticipantsSql = """
        select p.event_id, p.entity_id, e.kind as entity_kind, e.name as entity_name, p.role
        from event_participants p
        cross join entities e on e.id = p.entity_id
        where p.event_id in (select value from json_each(@ids))
        order by p.event_id, e.name, p.role
        """;

    static async Task<Results<Ok<Page<Event>>, ValidationProblem>> ListEvents(
        [AsParameters] EventListQuery query, Db db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var list = await query.ToListQueryAsync(connection);
        if (list.Errors.Any) return list.Errors.ToProblem();

        var result = await list.ExecuteAsync(connection, SelectFrom, http, ct);
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

    static Task<List<Event>> ToEventsAsync(SqliteConnection connection, List<EventRow> rows, ListQuery<EventRow> list, CancellationToken ct) =>
        ToEventsAsync(connection, rows, list.Includes("citations"), list.Includes("participants"), ct);

    static Task<List<Event>> ToEventsAsync(SqliteConnection connection, List<EventRow> rows, FieldSelection? selection, CancellationToken ct) =>
        ToEventsAsync(connection, rows, selection?.Includes("citations") ?? true, selection?.Includes("participants") ?? true, ct);

    internal static async Task<(Event Record, long Revision)?> LoadAsync(
        SqliteConnection connection, string id, CancellationToken ct, SqliteTransaction? transaction = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(ById, new { id }, transaction, cancellationToken: ct));
        return row is null ? null : ((await ToEventsAsync(connection, [row], true, true, ct, transaction))[0], row.Revision);
    }

    internal static async Task<List<Event>> ToEventsAsync(
        SqliteConnection connection, List<EventRow> rows, bool withCitations, bool withParticipants, CancellationToken ct,
        SqliteTransaction? transaction = null)
    {
        var ids = rows.Select(r => r.Id).ToArray();
        var citations = await Citations.Citations.LoadAsync(connection, CitedRecord.Event, withCitations ? ids : [], ct, transaction);
        var participants = ids.Length == 0 || !withParticipants
            ? Array.Empty<ParticipantRow>().ToLookup(p => p.EventId)
            : (await connection.QueryAsync<ParticipantRow>(new CommandDefinition(ParticipantsSql, new { ids = Ids.Json(ids) }, transaction, cancellationToken: ct)))
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
        public long Revision { get; init; }
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
internal sealed class EventListQuery : ListParameters
{
    [FromQuery(Name = "kind"), Description("Only events of this kind." + QueryDocs.MembershipSyntax), ApiParameter(Example = "leadership_change")]
    public string? Kind { get; init; }

    [FromQuery(Name = "participant"), Description("Only events in which this entity (an entity id) took part, in any role." + QueryDocs.MembershipSyntax), ApiParameter(Example = "ice")]
    public string? Participant { get; init; }

    [FromQuery(Name = "source"), Description("Only events cited to this source (a source id)." + QueryDocs.MembershipSyntax), ApiParameter(Example = "article-ice-leadership-shakeup")]
    public string? Source { get; init; }

    [FromQuery(Name = "occurredOn"), Description("Only events that occurred on a day that compares so (YYYY-MM-DD)." + QueryDocs.ComparisonSyntax), ApiParameter(Example = "gte:2025-01-20", Pattern = QueryDocs.DatePattern)]
    public string[]? OccurredOn { get; init; }

    [FromQuery(Name = "from"), Description(QueryDocs.From), ApiParameter(Type = typeof(DateOnly), Example = "2025-01-20")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description(QueryDocs.To), ApiParameter(Type = typeof(DateOnly), Example = "2025-12-31")]
    public string? To { get; init; }

    [FromQuery(Name = "sort"), Description(QueryDocs.Sort + " Fields: `occurredOn`, `id`. Default `-occurredOn`."), ApiParameter(Example = "-occurredOn")]
    public string? Sort { get; init; }

    [FromQuery(Name = "fields"), Description(QueryDocs.Fields), ApiParameter(Example = "id,kind,title,occurredOn")]
    public string? Fields { get; init; }

    [FromQuery(Name = "facet"), Description(QueryDocs.Facet + " Fields: `kind`, `participant`, `source`."), ApiParameter(Example = "kind")]
    public string[]? Facet { get; init; }

    public async Task<ListQuery<EventsApi.EventRow>> ToListQueryAsync(SqliteConnection connection)
    {
        var list = new ListQuery<EventsApi.EventRow>(EventsApi.List);
        list.FullText(Q, "v.id in (select d.record_id from search_text cross join search_documents d on d.id = search_text.rowid where search_text match @q and d.type = 'event')");
        list.Enum<EventKind>("kind", Kind, new Match("v.kind"));
        await list.ReferenceAsync(connection, "participant", Participant, Reference.Entity,
            new Match("v.id", "select p.event_id from event_participants p where p.entity_id"));
        await list.ReferenceAsync(connection, "source", Source, Reference.Source,
            new Match("v.id", "select c.event_id from citations c where c.event_id is not null and c.source_id"));
        list.Compare("occurredOn", OccurredOn, SortKind.Text, EventsApi.OccurredOnSql);
        // The sort key ifnull(occurred_on, '') lets the date index serve both ends; '' (unknown) never matches.
        list.DateRange(From, To,
            "ifnull(v.occurred_on, '') >= @from",
            "ifnull(v.occurred_on, '') between '0' and @to");
        list.Output(Fields, Count, Facet);
        list.Paging(Sort, Limit, Cursor);
        return list;
    }
}
