using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Curation;

/// <summary>
/// GET /api/v1/changes: every change in commit order, the bundled records first, and a cursor to continue
/// from. A client that applies the changes in order holds exactly the records the lists serve.
/// </summary>
public sealed class ChangeFeedTests(ApiFactory shared) : IClassFixture<ApiFactory>
{
    readonly HttpClient sharedClient = shared.CreateClient();

    static readonly string[] EntryFields = ["type", "id", "change", "revision", "changedAt", "keyName", "record"];

    /// <summary>Every record the lists serve, by <c>type:id</c> (the type as the feed names it).</summary>
    static async Task<Dictionary<string, JsonElement>> ServedAsync(HttpClient client)
    {
        var served = new Dictionary<string, JsonElement>();
        foreach (var resource in Curate.Resources)
            foreach (var (id, record) in await client.ListAllAsync(resource))
                served.Add(TypeOf(resource) + ":" + id, record);
        return served;
    }

    static string TypeOf(string resource) => resource switch
    {
        "sources" => "source",
        "entities" => "entity",
        "events" => "event",
        "figures" => "figure",
        _ => "statement",
    };

    static string KeyOf(JsonElement change) => change.Str("type") + ":" + change.Str("id");

    /// <summary>A client of the feed: follows it page by page and keeps the records as the changes say.</summary>
    sealed class Follower(HttpClient client, int limit)
    {
        public Dictionary<string, JsonElement> Records { get; } = [];
        public string? Cursor { get; private set; }
        public List<JsonElement> Seen { get; } = [];

        public async Task CatchUpAsync()
        {
            while (true)
            {
                var page = await client.GetJsonAsync("/api/v1/changes?limit=" + limit + (Cursor is null ? "" : "&since=" + Uri.EscapeDataString(Cursor)));
                var next = page.GetProperty("nextCursor").GetString();
                Assert.False(string.IsNullOrEmpty(next));
                Cursor = next;
                var items = page.Items().ToList();
                Assert.True(items.Count <= limit, $"a page of limit {limit} has {items.Count} changes");
                if (items.Count == 0) return;
                foreach (var change in items)
                {
                    Seen.Add(change);
                    switch (change.Str("change"))
                    {
                        case "created":
                        case "updated":
                            Records[KeyOf(change)] = change.GetProperty("record");
                            break;
                        case "deleted":
                            Assert.True(Records.Remove(KeyOf(change)), $"the feed deletes {KeyOf(change)}, which it never created");
                            break;
                        default:
                            Assert.Fail("unknown change " + change);
                            break;
                    }
                }
            }
        }
    }

    /// <summary>Asserts the follower holds exactly the served records, each equal to what the list serves.</summary>
    static async Task AssertMirrorsAsync(HttpClient client, Follower follower)
    {
        var served = await ServedAsync(client);
        var missing = served.Keys.Except(follower.Records.Keys).Order().ToList();
        var extra = follower.Records.Keys.Except(served.Keys).Order().ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"the feed's records differ from the lists: missing {string.Join(", ", missing)}; not served {string.Join(", ", extra)}");
        var different = served.Where(s => !JsonElement.DeepEquals(s.Value, follower.Records[s.Key]))
            .Select(s => $"{s.Key}:\n  served: {s.Value}\n  feed:   {follower.Records[s.Key]}")
            .ToList();
        Assert.True(different.Count == 0, $"{different.Count} record(s) differ from what the lists serve:\n" + string.Join("\n", different));
    }

    [Fact]
    public async Task Without_since_the_feed_gives_the_bundled_records_first_then_every_change_in_commit_order()
    {
        await using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var bundled = await ServedAsync(client);
        Assert.NotEmpty(bundled);

        var keyName = Make.Id("feed-writer");
        var key = factory.CreateKey(keyName);
        var source = await client.CreateAsync("sources", Make.Source("feed-order-source"), key);
        var bureau = await client.CreateAsync("entities", Make.Organization("feed-order-bureau"), key);
        var created = await client.CreateAsync("figures", Make.Figure("feed-order-figure", "feed-order-source", "feed-order-bureau"), key);
        var patched = await client.ChangeAsync("figures", "feed-order-figure", new JsonObject { ["value"] = 55 }, key);
        var replaced = await client.ReplaceAsync("figures", "feed-order-figure", Make.Figure(null, "feed-order-source", "feed-order-bureau", 66), key);
        await client.RemoveAsync("figures", "feed-order-figure", key);

        var (changes, _) = await client.FeedAsync(limit: 200);
        Assert.All(changes, c => Assert.Equal(EntryFields, c.EnumerateObject().Select(p => p.Name)));

        var first = changes.Take(bundled.Count).ToList();
        Assert.All(first, c =>
        {
            Assert.Equal("migration", c.Str("keyName"));
            Assert.Equal("created", c.Str("change"));
            Assert.Equal(1, c.GetProperty("revision").GetInt64());
        });
        Assert.Equal(bundled.Keys.Order(), first.Select(KeyOf).Order());
        foreach (var change in first)
            Assert.True(JsonElement.DeepEquals(bundled[KeyOf(change)], change.GetProperty("record")),
                $"the feed's first revision of {KeyOf(change)} is not the record served: {change}");

        var later = changes.Skip(bundled.Count).ToList();
        Assert.Equal(
            ["source:feed-order-source created 1", "entity:feed-order-bureau created 1", "figure:feed-order-figure created 1",
             "figure:feed-order-figure updated 2", "figure:feed-order-figure updated 3", "figure:feed-order-figure deleted 4"],
            later.Select(c => $"{KeyOf(c)} {c.Str("change")} {c.GetProperty("revision").GetInt64()}"));
        Assert.All(later, c => Assert.Equal(keyName, c.Str("keyName")));
        JsonElement[] expectedRecords = [source, bureau, created, patched, replaced, replaced];
        for (var i = 0; i < later.Count; i++)
            Assert.True(JsonElement.DeepEquals(expectedRecords[i], later[i].GetProperty("record")),
                $"change {i} holds {later[i].GetProperty("record")}, not {expectedRecords[i]}");

        var times = changes.Select(c => DateTimeOffset.Parse(c.Str("changedAt")!, CultureInfo.InvariantCulture)).ToList();
        Assert.All(changes, c => Assert.EndsWith("Z", c.Str("changedAt")));
        Assert.Equal(times.Order(), times);
        Assert.True(times[^1] > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task NextCursor_is_always_given_and_returns_only_changes_made_after_it()
    {
        var client = sharedClient;
        var key = shared.CreateKey(Make.Id("feed-poller"));
        var (_, caughtUp) = await client.FeedAsync();

        // Nothing newer: an empty page, with a cursor that is still usable.
        var empty = await client.GetJsonAsync("/api/v1/changes?since=" + Uri.EscapeDataString(caughtUp));
        Assert.Empty(empty.Items());
        var emptyCursor = empty.GetProperty("nextCursor").GetString();
        Assert.False(string.IsNullOrEmpty(emptyCursor));
        Assert.Empty((await client.GetJsonAsync("/api/v1/changes?since=" + Uri.EscapeDataString(emptyCursor!))).Items());

        var source = Make.Id("feed-poll-source");
        await client.CreateAsync("sources", Make.Source(source), key);
        await client.ChangeAsync("sources", source, new JsonObject { ["title"] = "Polled synthetic title" }, key);
        await client.RemoveAsync("sources", source, key);

        foreach (var since in new[] { caughtUp, emptyCursor! })
        {
            var (newer, next) = await client.FeedAsync(since, limit: 2);
            Assert.Equal([$"source:{source} created", $"source:{source} updated", $"source:{source} deleted"],
                newer.Select(c => KeyOf(c) + " " + c.Str("change")));
            var after = await client.GetJsonAsync("/api/v1/changes?since=" + Uri.EscapeDataString(next));
            Assert.Empty(after.Items());
            Assert.False(string.IsNullOrEmpty(after.GetProperty("nextCursor").GetString()));
        }

        // Pages of 2: the cursor of each page continues right after its last change.
        var firstPage = await client.GetJsonAsync("/api/v1/changes?limit=2&since=" + Uri.EscapeDataString(caughtUp));
        Assert.Equal(2, firstPage.Items().Count());
        var secondPage = await client.GetJsonAsync("/api/v1/changes?limit=2&since=" + Uri.EscapeDataString(firstPage.Str("nextCursor")!));
        Assert.Equal([$"source:{source} deleted"], secondPage.Items().Select(c => KeyOf(c) + " " + c.Str("change")));
    }

    [Fact]
    public async Task A_client_following_the_feed_page_by_page_holds_exactly_the_records_the_lists_serve()
    {
        await using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var key = factory.CreateKey("feed-curator");
        var follower = new Follower(client, limit: 7);

        await CreateMixAsync(client, key);
        await follower.CatchUpAsync();
        await AssertMirrorsAsync(client, follower);

        await ChangeMixAsync(client, key, renameReferenced: true);
        await follower.CatchUpAsync();
        await AssertMirrorsAsync(client, follower);

        var fresh = new Follower(client, limit: 3);
        await fresh.CatchUpAsync();
        await AssertMirrorsAsync(client, fresh);
    }

    [Fact]
    public async Task A_client_following_the_feed_holds_the_served_records_after_updates_that_change_no_referenced_name()
    {
        await using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var key = factory.CreateKey("feed-curator");
        var follower = new Follower(client, limit: 7);

        await CreateMixAsync(client, key);
        await ChangeMixAsync(client, key, renameReferenced: false);
        await follower.CatchUpAsync();
        await AssertMirrorsAsync(client, follower);
    }

    [Fact]
    public async Task Renaming_a_cited_source_or_a_referenced_entity_reaches_a_feed_client_for_every_record_that_shows_the_name()
    {
        await using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var key = factory.CreateKey("feed-renamer");
        await client.CreateAsync("sources", Make.Source("feed-rename-source", "Synthetic title before"), key);
        await client.CreateAsync("entities", Make.Organization("feed-rename-bureau", "Synthetic Bureau Before"), key);
        await client.CreateAsync("figures", Make.Figure("feed-rename-figure", "feed-rename-source", "feed-rename-bureau"), key);
        var follower = new Follower(client, limit: 50);
        await follower.CatchUpAsync();

        await client.ChangeAsync("sources", "feed-rename-source", new JsonObject { ["title"] = "Synthetic title after" }, key);
        await client.ChangeAsync("entities", "feed-rename-bureau", new JsonObject { ["name"] = "Synthetic Bureau After" }, key);
        await follower.CatchUpAsync();

        var served = await client.GetJsonAsync("/api/v1/figures/feed-rename-figure");
        Assert.Equal("Synthetic title after", served.GetProperty("citations")[0].Str("sourceTitle"));
        Assert.Equal("Synthetic Bureau After", served.GetProperty("reportedBy").Str("name"));
        var held = follower.Records["figure:feed-rename-figure"];
        Assert.True(JsonElement.DeepEquals(served, held),
            $"GET /api/v1/figures/feed-rename-figure serves\n{served}\nbut a client of the change feed holds\n{held}");
    }

    /// <summary>Records of every kind that refer to each other.</summary>
    static async Task CreateMixAsync(HttpClient client, string key)
    {
        foreach (var (id, title) in new[] { ("mix-source-1", "Synthetic ledger"), ("mix-source-2", "Synthetic gazette"), ("mix-source-3", "Synthetic leaflet"), ("mix-source-4", "Synthetic digest") })
            await client.CreateAsync("sources", Make.Source(id, title), key);
        await client.CreateAsync("entities", Make.Organization("mix-bureau", "Synthetic Bureau"), key);
        await client.CreateAsync("entities", Make.Organization("mix-office", "Synthetic Office", parent: "mix-bureau"), key);
        await client.CreateAsync("entities", Make.Person("mix-official", "Synthetic Official", "Synthetic Director", "mix-bureau"), key);
        await client.CreateAsync("entities", Make.Person("mix-bystander", "Synthetic Bystander"), key);
        await client.CreateAsync("events", Make.Event("mix-event-1", "mix-source-2", "Synthetic briefing", ("mix-bureau", "initiator"), ("mix-official", "subject")), key);
        await client.CreateAsync("events", Make.Event("mix-event-2", "mix-source-2", "Synthetic notice"), key);
        await client.CreateAsync("figures", Make.Figure("mix-figure-1", "mix-source-1", "mix-bureau", 10, valueQualifier: null), key);
        await client.CreateAsync("figures", Make.Figure("mix-figure-2", "mix-source-4", "mix-office", 20, period: "2024-02"), key);
        await client.CreateAsync("figures", Make.Figure("mix-figure-3", "mix-source-4", "mix-office", 30, period: "2024-03"), key);
        await client.CreateAsync("statements", Make.Statement("mix-statement-1", "mix-source-2", "mix-official", "Synthetic words one.", "Synthetic Director", "mix-bureau"), key);
        await client.CreateAsync("statements", Make.Statement("mix-statement-2", "mix-source-2", "mix-bureau", "Synthetic words two."), key);
        // And a change to a bundled record, which the feed holds from the migration on.
        await client.ChangeAsync("sources", "article-ice-leadership-shakeup", new JsonObject { ["retrievedAt"] = "2025-05-02T10:00:00Z" }, key);
    }

    /// <summary>PUTs, PATCHes and DELETEs across every kind; with <paramref name="renameReferenced"/>, also of what other records show.</summary>
    static async Task ChangeMixAsync(HttpClient client, string key, bool renameReferenced)
    {
        await client.ReplaceAsync("sources", "mix-source-3", Make.Source(null, "Synthetic leaflet, second printing", "dataset"), key);
        await client.RemoveAsync("sources", "mix-source-3", key);
        await client.ChangeAsync("sources", "mix-source-4", new JsonObject { ["publisher"] = "Another Synthetic Publisher", ["url"] = "https://example.org/digest" }, key);
        await client.ChangeAsync("entities", "mix-office", new JsonObject { ["shortName"] = "SO", ["summary"] = "A changed synthetic office." }, key);
        await client.ReplaceAsync("entities", "mix-official", Make.Person(null, "Synthetic Official", "Synthetic Director", "mix-bureau"), key);
        await client.RemoveAsync("entities", "mix-bystander", key);
        await client.ChangeAsync("events", "mix-event-1", new JsonObject { ["summary"] = "A changed synthetic briefing." }, key);
        await client.ReplaceAsync("events", "mix-event-2", Make.Event(null, "mix-source-1", "Synthetic notice, replaced", ("mix-office", "announcer")), key);
        await client.RemoveAsync("events", "mix-event-2", key);
        await client.ChangeAsync("figures", "mix-figure-1", new JsonObject { ["value"] = 11, ["valueQualifier"] = "approximately" }, key);
        await client.ReplaceAsync("figures", "mix-figure-2", Make.Figure(null, "mix-source-1", "mix-bureau", 21, "changed tallies", period: "2024-02"), key);
        await client.RemoveAsync("figures", "mix-figure-3", key);
        await client.ChangeAsync("statements", "mix-statement-1", new JsonObject { ["channel"] = "interview", ["quoteType"] = "paraphrase" }, key);
        await client.RemoveAsync("statements", "mix-statement-2", key);
        await client.CreateAsync("figures", Make.Figure("mix-figure-4", "mix-source-4", "mix-office", 40, period: "2024-04"), key);
        if (!renameReferenced) return;

        await client.ChangeAsync("sources", "mix-source-2", new JsonObject { ["title"] = "Synthetic gazette, renamed" }, key);
        await client.ChangeAsync("entities", "mix-bureau", new JsonObject { ["name"] = "Synthetic Bureau, renamed" }, key);
        var official = Make.Person(null, "Synthetic Official, renamed", "Synthetic Director", "mix-bureau");
        official["roles"]![0]!["startedOn"] = "2023-06-01";
        await client.ReplaceAsync("entities", "mix-official", official, key);
    }

    // ---- bad parameters ----

    async Task<string> ChangesCursorAsync()
    {
        var page = await sharedClient.GetJsonAsync("/api/v1/changes?limit=1");
        return page.Str("nextCursor")!;
    }

    static string Reencoded(string cursor, Func<string, string> editPayload)
    {
        var dot = cursor.IndexOf('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor.AsSpan(0, dot)));
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(editPayload(payload))) + cursor[dot..];
    }

    [Fact]
    public async Task A_tampered_since_is_a_400_problem_naming_since()
    {
        var cursor = await ChangesCursorAsync();
        var flipped = cursor[..^1] + (cursor[^1] == 'A' ? 'B' : 'A');
        var moved = Reencoded(cursor, p => p.Replace("[1]", "[0]"));
        Assert.NotEqual(cursor, moved);
        foreach (var since in new[] { flipped, moved, cursor[..^3], cursor.Split('.')[0], "abc", "abc.def", "1" })
            await sharedClient.GetBadRequestAsync("/api/v1/changes?since=" + Uri.EscapeDataString(since), "since");
    }

    [Fact]
    public async Task A_cursor_of_another_list_as_since_is_a_400_problem_naming_since()
    {
        foreach (var list in new[] { "/api/v1/figures?limit=1", "/api/v1/sources?limit=1", "/api/v1/sources/article-ice-leadership-shakeup/revisions?limit=1" })
        {
            var page = await sharedClient.GetJsonAsync(list);
            var foreign = page.Str("nextCursor");
            if (foreign is null) continue;
            await sharedClient.GetBadRequestAsync("/api/v1/changes?since=" + Uri.EscapeDataString(foreign), "since");
        }
        var figures = (await sharedClient.GetJsonAsync("/api/v1/figures?limit=1")).Str("nextCursor")!;
        await sharedClient.GetBadRequestAsync("/api/v1/changes?since=" + Uri.EscapeDataString(figures), "since");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("")]
    public async Task A_limit_outside_1_to_200_is_a_400_problem_naming_limit(string limit)
    {
        await sharedClient.GetBadRequestAsync("/api/v1/changes?limit=" + Uri.EscapeDataString(limit), "limit");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    public async Task A_limit_of_1_or_200_is_taken_and_caps_the_page(int limit)
    {
        // More than 200 changes in all, so that the limit is what ends the page.
        var key = shared.CreateKey(Make.Id("feed-filler"));
        var (all, _) = await sharedClient.FeedAsync();
        for (var i = all.Count; i <= 200; i++)
            await sharedClient.CreateAsync("sources", Make.Source(null, "Synthetic filler " + i), key);

        var (feed, _) = await sharedClient.FeedAsync();
        static string Describe(JsonElement c) => $"{KeyOf(c)} {c.Str("change")} {c.GetProperty("revision").GetInt64()}";

        var page = await sharedClient.GetJsonAsync("/api/v1/changes?limit=" + limit);
        Assert.Equal(feed.Take(limit).Select(Describe), page.Items().Select(Describe));
        var rest = await sharedClient.GetJsonAsync("/api/v1/changes?limit=200&since=" + Uri.EscapeDataString(page.Str("nextCursor")!));
        Assert.Equal(feed.Skip(limit).Take(200).Select(Describe), rest.Items().Select(Describe));
    }
}
