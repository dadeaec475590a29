using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Writes;

/// <summary>Writes of events: participants, citations, dates and their precision.</summary>
public sealed class EventWritesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory);

    static List<(string Entity, string Role)> Participants(JsonElement e) =>
        e.GetProperty("participants").EnumerateArray().Select(p => (p.GetProperty("entity").Str("id")!, p.Str("role")!)).Order().ToList();

    [Fact]
    public async Task An_event_without_an_id_gets_a_slug_from_its_title()
    {
        var world = await World.CreateAsync(api);
        var word = Make.Word();
        var created = await api.CreateAsync("events", Make.Event(null, world.Source, $"Test {word}: Office Opens, Again!"));
        Assert.Equal($"test-{word}-office-opens-again", created.Json.Str("id"));
    }

    [Fact]
    public async Task An_entity_may_take_several_parts_but_each_part_once()
    {
        var world = await World.CreateAsync(api);
        var created = (await api.CreateAsync("events", Make.Event(null, world.Source, "Test several parts",
            (world.Office, "agency"), (world.Office, "announcer"), (world.Person, "subject")))).Json;
        Assert.Equal([(world.Office, "agency"), (world.Office, "announcer"), (world.Person, "subject")], Participants(created));

        await api.InvalidPostAsync("events", Make.Event(null, world.Source, "Test repeated part",
            (world.Office, "agency"), (world.Office, "agency")), "participants[1]");
        await api.InvalidPostAsync("events", Make.Event(null, world.Source, "Test repeated parts",
            (world.Person, "subject"), (world.Office, "agency"), (world.Person, "target"), (world.Person, "subject"), (world.Office, "agency")),
            "participants[3]", "participants[4]");
    }

    [Fact]
    public async Task A_participant_that_is_not_an_entity_is_a_400_naming_its_entity_id()
    {
        var world = await World.CreateAsync(api);
        await api.InvalidPostAsync("events", Make.Event(null, world.Source, "Test unknown part",
            (world.Office, "agency"), ("test-no-such-entity", "subject"), (world.Person, "subject"), ("test-no-such-entity-either", "target")),
            "participants[1].entity.id", "participants[3].entity.id");
    }

    [Fact]
    public async Task An_event_without_citations_is_a_400_naming_citations()
    {
        var world = await World.CreateAsync(api);
        var missing = Make.Event(null, world.Source);
        missing.Remove("citations");
        await api.InvalidPostAsync("events", missing, "citations");

        var empty = Make.Event(null, world.Source);
        empty["citations"] = new JsonArray();
        await api.InvalidPostAsync("events", empty, "citations");

        var id = await api.CreateIdAsync("events", Make.Event(null, world.Source));
        await api.InvalidAsync(() => api.PatchAsync("events", id, new JsonObject { ["citations"] = new JsonArray() }), "citations");
        await api.InvalidAsync(() => api.PatchAsync("events", id, new JsonObject { ["citations"] = null }), "citations");
    }

    [Theory]
    [InlineData("2024-04-02", "unknown")]
    [InlineData("2024-04-02", "month")]
    [InlineData("2024-04-01", "year")]
    [InlineData(null, "day")]
    [InlineData(null, "month")]
    public async Task An_occurred_on_that_disagrees_with_its_precision_is_a_400_naming_occurred_on(string? occurredOn, string precision)
    {
        var world = await World.CreateAsync(api);
        var body = Make.Event(null, world.Source);
        body["occurredOn"] = occurredOn;
        body["datePrecision"] = precision;
        await api.InvalidPostAsync("events", body, "occurredOn");
    }

    [Theory]
    [InlineData(null, "unknown")]
    [InlineData("2024-04-01", "month")]
    [InlineData("2024-01-01", "year")]
    [InlineData("2024-04-17", "day")]
    public async Task An_occurred_on_that_agrees_with_its_precision_is_stored_as_given(string? occurredOn, string precision)
    {
        var world = await World.CreateAsync(api);
        var body = Make.Event(null, world.Source);
        body["occurredOn"] = occurredOn;
        body["datePrecision"] = precision;
        var created = (await api.CreateAsync("events", body)).Json;
        Assert.Equal(occurredOn, created.Str("occurredOn"));
        Assert.Equal(precision, created.Str("datePrecision"));
    }

    [Fact]
    public async Task Put_replaces_participants_and_citations_and_clears_them_when_left_out_except_the_required_citations()
    {
        var world = await World.CreateAsync(api);
        var id = await api.CreateIdAsync("events", Make.Event(null, world.Source, "Test replaced event", (world.Office, "agency"), (world.Person, "subject")));
        var other = await api.CreateIdAsync("sources", Make.Source(Make.Id("test-src"), "Test Other Bulletin"));

        var body = new JsonObject
        {
            ["kind"] = "policy_change", ["title"] = "Test replaced event", ["summary"] = "A synthetic replacement.", ["datePrecision"] = "unknown",
            ["citations"] = new JsonArray(Make.Citation(other, "a replacement excerpt", 5), Make.Citation(world.Source, "a second excerpt")),
        };
        var replaced = (await api.ReplaceAsync("events", id, body)).Json;

        Assert.Equal("policy_change", replaced.Str("kind"));
        Assert.Equal(JsonValueKind.Null, replaced.GetProperty("occurredOn").ValueKind);
        Assert.Empty(replaced.GetProperty("participants").EnumerateArray());
        var citations = replaced.GetProperty("citations").EnumerateArray().ToList();
        Assert.Equal([other, world.Source], citations.Select(c => c.Str("sourceId")));
        Assert.Equal(["a replacement excerpt", "a second excerpt"], citations.Select(c => c.Str("excerpt")));
        Assert.Equal(5, citations[0].GetProperty("location").GetProperty("charStart").GetInt32());
        Assert.Equal(26, citations[0].GetProperty("location").GetProperty("charEnd").GetInt32());
        JsonOf.AssertSame(replaced.Node(), (await api.ReadAsync("events", id)).Node, "GET after PUT");

        using var connection = api.OpenDatabase();
        Assert.Equal(2L, Dapper.SqlMapper.ExecuteScalar<long>(connection, "select count(*) from citations where record_type = 'event' and record_id = @id", new { id }));
        Assert.Equal(0L, Dapper.SqlMapper.ExecuteScalar<long>(connection, "select count(*) from event_participants where event_id = @id", new { id }));
    }

    [Fact]
    public async Task Patch_replaces_the_participants_array_and_clears_a_date_set_to_null()
    {
        var world = await World.CreateAsync(api);
        var id = await api.CreateIdAsync("events", Make.Event(null, world.Source, "Test patched event", (world.Office, "agency")));

        var patched = (await api.ChangeAsync("events", id, new JsonObject
        {
            ["participants"] = new JsonArray(Make.Participant(world.Person, "announcer"), Make.Participant(world.Agency, "initiator")),
            ["occurredOn"] = null, ["datePrecision"] = "unknown",
        })).Json;

        Assert.Equal([(world.Agency, "initiator"), (world.Person, "announcer")], Participants(patched));
        Assert.Equal(JsonValueKind.Null, patched.GetProperty("occurredOn").ValueKind);
        Assert.Equal("unknown", patched.Str("datePrecision"));
        Assert.Equal("Test patched event", patched.Str("title"));
        JsonOf.AssertSame(patched.Node(), (await api.ReadAsync("events", id)).Node, "GET after PATCH");
    }

    [Fact]
    public async Task A_patch_that_makes_the_event_invalid_is_a_400_and_writes_nothing()
    {
        var world = await World.CreateAsync(api);
        var id = await api.CreateIdAsync("events", Make.Event(null, world.Source, "Test guarded event", (world.Office, "agency")));
        var original = (await api.ReadAsync("events", id)).Node;

        // Clearing the date alone leaves datePrecision day: the merged event is refused as a PUT of it would be.
        await api.InvalidAsync(() => api.PatchAsync("events", id, new JsonObject { ["occurredOn"] = null }), "occurredOn");
        await api.InvalidAsync(() => api.PatchAsync("events", id, new JsonObject
        {
            ["participants"] = new JsonArray(Make.Participant(world.Office, "agency"), Make.Participant(world.Office, "agency")),
        }), "participants[1]");
        await api.InvalidAsync(() => api.PatchAsync("events", id, new JsonObject
        {
            ["participants"] = new JsonArray(Make.Participant("test-no-such-entity", "agency")),
        }), "participants[0].entity.id");
        JsonOf.AssertSame(original, (await api.ReadAsync("events", id)).Node, "the event after refused patches");
    }
}
