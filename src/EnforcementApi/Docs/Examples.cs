using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Changes;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Entities;
using EnforcementApi.Events;
using EnforcementApi.Figures;
using EnforcementApi.Metrics;
using EnforcementApi.Querying;
using EnforcementApi.Search;
using EnforcementApi.Sources;
using EnforcementApi.Statements;
using EnforcementApi.Writes;
using Microsoft.AspNetCore.Mvc;

namespace EnforcementApi.Docs;

/// <summary>
/// The examples the OpenAPI document shows: real bundled records, so a reader sees what the API answers
/// (a test checks that each one equals what the API serves for its id).
/// </summary>
internal static class Examples
{
    const string ArticleId = "article-ice-leadership-shakeup";
    const string ArticleTitle = "Trump Boots ICE Bosses After Deportation Numbers Fall Short";

    static readonly EntityRef Dhs = new("dhs", EntityKind.Organization, "Department of Homeland Security");
    static readonly EntityRef Ice = new("ice", EntityKind.Organization, "Immigration and Customs Enforcement");

    const string DhsExcerpt =
        "the Department of Homeland Security reported that over 158,000 illegal aliens had been arrested and 65,600 deported within the first 100 days";

    public static readonly Source Source = new(
        ArticleId, SourceKind.NewsArticle, ArticleTitle, null, null, null, null, null, "en");

    public static readonly Entity Entity = new(
        "ice", EntityKind.Organization, "Immigration and Customs Enforcement", "ICE",
        "Agency of the Department of Homeland Security that enforces immigration law in the interior of the United States.",
        Dhs, [],
        [new Citation(ArticleId, ArticleTitle, "Immigration and Customs Enforcement (ICE)", new CitationLocation(103, 144, null, 1))]);

    public static readonly Event Event = new(
        "ken-genalo-retirement", EventKind.LeadershipChange,
        "Retirement of ICE acting executive associate director Ken Genalo announced",
        "As part of the leadership realignment, ICE announced that Ken Genalo, its acting executive associate director, is retiring.",
        null, DatePrecision.Unknown,
        [
            new Participant(Ice, ParticipantRole.Announcer),
            new Participant(new EntityRef("ken-genalo", EntityKind.Person, "Ken Genalo"), ParticipantRole.Subject),
        ],
        [new Citation(ArticleId, ArticleTitle,
            "ICE confirmed the changes Thursday, announcing the retirement of Acting Executive Associate Director Ken Genalo.",
            new CitationLocation(354, 466, null, 2))]);

    public static readonly Figure Figure = new(
        "dhs-removals-first-100-days", "removals", FigureKind.Actual, 65600m, ValueQualifier.Exact, FigureUnit.People,
        new DateOnly(2025, 1, 20), new DateOnly(2025, 4, 29), "first 100 days of the administration", "US", null, Dhs, null, "deported", FigureRank.Normal, null,
        [new Citation(ArticleId, ArticleTitle, DhsExcerpt, new CitationLocation(1146, 1287, null, 5))]);

    static readonly Figure DailyTarget = new(
        "removals-daily-target", "removals", FigureKind.Target, 3000m, ValueQualifier.Exact, FigureUnit.PeoplePerDay, null, null, "daily", "US", null,
        new EntityRef("stephen-miller", EntityKind.Person, "Stephen Miller"), null, "deportations", FigureRank.Normal, null,
        [new Citation(ArticleId, ArticleTitle, "White House deputy chief of staff Stephen Miller said the administration’s daily goal is 3,000 deportations.",
            new CitationLocation(1345, 1453, null, 6))]);

    /// <summary>What <c>GET /api/v1/figures/pace?metric=removals</c> answers for the bundled records.</summary>
    public static readonly PaceReport Pace = new("removals", null, Analysis.Arithmetic, Analysis.QualifierRules,
        [new PaceActual(Figure.Id, Figure.Value, Figure.ValueQualifier, Figure.PeriodStart!.Value, Figure.PeriodEnd!.Value, Figure.PeriodLabel,
            100, 656.0m, ValueQualifier.Exact, Figure.ReportedBy, Figure.CountedBy, Figure.Citations)],
        [new PaceTarget(DailyTarget.Id, DailyTarget.Value, DailyTarget.ValueQualifier, DailyTarget.Unit, null, null, DailyTarget.PeriodLabel,
            null, 3000.0m, ValueQualifier.Exact, DailyTarget.ReportedBy, DailyTarget.Citations)],
        [new PaceComparison(Figure.Id, DailyTarget.Id, 0.2187m, ValueQualifier.Exact, PaceDirection.Shortfall, 2344.0m, 234400.0m,
            ValueQualifier.Exact, [Figure.Id, DailyTarget.Id])]);

    /// <summary>
    /// What <c>GET /api/v1/figures/discrepancies?metric=removals</c> answers for the bundled records: they hold one
    /// actual removals figure, so nothing disagrees yet.
    /// </summary>
    public static readonly DiscrepancyReport Discrepancies = new(0.02m, DiscrepanciesApi.DiscrepancyMethod, []);

    /// <summary>What <c>GET /api/v1/figures/series?metric=removals&amp;interval=quarter&amp;from=2024-10-01&amp;to=2025-06-30</c> answers for the bundled records.</summary>
    public static readonly SeriesReport Series = new("removals", SeriesInterval.Quarter, "US", FigureKind.Actual, null, [], null, SeriesApi.Choice,
        [
            new SeriesPoint("2024-Q4", new DateOnly(2024, 10, 1), new DateOnly(2024, 12, 31), null, null, null, null, [], null, []),
            new SeriesPoint("2025-Q1", new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31), null, null, null, null, [], null, []),
            new SeriesPoint("2025-Q2", new DateOnly(2025, 4, 1), new DateOnly(2025, 6, 30), null, null, null, null, [], null, []),
        ], null);

    /// <summary>The text of the claims check's examples: a claim of the kind a fact-checker meets.</summary>
    public const string ClaimText = "DHS said more than 150,000 people were deported in the first three months.";

    /// <summary>
    /// What <c>GET /api/v1/claims/check?text=…&amp;asOf=2025-06-01</c> answers for <see cref="ClaimText"/> against the example
    /// figure (a test checks that the API answers exactly this).
    /// </summary>
    public static readonly Claims.ClaimReport ClaimReport = new(ClaimText, 0.02m, new DateOnly(2025, 6, 1), Claims.ClaimJudge.Method,
    [
        new Claims.Claim("more than 150,000 people were deported", 9, 47,
            new Claims.ClaimedFigure("removals", FigureKind.Actual, 150000m, ValueQualifier.MoreThan, FigureUnit.People,
                new DateOnly(2025, 1, 20), new DateOnly(2025, 4, 19), "first 3 months of the administration (from 2025-01-20)", null, null),
            Claims.ClaimVerdict.Contradicted,
            "The figure a series takes (none is preferred; the most recently published) for removals over 2025-01-20 to 2025-04-29 " +
            "(first 100 days of the administration) is 65,600 (reported by Department of Homeland Security); the claim's more than 150,000 " +
            "does not agree with it within 2%. It is the only comparable figure.",
            [new Claims.ClaimMatch(Figure.Id, Figure.Value, Figure.ValueQualifier, Figure.Unit, Figure.PeriodStart, Figure.PeriodEnd, Figure.PeriodLabel,
                Figure.Rank, Figure.CountedBy, Figure.ReportedBy, true, Claims.ClaimComparison.Count, 65600.0m, false, 84400.0m, 2.2866m, 0.9000m,
                Figure.Citations)]),
    ]);

    public static readonly Statement Statement = new(
        "tom-homan-on-agents",
        new EntityRef("tom-homan", EntityKind.Person, "Tom Homan"),
        new Role("Border czar", null, null, null),
        "there are men and women out there enforcing the law and making this country safe again",
        QuoteType.Direct, null, DatePrecision.Unknown, StatementChannel.Unknown,
        [new Citation(ArticleId, ArticleTitle,
            "While Trump loyalists like border czar Tom Homan defended the agents’ work, saying, “there are men and women out there enforcing the law and making this country safe again,”",
            new CitationLocation(1526, 1699, null, 7))]);

    /// <summary>One of the dimensions <c>GET /api/v1/dimensions</c> lists, as db/010_breakdowns.sql defines it.</summary>
    public static readonly Dimensions.Dimension Criminality = new("criminality", "Criminal history",
        "Whether the people counted had a criminal conviction, pending criminal charges, or neither, as the reporting agency classes them.",
        [
            new("convicted", "Convicted of a crime"),
            new("other_immigration_violator", "Neither convicted nor charged (other immigration violators)"),
            new("pending_charges", "Pending criminal charges"),
        ]);

    /// <summary>The seed article, as the API stores it: what the draft examples are made from.</summary>
    public static readonly string ArticleText = ReadArticle();

    /// <summary>The opening of the article, for the example of a text sent to be drafted.</summary>
    public static readonly string ArticleOpening = ArticleText[..ArticleText.IndexOf('\n', 200)];

    static string ReadArticle()
    {
        using var stream = typeof(Examples).Assembly.GetManifestResourceStream("db/corpus/" + ArticleId + ".txt")!;
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>What drafting the seed article gives (two of its items), with the seed records' entities.</summary>
    public static readonly Drafts.Draft Draft = MakeDraft();

    static Drafts.Draft MakeDraft()
    {
        Drafts.Pipeline.KnownEntity Known(string id, EntityKind kind, string name, string? shortName = null) => new(id, kind, name, shortName);
        List<Drafts.Pipeline.KnownEntity> entities =
        [
            Known("white-house", EntityKind.Organization, "White House"), Known("dhs", EntityKind.Organization, "Department of Homeland Security", "DHS"),
            Known("ice", EntityKind.Organization, "Immigration and Customs Enforcement", "ICE"), Known("hsi", EntityKind.Organization, "Homeland Security Investigations", "HSI"),
            Known("donald-trump", EntityKind.Person, "Donald Trump"), Known("stephen-miller", EntityKind.Person, "Stephen Miller"),
            Known("tom-homan", EntityKind.Person, "Tom Homan"), Known("kristi-noem", EntityKind.Person, "Kristi Noem"),
            Known("ken-genalo", EntityKind.Person, "Ken Genalo"), Known("robert-hammer", EntityKind.Person, "Robert Hammer"),
        ];
        var result = Drafts.Pipeline.Drafter.Run(ArticleText, ArticleId, null, entities, [new("removals", "Removals"), new("arrests", "Arrests")]);
        var chosen = result.Proposals
            .Where(p => p.Kind == Drafts.DraftItemKind.Figure && p.Record["value"]!.GetValue<decimal>() == 65600m
                        || p.Kind == Drafts.DraftItemKind.Statement && p.Label == "Tom Homan")
            .ToList();
        var items = chosen.Select((p, i) => new Drafts.DraftItem(i + 1, p.Kind, Drafts.DraftItemState.Proposed, p.Confidence, p.Label,
            p.Record["citations"]![0]!["excerpt"]!.GetValue<string>(), p.ExcerptStart, p.ExcerptEnd, p.MentionStart, p.MentionEnd,
            p.Record, p.Notes, null, null, null)).ToList();
        return new Drafts.Draft("draft-3f9a2c71b0de", ArticleId, ArticleTitle, new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero), "newsroom-curator",
            ArticleText.EnumerateRunes().Count(), result.Words, new Drafts.DraftCounts(items.Count, 0, 0), items,
            [.. result.Matched.Take(3).Select(m => new Drafts.DraftMention(m.Entity!.Id, m.Name, m.Start, m.End))]);
    }

    public static readonly Metric Metric = new(
        "removals", "Removals", FigureUnit.People,
        "Compulsory and confirmed movements of noncitizens out of the United States under an order of removal. Officials and news reports often call them deportations.");

    public static readonly SearchHit SearchHit = new(
        RecordType.Statement, "stephen-miller-on-daily-goal",
        "Stephen Miller: “the administration’s daily goal is 3,000 deportations”",
        "the administration’s daily goal is 3,000 <mark>deportations</mark>", 1.719749,
        "/api/v1/statements/stephen-miller-on-daily-goal");

    public static readonly Revision Revision = new(
        1, ChangeKind.Created, "migration", new DateTimeOffset(2026, 11, 28, 3, 44, 0, TimeSpan.Zero),
        JsonSerializer.SerializeToElement(Figure, Json));

    public static readonly FeedPage Feed = new(
        [new FeedEntry(RecordType.Figure, Figure.Id, ChangeKind.Created, 1, new DateTimeOffset(2026, 11, 28, 3, 44, 0, TimeSpan.Zero),
            "migration", JsonSerializer.SerializeToElement(Figure, Json))],
        "eyJSIjoiY2hhbmdlcyIsIlEiOiIiLCJLIjpbMzBdfQ.Ld0rW2bY3Qm0LrYd");

    static JsonSerializerOptions Json => new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    // Write bodies: the same records, without what the server derives (names of references, source titles).
    static CitationInput InputOf(Citation c) =>
        new(c.SourceId, c.Excerpt, new LocationInput(c.Location.CharStart, c.Location.CharEnd, c.Location.Page, c.Location.Paragraph));

    public static readonly SourceInput SourceInput = new(
        Source.Id, Source.Kind, Source.Title, Source.Publisher, Source.Url, Source.Author, Source.PublishedOn, Source.RetrievedAt, Source.Language);

    public static readonly EntityInput EntityInput = new(
        Entity.Id, Entity.Kind, Entity.Name, Entity.ShortName, Entity.Summary, new RefInput(Dhs.Id), [], [.. Entity.Citations.Select(InputOf)]);

    public static readonly EventInput EventInput = new(
        Event.Id, Event.Kind, Event.Title, Event.Summary, Event.OccurredOn, Event.DatePrecision,
        [.. Event.Participants.Select(p => new ParticipantInput(new RefInput(p.Entity.Id), p.Role))], [.. Event.Citations.Select(InputOf)]);

    public static readonly FigureInput FigureInput = new(
        Figure.Id, Figure.Metric, Figure.Kind, Figure.Value, Figure.ValueQualifier, Figure.Unit, Figure.PeriodStart, Figure.PeriodEnd,
        Figure.PeriodLabel, Figure.Scope, null, new RefInput(Figure.ReportedBy.Id), null, Figure.StatedAs, Figure.Rank, null, [.. Figure.Citations.Select(InputOf)]);

    public static readonly StatementInput StatementInput = new(
        Statement.Id, new RefInput(Statement.Speaker.Id), new SpeakerRoleInput("Border czar", null), Statement.Text, Statement.QuoteType,
        Statement.SaidOn, Statement.DatePrecision, Statement.Channel, [.. Statement.Citations.Select(InputOf)]);

    static readonly Dictionary<Type, object> ByType = new()
    {
        [typeof(SourceInput)] = SourceInput,
        [typeof(EntityInput)] = EntityInput,
        [typeof(EventInput)] = EventInput,
        [typeof(FigureInput)] = FigureInput,
        [typeof(StatementInput)] = StatementInput,
        [typeof(Page<Revision>)] = new Page<Revision>([Revision], null),
        [typeof(Page<Auth.ApiKeyInfo>)] = new Page<Auth.ApiKeyInfo>(
            [new Auth.ApiKeyInfo("newsroom-curator", Auth.KeyScope.Write, new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 27, 16, 2, 11, TimeSpan.Zero), null)],
            null),
        [typeof(FeedPage)] = Feed,
        [typeof(Page<SearchHit>)] = new Page<SearchHit>([SearchHit], null),
        [typeof(Source)] = Source,
        [typeof(Entity)] = Entity,
        [typeof(Event)] = Event,
        [typeof(Figure)] = Figure,
        [typeof(PaceReport)] = Pace,
        [typeof(Bulk.ImportResult)] = new Bulk.ImportResult(false, 2,
            new Dictionary<string, int> { ["source"] = 1, ["entity"] = 0, ["event"] = 0, ["figure"] = 1, ["statement"] = 0 },
            new Dictionary<string, int> { ["source"] = 0, ["entity"] = 0, ["event"] = 0, ["figure"] = 0, ["statement"] = 0 }),
        [typeof(DiscrepancyReport)] = Discrepancies,
        [typeof(SeriesReport)] = Series,
        [typeof(Claims.ClaimReport)] = ClaimReport,
        [typeof(Claims.ClaimCheckRequest)] = new Claims.ClaimCheckRequest(ClaimText, 0.02m, "2025-06-01"),
        [typeof(Statement)] = Statement,
        [typeof(Page<Source>)] = new Page<Source>([Source], null),
        [typeof(Page<Entity>)] = new Page<Entity>([Entity], null),
        [typeof(Page<Event>)] = new Page<Event>([Event], null),
        [typeof(Page<Figure>)] = new Page<Figure>([Figure], null),
        [typeof(Page<Statement>)] = new Page<Statement>([Statement], null),
        [typeof(Page<Metric>)] = new Page<Metric>([Metric], null),
        [typeof(Page<Dimensions.Dimension>)] = new Page<Dimensions.Dimension>([Criminality], null),
        [typeof(Drafts.Draft)] = Draft,
        [typeof(Bulk.ImportJob)] = new Bulk.ImportJob("import-5d0e41c2a9f3", Bulk.ImportJobState.Running, false, 318_767_104, 412_000, 411_998,
            new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 3, 12, 0, 1, TimeSpan.Zero), null, 8.25,
            "newsroom-curator", null, null),
        [typeof(Drafts.DraftItem)] = Draft.Items[0] with
        {
            State = Drafts.DraftItemState.Rejected, DecidedAt = new DateTimeOffset(2026, 12, 3, 12, 5, 0, TimeSpan.Zero), DecidedBy = "newsroom-curator",
        },
        [typeof(Drafts.AcceptedDraftItem)] = new Drafts.AcceptedDraftItem(Draft.Id, 3, Drafts.DraftItemKind.Figure, Figure.Id, Figure, null, null),
        [typeof(Page<Drafts.DraftSummary>)] = new Page<Drafts.DraftSummary>(
            [new Drafts.DraftSummary(Draft.Id, Draft.SourceId, Draft.SourceTitle, Draft.CreatedAt, Draft.CreatedBy, Draft.Counts)], null),
    };

    public static object? For(Type type) => ByType.GetValueOrDefault(type);

    /// <summary>
    /// A cursor each paged operation takes, for its documented example: the position after a bundled
    /// record (or after the first change), for the request with no other parameters but the examples of
    /// the required ones. A test sends each.
    /// </summary>
    public static string? CursorFor(string path)
    {
        static string Unfiltered<TRow>(ListDefinition<TRow> list, params object[] keys)
        {
            var query = new ListQuery<TRow>(list);
            query.Paging(null, null, null);
            return query.CursorAfter(keys);
        }
        static string Revisions(RecordType type, string id) => new RevisionListQuery().ToListQuery(type, id).CursorAfter(1L);

        return path switch
        {
            "api/v1/figures" => Unfiltered(FigureDefinition.List, Dates.Key(Figure.PeriodEnd), Figure.Id),
            "api/v1/sources" => Unfiltered(SourceDefinition.List, Dates.Key(Source.PublishedOn), Source.Id),
            "api/v1/entities" => Unfiltered(EntityDefinition.List, Entity.Name, Entity.Id),
            "api/v1/events" => Unfiltered(EventDefinition.List, Dates.Key(Event.OccurredOn), Event.Id),
            "api/v1/statements" => Unfiltered(StatementDefinition.List, Dates.Key(Statement.SaidOn), Statement.Id),
            "api/v1/search" => new SearchParameters { Q = SearchExampleQuery }.ToListQuery(Data.Dialect.Sqlite).CursorAfter(-5.0, 1L),
            "api/v1/figures/{id}/revisions" => Revisions(RecordType.Figure, Figure.Id),
            "api/v1/sources/{id}/revisions" => Revisions(RecordType.Source, Source.Id),
            "api/v1/entities/{id}/revisions" => Revisions(RecordType.Entity, Entity.Id),
            "api/v1/events/{id}/revisions" => Revisions(RecordType.Event, Event.Id),
            "api/v1/statements/{id}/revisions" => Revisions(RecordType.Statement, Statement.Id),
            "api/v1/drafts" => Unfiltered(Drafts.DraftsApi.List, Timestamps.Format(Draft.CreatedAt), Draft.Id),
            "api/v1/changes" => new Cursor("changes", "", [JsonSerializer.SerializeToElement(1L)]).Encode(),
            _ => null,
        };
    }

    public const string SearchExampleQuery = "deportation AND \"first 100 days\"";

    /// <summary>An import body: a source, then a figure citing it.</summary>
    public static readonly JsonNode ImportLines = JsonValue.Create(
        """{"type": "source", "id": "ice-annual-report-fy2024", "kind": "government_release", "title": "ICE Annual Report FY2024", "language": "en"}""" + "\n"
        + """{"type": "figure", "id": "dhs-removals-first-100-days", "metric": "removals", "kind": "actual", "value": 65600, "unit": "people", "periodStart": "2025-01-20", "periodEnd": "2025-04-29", "periodLabel": "first 100 days of the administration", "scope": "US", "reportedBy": {"id": "dhs"}, "statedAs": "deported", "citations": [{"sourceId": "article-ice-leadership-shakeup", "excerpt": "65,600 deported within the first 100 days"}]}""" + "\n");

    /// <summary>The example record of each type: what every example of a record, and of its export, shows.</summary>
    static readonly IReadOnlyList<(RecordType Type, object Record)> Records = RecordKinds.Total<(RecordType Type, object Record)>(
        [(RecordType.Source, Source), (RecordType.Entity, Entity), (RecordType.Event, Event), (RecordType.Figure, Figure), (RecordType.Statement, Statement)],
        r => r.Type, "Examples.Records");

    /// <summary>
    /// What a streamed answer starts with, written by the exporter itself: the example record of the export's
    /// type as an NDJSON line or as a CSV header and row, or the example figure's citation as a row of the
    /// citation export. Null for what is not an export (the database file).
    /// </summary>
    public static JsonNode? Streamed(string path, string mediaType, JsonSerializerOptions json)
    {
        const string Exports = "api/v1/export/";
        if (!path.StartsWith(Exports, StringComparison.Ordinal) || mediaType is not (Bulk.ExportApi.Ndjson or Bulk.ExportApi.Csv)) return null;
        var name = path[Exports.Length..];
        if (name == "citations")
            return JsonValue.Create(Bulk.Exporter.CitationsExample(Figure.Citations.Select(c => new object?[]
                { "figure", Figure.Id, c.SourceId, c.SourceTitle, c.Excerpt, c.Location.CharStart, c.Location.CharEnd, c.Location.Page, c.Location.Paragraph })));
        var (type, record) = Records.Single(r => RecordKinds.Of(r.Type).Plural == name);
        return JsonValue.Create(Bulk.Exporter.Example(type, record,
            mediaType == Bulk.ExportApi.Csv ? Bulk.ExportFormat.Csv : Bulk.ExportFormat.Ndjson, json));
    }

    /// <summary>A merge patch for each record type: what a correction sends, valid against the example record.</summary>
    static readonly IReadOnlyList<(RecordType Type, Dictionary<string, object?> Patch)> Patches = RecordKinds.Total<(RecordType Type, Dictionary<string, object?> Patch)>(
    [
        (RecordType.Source, new() { ["language"] = "en" }),
        (RecordType.Entity, new() { ["summary"] = Entity.Summary }),
        (RecordType.Event, new() { ["summary"] = Event.Summary }),
        (RecordType.Figure, new() { ["periodLabel"] = "first 100 days of the second Trump administration" }),
        (RecordType.Statement, new() { ["channel"] = "unknown" }),
    ], p => p.Type, "Examples.Patches");

    /// <summary>The patch for the record type whose write body is <paramref name="input"/>; a figure's for a draft item, which is most often one.</summary>
    public static object PatchFor(Type? input)
    {
        var type = Writes.WritableResources.All.SingleOrDefault(r => r.InputType == input)?.Type ?? RecordType.Figure;
        return Patches.Single(p => p.Type == type).Patch;
    }

    static readonly Dictionary<string, string> ProblemTitles = new()
    {
        ["401"] = "An API key is required.",
        ["403"] = "The key's scope does not allow this.",
        ["409"] = "The figure id is taken.",
        ["410"] = "The figure was deleted.",
        ["412"] = "The figure has changed.",
        ["413"] = "The body is too large.",
        ["415"] = "The body has the wrong content type.",
        ["422"] = "The Idempotency-Key was used for another request.",
        ["414"] = "The query string is too long.",
        ["429"] = "Too many requests.",
        ["431"] = "The request headers are too large.",
        ["503"] = "Service Unavailable",
        ["507"] = "Insufficient Storage",
    };

    static readonly Dictionary<string, string> ProblemDetailsText = new()
    {
        ["401"] = "Writes need a key: send Authorization: Bearer KEY. An administrator creates keys with `keys create`.",
        ["403"] = "This operation needs a key with a broader scope.",
        ["409"] = "A figure with the id 'dhs-removals-first-100-days' exists, or existed and was deleted; ids are never reused.",
        ["410"] = "The figure 'dhs-removals-first-100-days' was deleted; its history remains under its revisions.",
        ["412"] = "If-Match does not name the figure's current ETag: someone changed it since you read it.",
        ["413"] = "A request body may have at most 1048576 bytes.",
        ["415"] = "Send the body as Content-Type: application/json (UTF-8); got text/plain.",
        ["422"] = "A request with this key and a different body was made before; use a new key for a new request.",
        ["414"] = "It has 9000 characters; at most 8000 are allowed (Limits:MaxQueryStringLength).",
        ["429"] = "This client has used its requests for this minute (Limits:ReadsPerMinute for reads per address, Limits:WritesPerMinute for writes per key); retry after 42 s.",
        ["431"] = "They take about 20000 bytes; at most 16384 are allowed (Limits:MaxHeaderBytes).",
        ["503"] = "The database is busy with another write for longer than the busy timeout; nothing was written. Retry shortly.",
        ["507"] = "The database has no room for this write (disk full or its size limit reached); nothing was written.",
    };

    public static object Problem(string status) => status switch
    {
        "401" or "403" or "409" or "410" or "412" or "413" or "415" or "422" or "414" or "429" or "431" or "503" or "507" => new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110",
            Title = ProblemTitles.GetValueOrDefault(status),
            Status = int.Parse(status, System.Globalization.CultureInfo.InvariantCulture),
            Detail = ProblemDetailsText.GetValueOrDefault(status),
            Extensions = { ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" },
        },
        "400" => new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["limit"] = ["Must be a whole number from 1 to 200; got '0'."],
        })
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Title = "The request's query parameters are invalid.",
            Status = 400,
            Detail = "limit: Must be a whole number from 1 to 200; got '0'.",
            Extensions = { ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" },
        },
        "404" => new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            Title = "The figure was not found.",
            Status = 404,
            Detail = "No figure has the id 'dhs-removals-first-99-days'.",
            Extensions = { ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" },
        },
        _ => new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
            Title = "An error occurred while processing your request.",
            Status = 500,
            Extensions = { ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" },
        },
    };
}
