using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using EnforcementApi.Writes;
using Microsoft.AspNetCore.Mvc;

namespace EnforcementApi.Events;

/// <summary>
/// What an event's fields are, in one place: the columns a write stores (and every read selects), the write
/// body and how it is read, the row a read gets and the record it becomes, and what the list filters, sorts
/// and counts by. See <see cref="Figures.FigureDefinition"/>.
/// </summary>
internal static class EventDefinition
{
    /// <summary>The stored columns, named once for the SELECT, the INSERT and the UPDATE.</summary>
    public static readonly Table<EventInput> Table = new Table<EventInput>("events", "v")
        .Enum("kind", e => e.Kind)
        .Text("title", e => e.Title)
        .Text("summary", e => e.Summary)
        .Date("occurred_on", e => e.OccurredOn)
        .Enum("date_precision", e => e.DatePrecision);

    public static readonly string Select = "select " + Table.Select;

    public static readonly string SelectFrom = Select + "\nfrom events v";

    public const string OccurredOnSql = "coalesce(v.occurred_on, '')";

    public static readonly ListDefinition<EventRow> List = new()
    {
        Resource = "events",
        Select = Select,
        From = "from events v",
        IdSql = "v.id",
        IdIndex = "sqlite_autoindex_events_1",
        Id = r => r.Id,
        DefaultSort = "-occurredOn",
        RecordType = typeof(Event),
        Sorts = [new SortField<EventRow>("occurredOn", OccurredOnSql, SortKind.Text, r => Dates.Key(r.OccurredOn), "events_occurred_on")],
        Facets =
        [
            new Facet("kind", "v.kind"),
            new Facet("participant", "vp.entity_id", "(select e.name from entities e where e.id = vp.entity_id)",
                "join event_participants vp on vp.event_id = v.id", "count(distinct v.id)"),
            new Facet("source", "vc.source_id", "(select s.title from sources s where s.id = vc.source_id)",
                "join citations vc on vc.record_type = 'event' and vc.record_id = v.id", "count(distinct v.id)"),
        ],
        Filters =
        [
            Filter.FullText("v.id", "event").Indexed(Filter.ById),
            Filter.Enum<EventKind>("kind", "v.kind").Indexed("events_kind", "occurredOn"),
            Filter.Reference("participant", Reference.Entity, new Match("v.id", "select p.event_id from event_participants p where p.entity_id"))
                .Indexed(Filter.ById),
            Filter.Reference("source", Reference.Source,
                new Match("v.id", "select c.record_id from citations c where c.record_type = 'event' and c.source_id")).Indexed(Filter.ById),
            Filter.Compare("occurredOn", SortKind.Text, OccurredOnSql).Indexed("events_occurred_on", "occurredOn"),
            // The sort key coalesce(occurred_on, '') lets the date index serve both ends; '' (unknown) never matches.
            Filter.DateRange("coalesce(v.occurred_on, '') >= @from", "coalesce(v.occurred_on, '') between '0' and @to")
                .IndexedFor("from", "events_occurred_on", "occurredOn").IndexedFor("to", "events_occurred_on", "occurredOn"),
        ],
    };

    /// <summary>The event a row holds, with its participants and citations.</summary>
    public static Event ToRecord(EventRow r, IReadOnlyList<Participant> participants, IReadOnlyList<Citation> citations) => new(
        r.Id,
        Wire<EventKind>.Parse(r.Kind),
        r.Title,
        r.Summary,
        r.OccurredOn,
        Wire<DatePrecision>.Parse(r.DatePrecision),
        participants,
        citations);

    public static EventInput? Parse(JsonBody body)
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

/// <summary>An event as the database gives it.</summary>
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

/// <summary>The query parameters of <c>GET /api/v1/events</c>: each is read by the filter of its name in <see cref="EventDefinition.List"/>.</summary>
internal sealed class EventListQuery : ListParameters<EventRow>
{
    protected override ListDefinition<EventRow> Definition => EventDefinition.List;

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

    [FromQuery(Name = "sort"), Description(QueryDocs.Sort), ApiParameter(Example = "-occurredOn")]
    public string? Sort { get; init; }

    [FromQuery(Name = "fields"), Description(QueryDocs.Fields), ApiParameter(Example = "id,kind,title,occurredOn")]
    public string? Fields { get; init; }

    [FromQuery(Name = "facet"), Description(QueryDocs.Facet), ApiParameter(Example = "kind")]
    public string[]? Facet { get; init; }
}
