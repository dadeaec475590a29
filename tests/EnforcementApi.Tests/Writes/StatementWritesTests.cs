using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Writes;

/// <summary>Writes of statements: speakers and their roles, dates and their precision, citations.</summary>
public sealed class StatementWritesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory);

    [Fact]
    public async Task A_statement_without_an_id_gets_a_slug_from_its_speaker_and_first_six_words()
    {
        var world = await World.CreateAsync(api);
        var created = await api.CreateAsync("statements",
            Make.Statement(null, world.Source, world.Person, "We will, of course, publish the numbers next week."));
        Assert.Equal($"{world.Person}-we-will-of-course-publish-the", created.Json.Str("id"));
        Assert.Equal($"/api/v1/statements/{world.Person}-we-will-of-course-publish-the", created.Location);
    }

    [Fact]
    public async Task The_speakers_role_is_served_from_the_speakers_entity_and_its_dates_sent_back_are_ignored()
    {
        var world = await World.CreateAsync(api);
        var body = Make.Statement(null, world.Source, world.Person, "Synthetic words with a role.", World.RoleTitle, world.Office);
        body["speakerRole"]!["startedOn"] = "1999-01-01";
        body["speakerRole"]!["endedOn"] = "1999-12-31";
        body["speakerRole"]!["organization"]!["name"] = "A name the client made up";
        body["speaker"]!["name"] = "Another made-up name";

        var role = (await api.CreateAsync("statements", body)).Json.GetProperty("speakerRole");
        Assert.Equal(World.RoleTitle, role.Str("title"));
        Assert.Equal(world.Office, role.GetProperty("organization").Str("id"));
        Assert.Equal("Test Field Office", role.GetProperty("organization").Str("name"));
        Assert.Equal("2024-01-01", role.Str("startedOn"));
        Assert.Equal(JsonValueKind.Null, role.GetProperty("endedOn").ValueKind);
    }

    [Fact]
    public async Task A_role_the_speaker_does_not_hold_or_an_unknown_speaker_is_a_400()
    {
        var world = await World.CreateAsync(api);
        await api.InvalidPostAsync("statements",
            Make.Statement(null, world.Source, world.Person, "Synthetic words.", "Test Chief of Everything", world.Office), "speakerRole");
        await api.InvalidPostAsync("statements",
            Make.Statement(null, world.Source, world.Person, "Synthetic words.", World.RoleTitle, world.Agency), "speakerRole");
        await api.InvalidPostAsync("statements",
            Make.Statement(null, world.Source, world.Person, "Synthetic words.", World.RoleTitle), "speakerRole");
        await api.InvalidPostAsync("statements",
            Make.Statement(null, world.Source, "test-no-such-entity", "Synthetic words."), "speaker.id");
    }

    [Theory]
    [InlineData("2024-04-02", "unknown")]
    [InlineData("2024-04-15", "month")]
    [InlineData("2024-04-01", "year")]
    [InlineData("2024-02-01", "year")]
    [InlineData(null, "day")]
    [InlineData(null, "year")]
    public async Task A_said_on_that_disagrees_with_its_precision_is_a_400_naming_said_on(string? saidOn, string precision)
    {
        var world = await World.CreateAsync(api);
        var body = Make.Statement(null, world.Source, world.Person);
        body["saidOn"] = saidOn;
        body["datePrecision"] = precision;
        await api.InvalidPostAsync("statements", body, "saidOn");
    }

    [Theory]
    [InlineData(null, "unknown")]
    [InlineData("2024-04-01", "month")]
    [InlineData("2024-01-01", "year")]
    [InlineData("2024-04-15", "day")]
    public async Task A_said_on_that_agrees_with_its_precision_is_stored_as_given(string? saidOn, string precision)
    {
        var world = await World.CreateAsync(api);
        var body = Make.Statement(null, world.Source, world.Person, $"Synthetic words said on {saidOn ?? "an unknown day"}.");
        body["saidOn"] = saidOn;
        body["datePrecision"] = precision;
        var created = (await api.CreateAsync("statements", body)).Json;
        Assert.Equal(saidOn, created.Str("saidOn"));
        Assert.Equal(precision, created.Str("datePrecision"));
    }

    [Fact]
    public async Task A_statement_without_citations_is_a_400_naming_citations()
    {
        var world = await World.CreateAsync(api);
        var missing = Make.Statement(null, world.Source, world.Person);
        missing.Remove("citations");
        await api.InvalidPostAsync("statements", missing, "citations");
        var empty = Make.Statement(null, world.Source, world.Person);
        empty["citations"] = new JsonArray();
        await api.InvalidPostAsync("statements", empty, "citations");
    }

    [Fact]
    public async Task Put_replaces_the_statement_clearing_its_role_and_channel_and_replacing_its_citations()
    {
        var world = await World.CreateAsync(api);
        var id = await api.CreateIdAsync("statements",
            Make.Statement(null, world.Source, world.Person, "Synthetic words to replace.", World.RoleTitle, world.Office));

        var replaced = (await api.ReplaceAsync("statements", id, new JsonObject
        {
            ["speaker"] = new JsonObject { ["id"] = world.Person }, ["text"] = "Synthetic replacement words.", ["quoteType"] = "paraphrase",
            ["datePrecision"] = "unknown",
            ["citations"] = new JsonArray(Make.Citation(world.Source, "replacement words", 3), Make.Citation(world.Source, "more words")),
        })).Json;

        Assert.Equal(JsonValueKind.Null, replaced.GetProperty("speakerRole").ValueKind);
        Assert.Equal("unknown", replaced.Str("channel"));
        Assert.Equal(JsonValueKind.Null, replaced.GetProperty("saidOn").ValueKind);
        Assert.Equal("paraphrase", replaced.Str("quoteType"));
        Assert.Equal(["replacement words", "more words"], replaced.GetProperty("citations").EnumerateArray().Select(c => c.Str("excerpt")));
        JsonOf.AssertSame(replaced.Node(), (await api.ReadAsync("statements", id)).Node, "GET after PUT");
    }

    [Fact]
    public async Task Patch_changes_the_text_and_clears_the_role_with_null()
    {
        var world = await World.CreateAsync(api);
        var id = await api.CreateIdAsync("statements",
            Make.Statement(null, world.Source, world.Person, "Synthetic words to patch.", World.RoleTitle, world.Office));
        var before = (await api.ReadAsync("statements", id)).Node;

        var patched = await api.ChangeAsync("statements", id, new JsonObject { ["text"] = "Synthetic patched words.", ["speakerRole"] = null });

        var expected = before.DeepClone().AsObject();
        expected["text"] = "Synthetic patched words.";
        expected["speakerRole"] = null;
        JsonOf.AssertSame(expected, patched.Node, "PATCH's answer");

        // A role merged in by title alone keeps the organization already there.
        var restored = await api.ChangeAsync("statements", id, new JsonObject
        {
            ["speakerRole"] = new JsonObject { ["title"] = World.RoleTitle, ["organization"] = new JsonObject { ["id"] = world.Office } },
        });
        JsonOf.AssertSame(before["speakerRole"], restored.Node["speakerRole"], "the role set again by PATCH");
    }

    [Fact]
    public async Task A_patch_that_makes_the_statement_invalid_is_a_400_and_writes_nothing()
    {
        var world = await World.CreateAsync(api);
        var id = await api.CreateIdAsync("statements", Make.Statement(null, world.Source, world.Person, "Synthetic guarded words."));
        var original = (await api.ReadAsync("statements", id)).Node;

        await api.InvalidAsync(() => api.PatchAsync("statements", id, new JsonObject { ["datePrecision"] = "month" }), "saidOn");
        await api.InvalidAsync(() => api.PatchAsync("statements", id, new JsonObject { ["speaker"] = new JsonObject { ["id"] = world.Agency }, ["speakerRole"] = new JsonObject { ["title"] = World.RoleTitle } }),
            "speakerRole");
        await api.InvalidAsync(() => api.PatchAsync("statements", id, new JsonObject { ["text"] = "   " }), "text");
        JsonOf.AssertSame(original, (await api.ReadAsync("statements", id)).Node, "the statement after refused patches");
    }
}
