using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Writes;

/// <summary>Writes of sources: replacing, merge patches, and a source that records still cite.</summary>
public sealed class SourceWritesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory);

    [Fact]
    public async Task Post_serves_every_field_sent_and_a_retrieval_time_in_utc()
    {
        var id = Make.Id("test-src");
        var body = Make.Source(id, "Test Quarterly Release", "government_release");
        body["retrievedAt"] = "2024-03-16T11:30:00+02:00";

        var source = (await api.CreateAsync("sources", body)).Json;

        Assert.Equal("government_release", source.Str("kind"));
        Assert.Equal("Test Quarterly Release", source.Str("title"));
        Assert.Equal("Test Publisher", source.Str("publisher"));
        Assert.Equal("https://example.org/test-document", source.Str("url"));
        Assert.Equal("Test Author", source.Str("author"));
        Assert.Equal("2024-03-15", source.Str("publishedOn"));
        Assert.Equal(new DateTimeOffset(2024, 3, 16, 9, 30, 0, TimeSpan.Zero), source.GetProperty("retrievedAt").GetDateTimeOffset());
        Assert.EndsWith("Z", source.Str("retrievedAt"));
        Assert.Equal("en", source.Str("language"));
    }

    [Fact]
    public async Task Put_replaces_the_source_and_clears_the_fields_it_leaves_out()
    {
        var id = Make.Id("test-src");
        await api.CreateAsync("sources", Make.Source(id));

        var replaced = await api.ReplaceAsync("sources", id, new JsonObject
        {
            ["kind"] = "dataset", ["title"] = "Test Replacement Dataset", ["language"] = "es",
        });

        var source = (await api.ReadAsync("sources", id)).Json;
        JsonOf.AssertSame(replaced.Node, source.Node(), "GET after PUT");
        Assert.Equal(id, source.Str("id"));
        Assert.Equal("dataset", source.Str("kind"));
        Assert.Equal("Test Replacement Dataset", source.Str("title"));
        Assert.Equal("es", source.Str("language"));
        foreach (var cleared in new[] { "publisher", "url", "author", "publishedOn", "retrievedAt" })
            Assert.Equal(JsonValueKind.Null, source.GetProperty(cleared).ValueKind);
    }

    [Fact]
    public async Task Patch_sets_the_fields_given_clears_those_set_to_null_and_keeps_the_rest()
    {
        var id = Make.Id("test-src");
        var original = (await api.CreateAsync("sources", Make.Source(id))).Node;

        var patched = await api.ChangeAsync("sources", id, new JsonObject
        {
            ["title"] = "Test Corrected Title", ["publisher"] = null, ["author"] = null,
        });

        var expected = original.DeepClone().AsObject();
        expected["title"] = "Test Corrected Title";
        expected["publisher"] = null;
        expected["author"] = null;
        JsonOf.AssertSame(expected, patched.Node, "PATCH's answer");
        JsonOf.AssertSame(expected, (await api.ReadAsync("sources", id)).Node, "GET after PATCH");
    }

    [Fact]
    public async Task A_patch_that_makes_the_source_invalid_is_a_400_and_writes_nothing()
    {
        var id = Make.Id("test-src");
        var original = (await api.CreateAsync("sources", Make.Source(id))).Node;

        await api.InvalidAsync(() => api.PatchAsync("sources", id, new JsonObject { ["title"] = null, ["language"] = "not a tag" }),
            "title", "language");
        await api.InvalidAsync(() => api.PatchAsync("sources", id, new JsonObject { ["url"] = "ftp://example.org/x", ["publishedOn"] = "2024-02-30" }),
            "url", "publishedOn");
        JsonOf.AssertSame(original, (await api.ReadAsync("sources", id)).Node, "the source after refused patches");
    }

    [Fact]
    public async Task A_source_still_cited_cannot_be_deleted_until_the_records_that_cite_it_are_gone()
    {
        var world = await World.CreateAsync(api);
        var id = Make.Id("test-src");
        await api.CreateAsync("sources", Make.Source(id));
        var figure = await api.CreateIdAsync("figures", Make.Figure(null, id, world.Office));
        var statement = await api.CreateIdAsync("statements", Make.Statement(null, id, world.Person));

        var problem = await api.RefusedAsync(() => api.DeleteAsync("sources", id), HttpStatusCode.Conflict);
        Assert.Contains("2 citation(s)", problem.Str("detail"));

        await api.RemoveAsync("figures", figure);
        problem = await api.RefusedAsync(() => api.DeleteAsync("sources", id), HttpStatusCode.Conflict);
        Assert.Contains("1 citation(s)", problem.Str("detail"));

        // Citations replaced by a PUT no longer hold the source.
        var other = await api.CreateIdAsync("sources", Make.Source(Make.Id("test-src")));
        var body = (await api.ReadAsync("statements", statement)).Node.AsObject();
        body["citations"] = Make.Cite(other, body["text"]!.GetValue<string>());
        await api.ReplaceAsync("statements", statement, body);

        await api.RemoveAsync("sources", id);
        WriteApi.AssertProblem(await api.GetAsync($"/api/v1/sources/{id}"), HttpStatusCode.Gone);
    }

    [Fact]
    public async Task A_citations_source_title_is_served_from_the_source_and_follows_its_changes()
    {
        var world = await World.CreateAsync(api);
        var id = Make.Id("test-src");
        await api.CreateAsync("sources", Make.Source(id, "Test Original Title"));
        var body = Make.Figure(null, id, world.Office);
        body["citations"]![0]!["sourceTitle"] = "A title the client made up";
        var figure = (await api.CreateAsync("figures", body)).Json;
        Assert.Equal("Test Original Title", figure.GetProperty("citations")[0].Str("sourceTitle"));

        await api.ChangeAsync("sources", id, new JsonObject { ["title"] = "Test Renamed Title" });
        var reread = (await api.ReadAsync("figures", figure.Str("id")!)).Json;
        Assert.Equal("Test Renamed Title", reread.GetProperty("citations")[0].Str("sourceTitle"));
    }
}
