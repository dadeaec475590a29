using System.Text.Json;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Search;

/// <summary>
/// <c>q=</c> on each list: it keeps the records of that list whose text matches, together with the list's
/// other filters, in the list's own sort, and pages like any other filter.
/// </summary>
public sealed class ListFullTextTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.WithSearchRecords().CreateClient();

    async Task<List<string>> IdsAsync(string url)
    {
        var page = await client.GetJsonAsync(url + (url.Contains('?') ? "&" : "?") + "limit=200");
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
        return page.Ids();
    }

    static string Q(string q) => "q=" + Uri.EscapeDataString(q);

    [Theory]
    // Figures: sorted by -periodEnd (ties by -id, unknown periods last) unless sort says otherwise.
    [InlineData("figures", "deport*", "", new[] { "dhs-removals-first-100-days", "dhs-arrests-first-100-days", "removals-daily-target" })]
    [InlineData("figures", "deport*", "sort=value", new[] { "removals-daily-target", "dhs-removals-first-100-days", "dhs-arrests-first-100-days" })]
    [InlineData("figures", "deport*", "sort=-value", new[] { "dhs-arrests-first-100-days", "dhs-removals-first-100-days", "removals-daily-target" })]
    [InlineData("figures", "deport*", "metric=removals", new[] { "dhs-removals-first-100-days", "removals-daily-target" })]
    [InlineData("figures", "deport*", "kind=target", new[] { "removals-daily-target" })]
    [InlineData("figures", "deport*", "from=2025-01-01&sort=id", new[] { "dhs-arrests-first-100-days", "dhs-removals-first-100-days" })]
    [InlineData("figures", "deport*", "value=gte:100000", new[] { "dhs-arrests-first-100-days" })]
    [InlineData("figures", "deport*", "reportedBy=stephen-miller", new[] { "removals-daily-target" })]
    [InlineData("figures", "deport*", "reportedBy=srch-bureau", new string[0])]
    [InlineData("figures", "tallied", "", new[] { "srch-figure-2024", "srch-figure-undated" })]
    [InlineData("figures", "tallied", "kind=estimate", new[] { "srch-figure-undated" })]
    [InlineData("figures", "tallied OR deported", "reportedBy=in:srch-bureau,dhs&sort=-id",
        new[] { "srch-figure-undated", "srch-figure-2024", "dhs-removals-first-100-days", "dhs-arrests-first-100-days" })]
    [InlineData("figures", "plimsoller", "source=srch-source-ledger", new[] { "srch-figure-undated" })]
    [InlineData("figures", "\"records bureau\"", "", new[] { "srch-figure-2024", "srch-figure-undated" })]
    // Statements: sorted by -saidOn, unknown dates last.
    [InlineData("statements", "deport*", "sort=id", new[] { "dhs-reports-first-100-days-figures", "ice-statement-on-organizational-realignments", "stephen-miller-on-daily-goal" })]
    [InlineData("statements", "deport*", "sort=-id", new[] { "stephen-miller-on-daily-goal", "ice-statement-on-organizational-realignments", "dhs-reports-first-100-days-figures" })]
    [InlineData("statements", "deport*", "speaker=dhs", new[] { "dhs-reports-first-100-days-figures" })]
    [InlineData("statements", "deport*", "quoteType=direct", new[] { "ice-statement-on-organizational-realignments" })]
    [InlineData("statements", "census", "", new[] { "srch-statement-dated", "srch-statement-undated" })]
    [InlineData("statements", "census", "sort=saidOn", new[] { "srch-statement-undated", "srch-statement-dated" })]
    [InlineData("statements", "census", "from=2024-01-01", new[] { "srch-statement-dated" })]
    [InlineData("statements", "noem", "sort=id", new[] { "kristi-noem-confirms-arrest", "srch-statement-dated" })]
    [InlineData("statements", "noem", "source=srch-source-bulletin", new[] { "srch-statement-dated" })]
    // Events: sorted by -occurredOn, unknown dates last.
    [InlineData("events", "retirement", "sort=id", new[] { "ice-leadership-realignment", "ken-genalo-retirement" })]
    [InlineData("events", "retirement", "participant=ken-genalo", new[] { "ken-genalo-retirement" })]
    [InlineData("events", "retirement", "kind=arrest", new string[0])]
    [InlineData("events", "synthetic", "", new[] { "srch-event-dated", "srch-event-undated" })]
    [InlineData("events", "synthetic", "sort=occurredOn", new[] { "srch-event-undated", "srch-event-dated" })]
    [InlineData("events", "synthetic", "kind=other", new[] { "srch-event-undated" })]
    [InlineData("events", "synthetic", "to=2024-12-31", new[] { "srch-event-dated" })]
    [InlineData("events", "noem", "", new[] { "arrest-of-person-who-threatened-the-president" })]
    // Entities: sorted by name.
    [InlineData("entities", "homeland", "", new[] { "dhs", "hsi", "ice", "kristi-noem", "robert-hammer" })]
    [InlineData("entities", "homeland", "sort=-name", new[] { "robert-hammer", "kristi-noem", "ice", "hsi", "dhs" })]
    [InlineData("entities", "homeland", "kind=person", new[] { "kristi-noem", "robert-hammer" })]
    [InlineData("entities", "homeland", "parent=ice", new[] { "hsi" })]
    [InlineData("entities", "noem", "", new[] { "kristi-noem", "srch-person" })]
    [InlineData("entities", "noem", "kind=organization", new string[0])]
    // Sources: sorted by -publishedOn (ties by -id, unknown dates last).
    [InlineData("sources", "synthetic", "", new[] { "srch-source-bulletin", "srch-source-twin-b", "srch-source-twin-a", "srch-source-ledger" })]
    [InlineData("sources", "synthetic", "sort=title", new[] { "srch-source-bulletin", "srch-source-twin-a", "srch-source-twin-b", "srch-source-ledger" })]
    [InlineData("sources", "synthetic", "kind=dataset", new[] { "srch-source-ledger" })]
    [InlineData("sources", "synthetic", "publishedOn=gte:2024-03-01", new[] { "srch-source-bulletin" })]
    [InlineData("sources", "deportation", "", new[] { "article-ice-leadership-shakeup" })]
    [InlineData("sources", "direccion", "", new[] { "srch-source-bulletin" })]
    public async Task Q_filters_the_list_with_its_other_filters_in_its_sort(string resource, string q, string more, string[] expected)
    {
        Assert.Equal(expected, await IdsAsync($"/api/v1/{resource}?{Q(q)}" + (more.Length > 0 ? "&" + more : "")));
    }

    [Fact]
    public async Task Without_q_a_list_is_unfiltered()
    {
        var all = await IdsAsync("/api/v1/sources");
        Assert.Equal(["article-ice-leadership-shakeup", "srch-source-bulletin", "srch-source-ledger", "srch-source-twin-a", "srch-source-twin-b"],
            all.Sorted());
    }

    public static TheoryData<string, string> ListsAndQueries
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var q in new[] { "deport*", "homeland", "synthetic", "quorble", "zintar", "noem", "3,000", "retirement OR assassinate",
                                      "\"records bureau\"", "ice NOT (retirement OR homeland)", "plimsoller", "trump" })
                foreach (var type in new[] { "source", "entity", "event", "figure", "statement" })
                    data.Add(type, q);
            return data;
        }
    }

    static string ResourceOf(string type) => type switch
    {
        "entity" => "entities",
        _ => type + "s",
    };

    [Theory, MemberData(nameof(ListsAndQueries))]
    public async Task A_list_with_q_holds_exactly_the_search_hits_of_its_kind(string type, string q)
    {
        var hits = (await client.HitsAsync(q, "types=" + type)).Select(k => k[(type.Length + 1)..]).Sorted();
        var listed = (await IdsAsync($"/api/v1/{ResourceOf(type)}?{Q(q)}")).Sorted();
        Assert.Equal(hits, listed);
    }

    [Fact]
    public async Task Count_totals_the_records_that_match_q()
    {
        var page = await client.GetJsonAsync("/api/v1/figures?" + Q("deport*") + "&count=true&limit=1");
        Assert.Single(page.Items());
        Assert.Equal(3, page.GetProperty("total").GetInt64());

        var entities = await client.GetJsonAsync("/api/v1/entities?" + Q("homeland") + "&kind=organization&count=true&facet=kind");
        Assert.Equal(3, entities.GetProperty("total").GetInt64());
        var kinds = entities.GetProperty("facets").GetProperty("kind").GetProperty("values").EnumerateArray()
            .Select(v => (v.Str("value"), v.GetProperty("count").GetInt64())).ToList();
        Assert.Equal([("organization", 3L)], kinds);
    }

    [Fact]
    public async Task Facets_count_only_the_records_that_match_q()
    {
        var page = await client.GetJsonAsync("/api/v1/statements?" + Q("deport* OR census") + "&facet=speaker&count=true");
        Assert.Equal(5, page.GetProperty("total").GetInt64());
        var speakers = page.GetProperty("facets").GetProperty("speaker").GetProperty("values").EnumerateArray()
            .Select(v => v.Str("value") + "=" + v.GetProperty("count").GetInt64()).Sorted();
        Assert.Equal(["dhs=1", "ice=1", "srch-bureau=1", "srch-person=1", "stephen-miller=1"], speakers);
    }

    [Theory]
    [InlineData("figures", "deport* OR tallied", "")]
    [InlineData("statements", "deport* OR census OR noem", "sort=saidOn")]
    [InlineData("events", "ice OR synthetic", "")]
    [InlineData("entities", "homeland OR synthetic", "sort=-name")]
    [InlineData("sources", "synthetic OR deportation", "")]
    public async Task Walking_a_list_with_q_page_by_page_gives_each_record_once_in_order(string resource, string q, string more)
    {
        var url = $"/api/v1/{resource}?{Q(q)}" + (more.Length > 0 ? "&" + more : "");
        var expected = await IdsAsync(url);
        Assert.True(expected.Count > 2, $"{url} has {expected.Count} records");

        var walked = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync(url + "&limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            walked.AddRange(page.Ids());
            cursor = page.Str("nextCursor");
            Assert.True(walked.Count <= expected.Count, $"walking {url} gives more records than it holds");
        } while (cursor is not null);
        Assert.Equal(expected, walked);
    }

    [Theory]
    [InlineData("figures")]
    [InlineData("statements")]
    [InlineData("events")]
    [InlineData("entities")]
    [InlineData("sources")]
    public async Task A_cursor_is_bound_to_q(string resource)
    {
        var first = await client.GetJsonAsync($"/api/v1/{resource}?limit=1&{Q("synthetic OR deport* OR homeland OR noem")}");
        var cursor = first.Str("nextCursor");
        Assert.False(cursor is null, $"{resource}: one page only");
        await client.GetBadRequestAsync($"/api/v1/{resource}?limit=1&{Q("synthetic OR deport*")}&cursor={Uri.EscapeDataString(cursor)}", "cursor");
        await client.GetBadRequestAsync($"/api/v1/{resource}?limit=1&cursor={Uri.EscapeDataString(cursor)}", "cursor");
    }

    [Theory]
    [InlineData("figures", "metric=nonsense", "metric")]
    [InlineData("statements", "speaker=nobody-at-all", "speaker")]
    [InlineData("events", "kind=party", "kind")]
    [InlineData("entities", "sort=title", "sort")]
    [InlineData("sources", "kind=blog", "kind")]
    public async Task A_bad_q_and_a_bad_filter_are_named_in_one_400(string resource, string filter, string parameter)
    {
        var problem = await client.GetBadRequestAsync($"/api/v1/{resource}?q=(deport&{filter}", "q");
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"{resource}: {problem}");
    }

    [Fact]
    public async Task Q_finds_a_record_by_the_excerpts_that_cite_it()
    {
        // "chilling letter" is only in the excerpt citing the arrest (and in the statement that quotes it).
        Assert.Equal(["arrest-of-person-who-threatened-the-president"], await IdsAsync("/api/v1/events?" + Q("chilling")));
        Assert.Equal(["kristi-noem-confirms-arrest"], await IdsAsync("/api/v1/statements?" + Q("chilling")));
        Assert.Equal(["srch-figure-undated"], await IdsAsync("/api/v1/figures?" + Q("plimsoller")));
        Assert.Empty(await IdsAsync("/api/v1/sources?" + Q("plimsoller")));
    }
}
