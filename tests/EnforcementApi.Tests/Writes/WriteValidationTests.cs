using System.Net;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Writes;

/// <summary>
/// Every field of a body is checked before anything is written, and one 400 problem lists every bad field
/// by its path (<c>citations[0].excerpt</c>). Each refused body leaves the database's rows as they were.
/// </summary>
public sealed class WriteValidationTests : IClassFixture<ApiFactory>
{
    readonly WriteApi api;
    readonly World world;

    public WriteValidationTests(ApiFactory factory)
    {
        api = WriteApi.For(factory);
        world = World.CreateAsync(api).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task A_400_is_a_validation_problem_with_a_title_a_detail_naming_each_field_and_errors()
    {
        var body = Make.Source(null);
        body["kind"] = "pamphlet";
        body["language"] = null;
        var problem = await api.InvalidPostAsync("sources", body, "kind", "language");
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.1", problem.Str("type"));
        Assert.Contains("nothing was written", problem.Str("title"));
        Assert.Contains("kind:", problem.Str("detail"));
        Assert.Contains("language:", problem.Str("detail"));
        Assert.Contains("news_article", problem.GetProperty("errors").GetProperty("kind")[0].GetString());
        Assert.False(string.IsNullOrEmpty(problem.Str("traceId")));
    }

    [Fact]
    public async Task A_source_with_many_bad_fields_is_one_400_listing_every_one()
    {
        await api.InvalidPostAsync("sources", new JsonObject
        {
            ["id"] = "Not A Slug", ["kind"] = "pamphlet", ["title"] = "", ["publisher"] = 5, ["url"] = "ftp://example.org/file",
            ["author"] = new string('a', 201), ["publishedOn"] = "2024-02-30", ["retrievedAt"] = "yesterday", ["language"] = "english!",
            ["colour"] = "red",
        }, "id", "kind", "title", "publisher", "url", "author", "publishedOn", "retrievedAt", "language", "colour");
    }

    [Fact]
    public async Task An_entity_with_many_bad_fields_is_one_400_listing_every_one()
    {
        await api.InvalidPostAsync("entities", new JsonObject
        {
            ["kind"] = "person", ["shortName"] = " ", ["summary"] = new string('s', 2001),
            ["parent"] = new JsonObject { ["id"] = world.Agency },
            ["roles"] = new JsonArray(
                new JsonObject { ["title"] = "Test Clerk", ["startedOn"] = "2024-05-01", ["endedOn"] = "2024-01-01" },
                new JsonObject { ["title"] = "", ["organisation"] = new JsonObject { ["id"] = world.Office } }),
            ["citations"] = new JsonArray(new JsonObject { ["sourceId"] = world.Source, ["excerpt"] = " \t " }),
            ["nmae"] = "Test Misspelt",
        }, "name", "shortName", "summary", "parent", "roles[0].endedOn", "roles[1].title", "roles[1].organisation",
           "citations[0].excerpt", "nmae");
    }

    [Fact]
    public async Task An_event_with_many_bad_fields_is_one_400_listing_every_one()
    {
        await api.InvalidPostAsync("events", new JsonObject
        {
            ["kind"] = "parade", ["title"] = new string('t', 301), ["summary"] = "A synthetic event.", ["occurredOn"] = "2024-1-5",
            ["datePrecision"] = "day",
            ["participants"] = new JsonArray(
                Make.Participant(world.Office, "agency"), Make.Participant(world.Office, "agency"),
                new JsonObject { ["entity"] = new JsonObject(), ["role"] = "hero" }, "not an object"),
            ["citations"] = new JsonArray(),
        }, "kind", "title", "occurredOn", "participants[1]", "participants[2].entity.id", "participants[2].role", "participants[3]", "citations");
    }

    [Fact]
    public async Task A_figure_with_many_bad_fields_is_one_400_listing_every_one()
    {
        await api.InvalidPostAsync("figures", new JsonObject
        {
            ["metric"] = "removals", ["kind"] = "actual", ["value"] = -5, ["valueQualifier"] = "roughly", ["unit"] = "people",
            ["periodStart"] = "2024-03-01", ["periodEnd"] = "2024-02-01", ["scope"] = "US", ["reportedBy"] = world.Office,
            ["statedAs"] = "",
            ["citations"] = new JsonArray(
                new JsonObject { ["sourceId"] = world.Source, ["excerpt"] = "abc", ["location"] = new JsonObject { ["charStart"] = 5 } },
                new JsonObject { ["sourceId"] = world.Source, ["excerpt"] = "😀😀", ["location"] = new JsonObject { ["charStart"] = 0, ["charEnd"] = 4 } },
                new JsonObject { ["sourceId"] = world.Source, ["excerpt"] = new string('x', 5001) },
                new JsonObject { ["sourceId"] = world.Source, ["excerpt"] = "ok", ["location"] = new JsonObject { ["charStart"] = 0, ["charEnd"] = 2, ["line"] = 3 } }),
        }, "value", "valueQualifier", "periodEnd", "reportedBy", "statedAs", "citations[0].location.charEnd", "citations[1].location",
           "citations[2].excerpt", "citations[3].location.line");
    }

    [Fact]
    public async Task A_statement_with_many_bad_fields_is_one_400_listing_every_one()
    {
        await api.InvalidPostAsync("statements", new JsonObject
        {
            ["speaker"] = new JsonObject { ["id"] = world.Person, ["nmae"] = "x" }, ["text"] = new string('w', 10_001),
            ["quoteType"] = "quoted", ["saidOn"] = "2024-02-15", ["datePrecision"] = "month", ["channel"] = "telegram",
            ["citations"] = new JsonArray(new JsonObject { ["excerpt"] = "words", ["sourceTitle"] = "ignored" }, null),
        }, "speaker.nmae", "text", "quoteType", "saidOn", "channel", "citations[0].sourceId", "citations[1]");
    }

    [Theory]
    [InlineData("sources", new[] { "kind", "title", "language" })]
    [InlineData("entities", new[] { "kind", "name", "summary" })]
    [InlineData("events", new[] { "kind", "title", "summary", "citations" })]
    [InlineData("figures", new[] { "metric", "kind", "value", "unit", "scope", "reportedBy", "citations" })]
    [InlineData("statements", new[] { "speaker", "text", "quoteType", "citations" })]
    public async Task An_empty_body_is_a_400_naming_every_required_field(string resource, string[] required)
    {
        await api.InvalidPostAsync(resource, new JsonObject(), required);

        // null is the same as left out.
        var nulls = new JsonObject();
        foreach (var field in required) nulls[field] = null;
        await api.InvalidPostAsync(resource, nulls, required);
    }

    [Fact]
    public async Task Values_of_the_wrong_json_type_are_a_400_naming_each()
    {
        await api.InvalidPostAsync("figures", new JsonObject
        {
            ["id"] = 7, ["metric"] = new JsonArray("removals"), ["kind"] = 1, ["value"] = "100", ["valueQualifier"] = false, ["unit"] = "people",
            ["periodStart"] = 20240101, ["periodEnd"] = new JsonObject(), ["periodLabel"] = true, ["scope"] = 1.5,
            ["reportedBy"] = new JsonArray(), ["statedAs"] = new JsonObject(), ["citations"] = new JsonObject(),
        }, "id", "metric", "kind", "value", "valueQualifier", "periodStart", "periodEnd", "periodLabel", "scope", "reportedBy", "statedAs", "citations");

        await api.InvalidPostAsync("events", new JsonObject
        {
            ["kind"] = "announcement", ["title"] = "Test typed event", ["summary"] = "A synthetic event.", ["datePrecision"] = "unknown",
            ["participants"] = "everyone",
            ["citations"] = new JsonArray(new JsonObject
            {
                ["sourceId"] = world.Source, ["excerpt"] = 42,
                ["location"] = new JsonObject { ["charStart"] = "0", ["charEnd"] = 1.5, ["page"] = 0, ["paragraph"] = -1 },
            }),
        }, "participants", "citations[0].excerpt", "citations[0].location.charStart", "citations[0].location.charEnd",
           "citations[0].location.page", "citations[0].location.paragraph");
    }

    [Fact]
    public async Task Misspelt_fields_are_refused_at_every_level_not_dropped()
    {
        var body = world.Body("statements", null, Make.Word());
        body["Text"] = "capitalised";
        body["speaker"]!["ID"] = "x";
        body["speakerRole"]!["titel"] = "x";
        body["citations"]![0]!["excrept"] = "x";
        body["citations"]![0]!["location"]!["charstart"] = 1;
        body["roles"] = new JsonArray();
        await api.InvalidPostAsync("statements", body, "Text", "speaker.ID", "speakerRole.titel", "roles",
            "citations[0].excrept", "citations[0].location.charstart");

        var entity = world.Body("entities", null, Make.Word());
        entity["roles"]![0]!["organization"]!["ID"] = "x";
        entity["roles"]![0]!["startedon"] = "2024-01-01";
        entity["parent"] = new JsonObject { ["id"] = world.Agency, ["nmae"] = "x" };
        await api.InvalidPostAsync("entities", entity, "roles[0].organization.ID", "roles[0].startedon", "parent.nmae", "parent");

        var evt = world.Body("events", null, Make.Word());
        evt["participants"]![0]!["entity"]!["idd"] = "x";
        evt["participants"]![1]!["rol"] = "x";
        await api.InvalidPostAsync("events", evt, "participants[0].entity.idd", "participants[1].rol");
    }

    [Fact]
    public async Task A_misspelt_field_in_the_speaker_roles_organization_is_refused_not_dropped()
    {
        var body = world.Body("statements", null, Make.Word());
        body["speakerRole"]!["organization"]!["naem"] = "x";
        await api.InvalidPostAsync("statements", body, "speakerRole.organization.naem");

        // What a served role's organization has (kind, name) may still be sent back.
        var served = world.Body("statements", null, Make.Word());
        served["speakerRole"]!["organization"]!["kind"] = "organization";
        served["speakerRole"]!["organization"]!["name"] = "Test Field Office";
        await api.CreateAsync("statements", served);
    }

    [Theory]
    [InlineData("sources", "title", 500)]
    [InlineData("sources", "publisher", 200)]
    [InlineData("sources", "url", 2000)]
    [InlineData("entities", "name", 200)]
    [InlineData("entities", "shortName", 50)]
    [InlineData("entities", "summary", 2000)]
    [InlineData("events", "title", 300)]
    [InlineData("events", "summary", 5000)]
    [InlineData("figures", "scope", 100)]
    [InlineData("figures", "periodLabel", 200)]
    [InlineData("figures", "statedAs", 200)]
    [InlineData("statements", "text", 10_000)]
    public async Task A_string_may_be_as_long_as_its_bound_and_one_more_is_a_400(string resource, string field, int bound)
    {
        string Text(int length) => field == "url" ? "https://example.org/" + new string('p', length - 20) : new string('a', length);

        var tooLong = world.Body(resource, null, Make.Word());
        tooLong[field] = Text(bound + 1);
        await api.InvalidPostAsync(resource, tooLong, field);

        var longest = world.Body(resource, null, Make.Word());
        longest[field] = Text(bound);
        var created = (await api.CreateAsync(resource, longest)).Json;
        Assert.Equal(bound, created.Str(field)!.Length);
    }

    [Fact]
    public async Task An_excerpt_may_have_5000_characters_and_not_5001_nor_be_empty_or_spaces()
    {
        foreach (var (excerpt, path) in new[] { (new string('e', 5001), "citations[0].excerpt"), ("", "citations[0].excerpt"), ("   \n ", "citations[0].excerpt") })
        {
            var body = Make.Figure(null, world.Source, world.Office);
            body["citations"] = Make.Cite(world.Source, excerpt);
            await api.InvalidPostAsync("figures", body, path);
        }

        var longest = Make.Figure(null, world.Source, world.Office);
        longest["citations"] = new JsonArray(Make.Citation(world.Source, new string('e', 5000), 0));
        var created = (await api.CreateAsync("figures", longest)).Json;
        Assert.Equal(5000, created.GetProperty("citations")[0].Str("excerpt")!.Length);
    }

    [Fact]
    public async Task A_location_spans_the_excerpts_length_in_code_points()
    {
        // Four code points, six UTF-16 units: the emoji are one code point each.
        const string excerpt = "a😀b😀";
        var ok = Make.Figure(null, world.Source, world.Office);
        ok["citations"] = new JsonArray(new JsonObject
        {
            ["sourceId"] = world.Source, ["excerpt"] = excerpt, ["location"] = new JsonObject { ["charStart"] = 10, ["charEnd"] = 14 },
        });
        var location = (await api.CreateAsync("figures", ok)).Json.GetProperty("citations")[0].GetProperty("location");
        Assert.Equal(10, location.GetProperty("charStart").GetInt32());
        Assert.Equal(14, location.GetProperty("charEnd").GetInt32());

        foreach (var (start, end) in new[] { (10, 16), (10, 13), (10, 15) })
        {
            var bad = Make.Figure(null, world.Source, world.Office);
            bad["citations"] = new JsonArray(Make.Citation(world.Source, "fine", 0), new JsonObject
            {
                ["sourceId"] = world.Source, ["excerpt"] = excerpt, ["location"] = new JsonObject { ["charStart"] = start, ["charEnd"] = end },
            });
            await api.InvalidPostAsync("figures", bad, "citations[1].location");
        }
    }

    [Fact]
    public async Task A_location_gives_char_start_and_char_end_together_or_neither()
    {
        // The problem names the one that is missing.
        foreach (var (location, missing) in new[]
                 {
                     (new JsonObject { ["charStart"] = 3 }, "charEnd"), (new JsonObject { ["charEnd"] = 7 }, "charStart"),
                     (new JsonObject { ["charStart"] = 3, ["charEnd"] = null }, "charEnd"),
                 })
        {
            var body = Make.Figure(null, world.Source, world.Office);
            body["citations"] = new JsonArray(new JsonObject { ["sourceId"] = world.Source, ["excerpt"] = "four", ["location"] = location });
            await api.InvalidPostAsync("figures", body, "citations[0].location." + missing);
        }

        var pageOnly = Make.Figure(null, world.Source, world.Office);
        pageOnly["citations"] = new JsonArray(new JsonObject
        {
            ["sourceId"] = world.Source, ["excerpt"] = "four", ["location"] = new JsonObject { ["page"] = 2, ["paragraph"] = 5 },
        });
        var served = (await api.CreateAsync("figures", pageOnly)).Json.GetProperty("citations")[0].GetProperty("location");
        Assert.Equal(2, served.GetProperty("page").GetInt32());
        Assert.Equal(5, served.GetProperty("paragraph").GetInt32());
    }

    [Fact]
    public async Task Referenced_ids_that_do_not_exist_are_each_named()
    {
        var figure = Make.Figure(null, "test-no-such-source", "test-no-such-entity", metric: "test_no_such_metric");
        figure["citations"] = new JsonArray(Make.Citation(world.Source, "fine"), Make.Citation("test-no-such-source", "missing"));
        await api.InvalidPostAsync("figures", figure, "metric", "reportedBy.id", "citations[1].sourceId");

        var evt = Make.Event(null, "test-no-such-source", "Test event of unknowns",
            (world.Office, "agency"), ("test-no-such-entity", "subject"));
        await api.InvalidPostAsync("events", evt, "participants[1].entity.id", "citations[0].sourceId");

        var entity = Make.Organization(null, "Test Orphan Office", "test-no-such-entity");
        entity["citations"] = Make.Cite("test-no-such-source", "words");
        await api.InvalidPostAsync("entities", entity, "parent.id", "citations[0].sourceId");

        var person = Make.Person(null, "Test Orphan", "Test Clerk", "test-no-such-entity");
        await api.InvalidPostAsync("entities", person, "roles[0].organization.id");

        await api.InvalidPostAsync("statements", Make.Statement(null, "test-no-such-source", "test-no-such-entity"), "speaker.id", "citations[0].sourceId");
    }

    /// <summary>
    /// One 400 lists every bad field: those wrong in themselves and those that name records that do not
    /// exist, together, so a client does not fix one list only to be given another.
    /// </summary>
    [Fact]
    public async Task Bad_fields_and_unknown_references_in_one_body_are_listed_in_one_400()
    {
        var figure = Make.Figure(null, world.Source, "test-no-such-entity");
        figure["citations"] = new JsonArray(new JsonObject { ["sourceId"] = world.Source, ["excerpt"] = " " });
        await api.InvalidPostAsync("figures", figure, "reportedBy.id", "citations[0].excerpt");

        var evt = Make.Event(null, world.Source, "Test event of mixed faults", (world.Office, "agency"), ("test-no-such-entity", "subject"));
        evt["citations"] = new JsonArray(new JsonObject { ["sourceId"] = world.Source, ["excerpt"] = "" });
        await api.InvalidPostAsync("events", evt, "participants[1].entity.id", "citations[0].excerpt");
    }

    [Fact]
    public async Task A_put_body_is_validated_like_a_post_body()
    {
        var id = await api.CreateIdAsync("figures", Make.Figure(null, world.Source, world.Office));
        var original = (await api.ReadAsync("figures", id)).Node;
        var body = original.DeepClone().AsObject();
        body["value"] = -1;
        body["citations"]![0]!["excerpt"] = "";
        body["unit"] = "persons";
        body["extra"] = 1;
        await api.InvalidAsync(() => api.PutAsync("figures", id, body), "value", "unit", "citations[0].excerpt", "extra");
        await api.InvalidAsync(() => api.PutAsync("figures", id, new JsonObject()), "metric", "kind", "value", "unit", "scope", "reportedBy", "citations");
        JsonOf.AssertSame(original, (await api.ReadAsync("figures", id)).Node, "the figure after refused PUTs");
    }
}
