using System.Text.Json;
using Dapper;

namespace EnforcementApi.Tests.Support;

/// <summary>
/// Synthetic records written straight into a test class's database (the API cannot write yet), so that
/// lists have enough records to filter, sort and page: dated records, month and year precision dates
/// stored as the first day, unknown dates, and equal sort values that only the id can order. Every id
/// starts with <c>test-</c> (the metric with <c>test_</c>) and nothing here describes a real person,
/// agency or event.
/// </summary>
public static class TestRecords
{
    /// <summary>Adds the records to the factory's database once; later calls find them there and add nothing.</summary>
    public static ApiFactory Seeded(this ApiFactory factory)
    {
        using var connection = factory.OpenDatabase();
        using var transaction = connection.BeginTransaction();
        if (connection.ExecuteScalar<long>("select count(*) from sources where id = @id", new { id = "test-source" }, transaction) > 0)
            return factory;

        connection.Execute("insert into metrics (id, label, definition, unit) values (@Id, @Label, @Definition, @Unit)",
            new { Id = "test_metric", Label = "Test metric", Definition = "A synthetic metric for tests.", Unit = "people" }, transaction);
        connection.Execute("""
            insert into sources (id, kind, title, publisher, url, author, published_on, retrieved_at, language)
            values (@Id, @Kind, @Title, @Publisher, @Url, @Author, @PublishedOn, @RetrievedAt, @Language)
            """, Sources, transaction);
        connection.Execute("""
            insert into entities (id, kind, name, short_name, summary, parent_id)
            values (@Id, @Kind, @Name, @ShortName, @Summary, @ParentId)
            """, Entities, transaction);
        connection.Execute("""
            insert into entity_roles (entity_id, title, organization_id, started_on, ended_on)
            values (@EntityId, @Title, @OrganizationId, @StartedOn, @EndedOn)
            """, Roles, transaction);
        connection.Execute("""
            insert into events (id, kind, title, summary, occurred_on, date_precision)
            values (@Id, @Kind, @Title, @Summary, @OccurredOn, @DatePrecision)
            """, Events, transaction);
        connection.Execute("insert into event_participants (event_id, entity_id, role) values (@EventId, @EntityId, @Role)",
            Participants, transaction);
        connection.Execute("""
            insert into figures (id, metric, kind, value, value_qualifier, unit, period_start, period_end, period_label,
                                 scope, reported_by, stated_as)
            values (@Id, @Metric, @Kind, @Value, @ValueQualifier, @Unit, @PeriodStart, @PeriodEnd, @PeriodLabel,
                    @Scope, @ReportedBy, @StatedAs)
            """, Figures, transaction);
        connection.Execute("""
            insert into statements (id, speaker_id, speaker_role_id, text, quote_type, said_on, date_precision, channel)
            values (@Id, @SpeakerId, (select id from entity_roles where entity_id = @SpeakerId and title = @RoleTitle),
                    @Text, @QuoteType, @SaidOn, @DatePrecision, @Channel)
            """, Statements, transaction);
        connection.Execute("""
            insert into citations (source_id, record_type, record_id, excerpt, char_start, char_end, page, paragraph)
            values (@SourceId, case when @EntityId is not null then 'entity' when @EventId is not null then 'event' when @FigureId is not null then 'figure' else 'statement' end,
                    coalesce(@EntityId, @EventId, @FigureId, @StatementId),
                    @Excerpt, @CharStart, @CharEnd, @Page, @Paragraph)
            """, Citations, transaction);
        transaction.Commit();
        return factory;
    }

    sealed record SourceRecord(string Id, string Kind, string Title, string? Publisher, string? Url, string? Author,
        string? PublishedOn, string? RetrievedAt, string Language);

    static readonly SourceRecord[] Sources =
    [
        new("test-source", "dataset", "Test Dataset", "Test Publisher", "https://example.org/test-dataset", "Test Author",
            "2024-03-15", "2024-03-16T09:30:00Z", "en"),
        new("test-source-2", "report", "Test Report", null, null, null, "2024-03-15", null, "en"), // same day as test-source
        new("test-source-3", "dataset", "Test Report", null, null, null, null, null, "es"),       // same title, unknown day
        new("test-source-4", "government_release", "A Test Release", "Test Publisher", null, null, "2023-12-01", null, "en"),
    ];

    sealed record EntityRecord(string Id, string Kind, string Name, string? ShortName, string Summary, string? ParentId);

    static readonly EntityRecord[] Entities =
    [
        new("test-agency", "organization", "Test Agency", "TA", "A synthetic agency for tests.", null),
        new("test-office-a", "organization", "Test Office", null, "A synthetic office of the test agency.", "test-agency"),
        new("test-office-b", "organization", "Test Office", null, "Another synthetic office with the same name.", "test-agency"),
        new("test-unit", "organization", "Test Unit", null, "A synthetic unit of the first test office.", "test-office-a"),
        new("test-person-1", "person", "Test Person One", null, "A synthetic official.", null),
        new("test-person-2", "person", "Test Person Two", null, "Another synthetic official.", null),
    ];

    sealed record RoleRecord(string EntityId, string Title, string? OrganizationId, string? StartedOn, string? EndedOn);

    // The later role is written first, so that an order by start date differs from the order of writing.
    static readonly RoleRecord[] Roles =
    [
        new("test-person-1", "Test Adviser", null, "2024-07-01", null),
        new("test-person-1", "Test Director", "test-agency", "2024-01-01", "2024-06-30"),
        new("test-person-2", "Test Spokesperson", "test-office-a", null, null),
    ];

    sealed record EventRecord(string Id, string Kind, string Title, string Summary, string? OccurredOn, string DatePrecision);

    static readonly EventRecord[] Events =
    [
        new("test-event-001", "announcement", "Test announcement", "A synthetic announcement.", "2024-03-10", "day"),
        new("test-event-002", "policy_change", "Test policy change", "A synthetic change dated only to March 2024.", "2024-03-01", "month"),
        new("test-event-003", "enforcement_operation", "Test operation", "A synthetic operation on the same day as the announcement.", "2024-03-10", "day"),
        new("test-event-004", "other", "Test other event", "A synthetic event dated only to 2024.", "2024-01-01", "year"),
        new("test-event-005", "announcement", "Test undated announcement", "A synthetic announcement of unknown date.", null, "unknown"),
        new("test-event-006", "legal_action", "Test legal action", "A synthetic legal action.", "2024-03-31", "day"),
    ];

    sealed record ParticipantRecord(string EventId, string EntityId, string Role);

    static readonly ParticipantRecord[] Participants =
    [
        new("test-event-001", "test-person-1", "subject"),
        new("test-event-001", "test-agency", "initiator"),
        new("test-event-001", "test-agency", "announcer"), // two parts in one event
        new("test-event-002", "test-agency", "initiator"),
        new("test-event-003", "test-office-a", "agency"),
        new("test-event-003", "test-person-2", "announcer"),
        new("test-event-004", "test-unit", "affected"),
        new("test-event-005", "test-person-1", "subject"),
        new("test-event-006", "test-agency", "initiator"),
        new("test-event-006", "test-office-b", "affected"),
    ];

    sealed record FigureRecord(string Id, string Metric, string Kind, double Value, string ValueQualifier, string Unit,
        string? PeriodStart, string? PeriodEnd, string? PeriodLabel, string Scope, string ReportedBy, string? StatedAs);

    static readonly FigureRecord[] Figures =
    [
        new("test-figure-001", "book_ins", "actual", 1200, "exact", "people", "2024-01-01", "2024-01-31", "January 2024", "US", "test-agency", "book-ins"),
        new("test-figure-002", "book_ins", "actual", 1200, "exact", "people", "2024-02-01", "2024-02-29", "February 2024", "US", "test-agency", "book-ins"),
        new("test-figure-003", "detained_population", "estimate", 800, "approximately", "people", "2024-01-15", "2024-03-15", null, "Test Area", "test-office-a", "held"),
        new("test-figure-004", "book_ins", "projection", 5000, "up_to", "people", "2024-03-01", "2024-12-31", "rest of 2024", "US", "test-agency", null),
        new("test-figure-005", "removals", "target", 3000, "at_least", "people_per_day", null, null, "daily", "US", "test-person-1", "a day"),
        new("test-figure-006", "detained_population", "actual", 450.5, "exact", "people", "2024-02-29", "2024-02-29", "29 February 2024", "Test Area", "test-office-a", "held"),
        new("test-figure-007", "encounters", "estimate", 1200, "more_than", "people", "2024-01-01", "2024-01-31", "January 2024", "US", "test-agency", "encounters"),
    ];

    sealed record StatementRecord(string Id, string SpeakerId, string? RoleTitle, string Text, string QuoteType,
        string? SaidOn, string DatePrecision, string Channel);

    static readonly StatementRecord[] Statements =
    [
        new("test-statement-001", "test-person-1", "Test Director", "Test words one.", "direct", "2024-03-10", "day", "press_conference"),
        new("test-statement-002", "test-person-1", "Test Adviser", "Test words two.", "paraphrase", "2024-03-01", "month", "interview"),
        new("test-statement-003", "test-agency", null, "Test words three.", "direct", "2024-03-10", "day", "press_release"),
        new("test-statement-004", "test-person-2", "Test Spokesperson", "Test words four.", "paraphrase", "2024-01-01", "year", "social_media"),
        new("test-statement-005", "test-person-2", "Test Spokesperson", "Test words five.", "direct", null, "unknown", "unknown"),
        new("test-statement-006", "test-agency", null, "Test words six.", "paraphrase", "2024-03-31", "day", "report"),
    ];

    sealed record CitationRecord(string SourceId, string? EntityId, string? EventId, string? FigureId, string? StatementId,
        string Excerpt, int? CharStart, int? CharEnd, int? Page, int? Paragraph);

    /// <summary>A citation of exactly one record; its offsets, when given, span the excerpt.</summary>
    static CitationRecord Cite(string source, string excerpt, string? entity = null, string? @event = null, string? figure = null,
        string? statement = null, int? charStart = null, int? page = null, int? paragraph = null) =>
        new(source, entity, @event, figure, statement, excerpt, charStart, charStart + excerpt.Length, page, paragraph);

    static readonly CitationRecord[] Citations =
    [
        Cite("test-source", "Test Agency", entity: "test-agency", charStart: 0, paragraph: 1),
        Cite("test-source", "the Test Office", entity: "test-office-a", charStart: 40, paragraph: 2),
        Cite("test-source-2", "Test Office staff", entity: "test-office-a", page: 2),
        Cite("test-source-2", "Test Person One, the test director", entity: "test-person-1", page: 1, paragraph: 4),
        Cite("test-source-3", "Test Person Two", entity: "test-person-2"),
        Cite("test-source-4", "the Test Unit", entity: "test-unit", paragraph: 1),

        Cite("test-source", "Test Agency announced a test.", @event: "test-event-001", charStart: 100, paragraph: 3),
        Cite("test-source-2", "A test policy changed in March 2024.", @event: "test-event-002", page: 5),
        Cite("test-source", "A test operation took place.", @event: "test-event-003", charStart: 200, paragraph: 4),
        Cite("test-source-3", "Something happened in 2024.", @event: "test-event-004"),
        Cite("test-source", "An undated test announcement.", @event: "test-event-005", charStart: 300, paragraph: 5),
        Cite("test-source-2", "A test case was filed.", @event: "test-event-006", page: 6, paragraph: 1),
        Cite("test-source-4", "The test case was filed on 31 March.", @event: "test-event-006", charStart: 10),

        Cite("test-source", "1,200 book-ins in January 2024", figure: "test-figure-001", charStart: 500, paragraph: 6),
        Cite("test-source", "1,200 book-ins in February 2024", figure: "test-figure-002", charStart: 540, paragraph: 6),
        Cite("test-source-2", "about 800 people held", figure: "test-figure-003", page: 7),
        Cite("test-source-4", "up to 5,000 book-ins", figure: "test-figure-004", paragraph: 2),
        Cite("test-source-2", "at least 3,000 a day", figure: "test-figure-005", page: 8),
        Cite("test-source", "450.5 people held on average", figure: "test-figure-006", charStart: 600, paragraph: 7),
        Cite("test-source-3", "450.5 held", figure: "test-figure-006"),
        Cite("test-source-3", "more than 1,200 encounters", figure: "test-figure-007"),

        Cite("test-source", "\"Test words one,\" said Test Person One.", statement: "test-statement-001", charStart: 700, paragraph: 8),
        Cite("test-source-2", "Test Person One said test words two.", statement: "test-statement-002", page: 9),
        Cite("test-source", "Test Agency: \"Test words three.\"", statement: "test-statement-003", charStart: 760, paragraph: 9),
        Cite("test-source-3", "Test Person Two posted test words four.", statement: "test-statement-004"),
        Cite("test-source", "\"Test words five,\" said Test Person Two.", statement: "test-statement-005", charStart: 820, paragraph: 10),
        Cite("test-source-2", "Test Agency reported test words six.", statement: "test-statement-006", page: 10),
        Cite("test-source-4", "test words six", statement: "test-statement-006", paragraph: 3),
    ];
}

/// <summary>What a response must hold, worked out in the test rather than asked of the API.</summary>
public static class Expect
{
    /// <summary>
    /// The ids of <paramref name="rows"/> in the order <paramref name="sort"/> (the API's <c>sort</c> syntax) gives:
    /// each field ascending, or descending with a leading '-'; an unknown (null) value before every known one in
    /// ascending order and after them in descending order; text compared code unit by code unit, as SQLite does;
    /// ties broken by id in the direction of the last field.
    /// </summary>
    public static List<string> Order<T>(IEnumerable<T> rows, Func<T, string> id, string sort, Func<string, Func<T, object?>> field)
    {
        var keys = sort.Split(',')
            .Select(part => part.StartsWith('-') ? (Name: part[1..], Descending: true) : (Name: part, Descending: false))
            .ToList();
        if (!keys.Any(k => k.Name == "id")) keys.Add(("id", keys[^1].Descending));
        var comparers = keys
            .Select(k => (Key: k.Name == "id" ? row => id(row) : field(k.Name), k.Descending))
            .ToList();

        var ordered = rows.ToList();
        ordered.Sort((a, b) =>
        {
            foreach (var (key, descending) in comparers)
            {
                var c = Compare(key(a), key(b));
                if (c != 0) return descending ? -c : c;
            }
            return 0;
        });
        return ordered.Select(id).ToList();
    }

    static int Compare(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string x, string y) => Math.Sign(string.CompareOrdinal(x, y)),
        (double x, double y) => x.CompareTo(y),
        _ => throw new ArgumentException($"Cannot compare {a} with {b}."),
    };

    /// <summary>Asserts that <paramref name="actual"/> is the JSON of <paramref name="expected"/>: the same properties, in any order, with the same values.</summary>
    public static void Json(object expected, JsonElement actual)
    {
        var json = JsonSerializer.SerializeToElement(expected, JsonSerializerOptions.Web);
        Assert.True(JsonElement.DeepEquals(json, actual), $"Expected:\n{json}\nActual:\n{actual}");
    }

    /// <summary>A citation as the API writes it.</summary>
    public static object Citation(string sourceId, string sourceTitle, string excerpt,
        int? charStart = null, int? charEnd = null, int? page = null, int? paragraph = null) =>
        new { sourceId, sourceTitle, excerpt, location = new { charStart, charEnd, page, paragraph } };

    /// <summary>A reference to an entity as the API writes it.</summary>
    public static object Ref(string id, string kind, string name) => new { id, kind, name };

    /// <summary>Ids of a list page, sorted, to compare as a set.</summary>
    public static List<string> IdSet(this JsonElement page) => page.Ids().Order(StringComparer.Ordinal).ToList();
}
