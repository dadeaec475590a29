using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Writes;

/// <summary>Writes of figures: values, periods, metrics, who reported them and their citations.</summary>
public sealed class FigureWritesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory);

    [Fact]
    public async Task A_figure_without_an_id_gets_a_slug_from_its_metric_and_period()
    {
        var world = await World.CreateAsync(api);
        var word = Make.Word();
        var labelled = await api.CreateAsync("figures", Make.Figure(null, world.Source, world.Office, metric: "book_ins", periodLabel: $"FY {word}"));
        Assert.Equal($"book-ins-fy-{word}", labelled.Json.Str("id"));

        var unlabelled = Make.Figure(null, world.Source, world.Office, metric: "detained_population", periodLabel: null);
        unlabelled["periodEnd"] = "2019-07-31";
        unlabelled["periodStart"] = "2019-07-01";
        Assert.Equal("detained-population-2019-07-31", (await api.CreateAsync("figures", unlabelled)).Json.Str("id"));
        Assert.Equal("detained-population-2019-07-31-2", (await api.CreateAsync("figures", unlabelled)).Json.Str("id"));
    }

    [Fact]
    public async Task A_value_is_stored_exactly_and_a_left_out_qualifier_is_exact()
    {
        var world = await World.CreateAsync(api);
        var body = Make.Figure(null, world.Source, world.Office, 65600.25m);
        body.Remove("valueQualifier");
        var figure = (await api.CreateAsync("figures", body)).Json;
        Assert.Equal(65600.25m, figure.GetProperty("value").GetDecimal());
        Assert.Equal("exact", figure.Str("valueQualifier"));

        var zero = (await api.CreateAsync("figures", Make.Figure(null, world.Source, world.Office, 0))).Json;
        Assert.Equal(0m, zero.GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task A_negative_value_or_a_period_ending_before_it_starts_is_a_400()
    {
        var world = await World.CreateAsync(api);
        await api.InvalidPostAsync("figures", Make.Figure(null, world.Source, world.Office, -1), "value");
        await api.InvalidPostAsync("figures", Make.Figure(null, world.Source, world.Office, -0.5m), "value");

        var backwards = Make.Figure(null, world.Source, world.Office);
        backwards["periodStart"] = "2024-02-01";
        backwards["periodEnd"] = "2024-01-31";
        await api.InvalidPostAsync("figures", backwards, "periodEnd");

        var oneDay = Make.Figure(null, world.Source, world.Office);
        oneDay["periodStart"] = "2024-02-01";
        oneDay["periodEnd"] = "2024-02-01";
        await api.CreateAsync("figures", oneDay);
    }

    [Fact]
    public async Task An_unknown_metric_or_reporter_is_a_400_naming_it()
    {
        var world = await World.CreateAsync(api);
        await api.InvalidPostAsync("figures", Make.Figure(null, world.Source, world.Office, metric: "test_no_such_metric"), "metric");
        await api.InvalidPostAsync("figures", Make.Figure(null, world.Source, "test-no-such-entity"), "reportedBy.id");
        await api.InvalidPostAsync("figures", Make.Figure(null, world.Source, "test-no-such-entity", metric: "test_no_such_metric"), "metric", "reportedBy.id");
    }

    [Fact]
    public async Task A_figure_without_citations_is_a_400_naming_citations()
    {
        var world = await World.CreateAsync(api);
        var missing = Make.Figure(null, world.Source, world.Office);
        missing.Remove("citations");
        await api.InvalidPostAsync("figures", missing, "citations");
        var empty = Make.Figure(null, world.Source, world.Office);
        empty["citations"] = new JsonArray();
        await api.InvalidPostAsync("figures", empty, "citations");
    }

    [Fact]
    public async Task Put_replaces_the_figure_and_clears_the_optional_fields_it_leaves_out()
    {
        var world = await World.CreateAsync(api);
        var id = await api.CreateIdAsync("figures", Make.Figure(null, world.Source, world.Office));

        var replaced = (await api.ReplaceAsync("figures", id, new JsonObject
        {
            ["metric"] = "arrests", ["kind"] = "target", ["value"] = 3000, ["unit"] = "people_per_day", ["scope"] = "US",
            ["reportedBy"] = new JsonObject { ["id"] = world.Person },
            ["citations"] = Make.Cite(world.Source, "a goal of 3,000 a day"),
        })).Json;

        Assert.Equal("arrests", replaced.Str("metric"));
        Assert.Equal("target", replaced.Str("kind"));
        Assert.Equal(3000m, replaced.GetProperty("value").GetDecimal());
        Assert.Equal("exact", replaced.Str("valueQualifier"));
        Assert.Equal("people_per_day", replaced.Str("unit"));
        Assert.Equal(world.Person, replaced.GetProperty("reportedBy").Str("id"));
        foreach (var cleared in new[] { "periodStart", "periodEnd", "periodLabel", "statedAs" })
            Assert.Equal(JsonValueKind.Null, replaced.GetProperty(cleared).ValueKind);
        Assert.Equal(["a goal of 3,000 a day"], replaced.GetProperty("citations").EnumerateArray().Select(c => c.Str("excerpt")));
        JsonOf.AssertSame(replaced.Node(), (await api.ReadAsync("figures", id)).Node, "GET after PUT");
    }

    [Fact]
    public async Task Patch_merges_reported_by_by_its_id_clears_a_label_with_null_and_replaces_citations()
    {
        var world = await World.CreateAsync(api);
        var id = await api.CreateIdAsync("figures", Make.Figure(null, world.Source, world.Office));
        var before = (await api.ReadAsync("figures", id)).Node;

        var patched = await api.ChangeAsync("figures", id, new JsonObject
        {
            ["reportedBy"] = new JsonObject { ["id"] = world.Agency },
            ["periodLabel"] = null,
            ["value"] = 250,
            ["citations"] = new JsonArray(Make.Citation(world.Source, "some 250 people", 12)),
        });

        var expected = before.DeepClone().AsObject();
        expected["reportedBy"] = new JsonObject { ["id"] = world.Agency, ["kind"] = "organization", ["name"] = "Test Agency" };
        expected["periodLabel"] = null;
        expected["value"] = 250;
        expected["citations"] = new JsonArray(new JsonObject
        {
            ["sourceId"] = world.Source, ["sourceTitle"] = "Test Bulletin of Record", ["excerpt"] = "some 250 people",
            ["location"] = new JsonObject { ["charStart"] = 12, ["charEnd"] = 27, ["page"] = null, ["paragraph"] = null },
        });
        JsonOf.AssertSame(expected, patched.Node, "PATCH's answer");
        JsonOf.AssertSame(expected, (await api.ReadAsync("figures", id)).Node, "GET after PATCH");
    }

    [Fact]
    public async Task A_patch_that_makes_the_figure_invalid_is_a_400_and_writes_nothing()
    {
        var world = await World.CreateAsync(api);
        var id = await api.CreateIdAsync("figures", Make.Figure(null, world.Source, world.Office));
        var original = (await api.ReadAsync("figures", id)).Node;

        await api.InvalidAsync(() => api.PatchAsync("figures", id, new JsonObject { ["periodEnd"] = "2023-12-31" }), "periodEnd");
        await api.InvalidAsync(() => api.PatchAsync("figures", id, new JsonObject { ["value"] = -3 }), "value");
        await api.InvalidAsync(() => api.PatchAsync("figures", id, new JsonObject { ["reportedBy"] = new JsonObject { ["id"] = "test-no-such-entity" } }),
            "reportedBy.id");
        await api.InvalidAsync(() => api.PatchAsync("figures", id, new JsonObject { ["reportedBy"] = null }), "reportedBy");
        JsonOf.AssertSame(original, (await api.ReadAsync("figures", id)).Node, "the figure after refused patches");
    }

    [Fact]
    public async Task A_reporters_kind_and_name_sent_back_are_ignored()
    {
        var world = await World.CreateAsync(api);
        var body = Make.Figure(null, world.Source, world.Office);
        body["reportedBy"] = new JsonObject { ["id"] = world.Office, ["kind"] = "person", ["name"] = "A name the client made up" };
        var figure = (await api.CreateAsync("figures", body)).Json;
        Assert.Equal("Test Field Office", figure.GetProperty("reportedBy").Str("name"));
        Assert.Equal("organization", figure.GetProperty("reportedBy").Str("kind"));
    }
}
