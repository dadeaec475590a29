using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Writes;

/// <summary>
/// GET /api/v1/{resource}/{id}/revisions: every change to a record, oldest first, with the key that made it,
/// when, and the record as GET served it right after the change.
/// </summary>
public sealed class RevisionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory);

    public static TheoryData<string> Resources => new(World.Resources);

    async Task<List<JsonElement>> RevisionsAsync(string resource, string id)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await api.Client.GetJsonAsync($"/api/v1/{resource}/{id}/revisions?limit=200"
                + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            items.AddRange(page.Items());
            cursor = page.Str("nextCursor");
        } while (cursor is not null);
        return items;
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task Every_change_is_a_revision_oldest_first_holding_the_record_get_served_right_after_it(string resource)
    {
        var world = await World.CreateAsync(api);
        var id = Make.Id("test-" + resource);
        var served = new List<JsonNode>();
        var start = DateTimeOffset.UtcNow.AddSeconds(-5);

        var body = world.Body(resource, id, Make.Word());
        await api.CreateAsync(resource, body);
        served.Add((await api.ReadAsync(resource, id)).Node);

        await api.ReplaceAsync(resource, id, World.Changed(resource, body));
        served.Add((await api.ReadAsync(resource, id)).Node);

        await api.ChangeAsync(resource, id, resource switch
        {
            "sources" => new JsonObject { ["publisher"] = null },
            "entities" => new JsonObject { ["shortName"] = "TST" },
            "events" => new JsonObject { ["kind"] = "other" },
            "figures" => new JsonObject { ["statedAs"] = null },
            _ => new JsonObject { ["quoteType"] = "paraphrase" },
        });
        served.Add((await api.ReadAsync(resource, id)).Node);

        // A PUT that changes nothing is a change too.
        await api.ReplaceAsync(resource, id, served[^1]);
        served.Add((await api.ReadAsync(resource, id)).Node);

        await api.RemoveAsync(resource, id);
        served.Add(served[^1]);

        var revisions = await RevisionsAsync(resource, id);
        Assert.Equal([1L, 2, 3, 4, 5], revisions.Select(r => r.GetProperty("number").GetInt64()));
        Assert.Equal(["created", "updated", "updated", "updated", "deleted"], revisions.Select(r => r.Str("change")));
        Assert.All(revisions, r => Assert.Equal(WriteApi.KeyName, r.Str("keyName")));
        var times = revisions.Select(r => r.Str("changedAt")!).ToList();
        Assert.All(times, t => Assert.Matches(JsonOf.UtcTimestamp, t));
        var instants = times.Select(t => DateTimeOffset.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(instants.Order(), instants);
        Assert.All(instants, t => Assert.InRange(t, start, DateTimeOffset.UtcNow.AddSeconds(5)));
        for (var i = 0; i < served.Count; i++)
            JsonOf.AssertSame(served[i], revisions[i].GetProperty("record").Node(), $"revision {i + 1} of {resource}/{id}");
        Assert.Equal(
            ["number", "change", "keyName", "changedAt", "record"],
            revisions[0].EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("sources", "article-ice-leadership-shakeup")]
    [InlineData("entities", "ice")]
    [InlineData("events", "ice-leadership-realignment")]
    [InlineData("figures", "dhs-arrests-first-100-days")]
    [InlineData("statements", "tom-homan-on-agents")]
    public async Task A_bundled_record_has_one_created_revision_by_migration_holding_what_get_serves(string resource, string id)
    {
        var revision = Assert.Single(await RevisionsAsync(resource, id));
        Assert.Equal(1, revision.GetProperty("number").GetInt64());
        Assert.Equal("created", revision.Str("change"));
        Assert.Equal("migration", revision.Str("keyName"));
        Assert.Matches(JsonOf.UtcTimestamp, revision.Str("changedAt")!);
        JsonOf.AssertSame((await api.ReadAsync(resource, id)).Node, revision.GetProperty("record").Node(), $"the revision of {resource}/{id}");
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task The_revisions_of_an_id_no_record_ever_had_are_a_404_problem(string resource)
    {
        var problem = await api.Client.GetProblemAsync($"/api/v1/{resource}/{Make.Id("test-never")}/revisions", HttpStatusCode.NotFound);
        Assert.Contains("not found", problem.Str("title"));
    }

    [Fact]
    public async Task A_record_of_another_kind_with_the_id_does_not_give_revisions()
    {
        var id = await api.CreateIdAsync("sources", Make.Source(Make.Id("test-src")));
        await api.Client.GetProblemAsync($"/api/v1/entities/{id}/revisions", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Revisions_page_with_limit_and_cursor()
    {
        var id = Make.Id("test-src");
        await api.CreateAsync("sources", Make.Source(id));
        for (var i = 1; i <= 6; i++)
            await api.ChangeAsync("sources", id, new JsonObject { ["title"] = $"Test title number {i}" });
        var all = await RevisionsAsync("sources", id);
        Assert.Equal(7, all.Count);

        var paged = new List<JsonElement>();
        var sizes = new List<int>();
        string? cursor = null;
        do
        {
            var page = await api.Client.GetJsonAsync($"/api/v1/sources/{id}/revisions?limit=3" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            sizes.Add(page.Items().Count());
            paged.AddRange(page.Items());
            cursor = page.Str("nextCursor");
        } while (cursor is not null);

        Assert.Equal([3, 3, 1], sizes);
        Assert.Equal(Enumerable.Range(1, 7).Select(n => (long)n), paged.Select(r => r.GetProperty("number").GetInt64()));
        Assert.Equal(all.Select(r => r.GetRawText()), paged.Select(r => r.GetRawText()));
        Assert.Equal("Test title number 6", paged[^1].GetProperty("record").Str("title"));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=abc")]
    [InlineData("limit=100000")]
    public async Task A_bad_limit_is_a_400_naming_limit(string query)
    {
        var id = await api.CreateIdAsync("sources", Make.Source(Make.Id("test-src")));
        await api.Client.GetBadRequestAsync($"/api/v1/sources/{id}/revisions?{query}", "limit");
    }

    [Fact]
    public async Task Refused_writes_add_no_revision()
    {
        var id = Make.Id("test-src");
        await api.CreateAsync("sources", Make.Source(id));
        var etag = (await api.ReadAsync("sources", id)).ETag;
        await api.ChangeAsync("sources", id, new JsonObject { ["title"] = "Test changed once" });

        await api.RefusedAsync(() => api.PatchAsync("sources", id, new JsonObject { ["language"] = "?" }), HttpStatusCode.BadRequest);
        await api.RefusedAsync(() => api.PatchAsync("sources", id, new JsonObject { ["title"] = "Test stale" }, etag), HttpStatusCode.PreconditionFailed);
        await api.RefusedAsync(() => api.PostAsync("sources", Make.Source(id)), HttpStatusCode.Conflict);

        Assert.Equal(["created", "updated"], (await RevisionsAsync("sources", id)).Select(r => r.Str("change")));
    }
}
