using System.Text.Json;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Query;

/// <summary>
/// <c>count=true</c> adds <c>total</c>, and <c>facet=</c> adds <c>facets</c>, both over every record that matches the
/// filters, across all pages. The expected numbers are worked out from the database's rows (<see cref="Oracle"/>).
/// </summary>
public sealed class CountAndFacetTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.Seeded().CreateClient();

    static readonly Dictionary<string, string[]> FacetsOf = new()
    {
        ["figures"] = ["metric", "kind", "reportedBy", "source"],
        ["statements"] = ["speaker", "quoteType", "source"],
        ["events"] = ["kind", "participant", "source"],
        ["entities"] = ["kind", "parent", "source"],
        ["sources"] = ["kind"],
    };

    static string Url(string list, string query) => $"/api/v1/{list}" + (query.Length > 0 ? "?" + query : "");

    // ---- count ----

    public static TheoryData<string, string> Counted => new()
    {
        { "figures", "" }, { "figures", "kind=actual" }, { "figures", "value=gte:1200&value=lt:5000" }, { "figures", "periodEnd=lte:2024-02-29" },
        { "figures", "metric=in:book_ins,removals&reportedBy=ne:dhs" }, { "figures", "source=test-source-3" }, { "figures", "value=gt:1000000" },
        { "statements", "" }, { "statements", "saidOn=gte:2024-03-01" }, { "statements", "speaker=in:ice,test-person-2&quoteType=direct" },
        { "events", "" }, { "events", "occurredOn=ne:2024-03-10" }, { "events", "participant=test-agency" }, { "events", "kind=in:announcement,arrest" },
        { "entities", "" }, { "entities", "kind=organization" }, { "entities", "parent=ne:ice" }, { "entities", "source=test-source-2" },
        { "sources", "" }, { "sources", "kind=ne:dataset" }, { "sources", "publishedOn=lt:2024-03-15" },
    };

    [Theory, MemberData(nameof(Counted))]
    public async Task Count_true_gives_the_number_of_matching_records_across_all_pages(string list, string filters)
    {
        var expected = Oracle.MatchingIds(Oracle.Load(factory, list), filters).Count;
        foreach (var limit in new[] { 1, 2, 200 })
        {
            var query = (filters.Length > 0 ? filters + "&" : "") + "count=true&limit=" + limit;
            var page = await client.GetJsonAsync(Url(list, query));
            Assert.True(page.TryGetProperty("total", out var total), $"GET {Url(list, query)} has no total: {page}");
            Assert.Equal(expected, total.GetInt64());
            Assert.Equal(Math.Min(limit, expected), page.Items().Count());
        }
    }

    [Theory]
    [InlineData("figures", "sort=value")]
    [InlineData("figures", "kind=ne:target&sort=-periodStart")]
    [InlineData("statements", "saidOn=lte:2024-12-31")]
    [InlineData("events", "participant=in:ice,test-agency")]
    [InlineData("entities", "kind=person&sort=-name")]
    [InlineData("sources", "sort=title")]
    public async Task The_total_is_the_same_on_every_page_reached_by_cursor(string list, string filters)
    {
        var expected = Oracle.MatchingIds(Oracle.Load(factory, list), filters).Count;
        Assert.True(expected > 2);
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync(Url(list, filters + "&count=true&limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))));
            Assert.Equal(expected, page.GetProperty("total").GetInt64());
            cursor = page.Str("nextCursor");
            pages++;
        } while (cursor is not null);
        Assert.Equal((expected + 1) / 2, pages);
    }

    [Theory]
    [InlineData("figures", "")]
    [InlineData("figures", "count=false")]
    [InlineData("figures", "count=false&kind=actual")]
    [InlineData("statements", "count=false")]
    [InlineData("events", "")]
    [InlineData("entities", "count=false")]
    [InlineData("sources", "")]
    public async Task Without_count_true_the_page_has_no_total_property(string list, string query)
    {
        var page = await client.GetJsonAsync(Url(list, query));
        Assert.False(page.TryGetProperty("total", out _), $"GET {Url(list, query)} has a total: {page}");
        Assert.Equal(["items", "nextCursor"], page.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("figures?count=TRUE")]
    [InlineData("figures?count=True")]
    [InlineData("figures?count=1")]
    [InlineData("figures?count=0")]
    [InlineData("figures?count=yes")]
    [InlineData("figures?count=")]
    [InlineData("figures?count=true%20")]
    [InlineData("figures?count=true&count=true")]
    [InlineData("statements?count=no")]
    [InlineData("events?count=on")]
    [InlineData("entities?count=False")]
    [InlineData("sources?count=t")]
    public async Task A_count_other_than_true_or_false_is_a_400_naming_count(string url) =>
        await client.GetBadRequestAsync("/api/v1/" + url, "count");

    // ---- facets ----

    public static TheoryData<string, string> Faceted
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (list, filters) in new[]
                     {
                         ("figures", ""), ("figures", "kind=actual"), ("figures", "value=gte:1000&periodEnd=lte:2024-12-31"),
                         ("figures", "source=test-source"), ("figures", "reportedBy=ne:dhs&metric=in:book_ins,encounters,removals"),
                         ("figures", "value=gt:1000000"),
                         ("statements", ""), ("statements", "saidOn=gte:2024-03-01"), ("statements", "quoteType=paraphrase"),
                         ("statements", "speaker=in:ice,test-agency,test-person-1"),
                         ("events", ""), ("events", "occurredOn=lte:2024-03-10"), ("events", "participant=test-agency"),
                         ("events", "kind=ne:leadership_change"),
                         ("entities", ""), ("entities", "kind=organization"), ("entities", "parent=in:ice,test-agency"),
                         ("entities", "source=test-source-2"),
                         ("sources", ""), ("sources", "publishedOn=lte:2024-03-15"), ("sources", "kind=ne:news_article"),
                     })
                data.Add(list, filters);
            return data;
        }
    }

    [Theory, MemberData(nameof(Faceted))]
    public async Task Each_facet_counts_the_matching_records_per_value_most_frequent_first(string list, string filters)
    {
        var rows = Oracle.Load(factory, list);
        var matching = rows.Where(r => Oracle.Matches(r, filters)).ToList();
        foreach (var facet in FacetsOf[list])
        {
            var query = (filters.Length > 0 ? filters + "&" : "") + "facet=" + facet + "&limit=1";
            var facets = (await client.GetJsonAsync(Url(list, query))).GetProperty("facets");
            Assert.Equal([facet], facets.EnumerateObject().Select(p => p.Name));
            Expect.Json(Oracle.Facet(matching, facet, Oracle.Labels(factory, facet)), facets.GetProperty(facet));
        }
    }

    [Theory]
    [InlineData("figures")]
    [InlineData("statements")]
    [InlineData("events")]
    [InlineData("entities")]
    [InlineData("sources")]
    public async Task Several_facets_repeated_or_comma_separated_give_the_same_counts(string list)
    {
        var names = FacetsOf[list];
        var repeated = await client.GetJsonAsync(Url(list, string.Join('&', names.Select(n => "facet=" + n)) + "&limit=1"));
        var commas = await client.GetJsonAsync(Url(list, "facet=" + string.Join(',', names.Reverse()) + "&limit=1"));
        var rows = Oracle.Load(factory, list);
        foreach (var page in new[] { repeated, commas })
        {
            var facets = page.GetProperty("facets");
            Assert.Equal(names.Order(StringComparer.Ordinal), facets.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            foreach (var name in names)
                Expect.Json(Oracle.Facet(rows, name, Oracle.Labels(factory, name)), facets.GetProperty(name));
        }
    }

    [Fact]
    public async Task Facets_are_the_same_on_every_page_and_for_every_limit()
    {
        const string query = "metric=ne:encounters&facet=metric,kind,reportedBy,source&count=true&sort=value";
        var whole = await client.GetJsonAsync("/api/v1/figures?" + query + "&limit=200");
        var expected = whole.GetProperty("facets").GetRawText();
        Assert.Equal(9, whole.GetProperty("total").GetInt64());

        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await client.GetJsonAsync("/api/v1/figures?" + query + "&limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.Equal(expected, page.GetProperty("facets").GetRawText());
            Assert.Equal(9, page.GetProperty("total").GetInt64());
            cursor = page.Str("nextCursor");
            pages++;
        } while (cursor is not null);
        Assert.Equal(5, pages);
    }

    [Fact]
    public async Task Figure_facets_carry_metric_labels_entity_names_source_titles_and_null_for_kind()
    {
        var facets = (await client.GetJsonAsync("/api/v1/figures?kind=actual&facet=metric,kind,reportedBy,source")).GetProperty("facets");
        Expect.Json(new
        {
            values = new[]
            {
                new { value = "book_ins", label = "Book-ins", count = 2 },
                new { value = "arrests", label = "Arrests", count = 1 },
                new { value = "detained_population", label = "Detained population", count = 1 },
                new { value = "removals", label = "Removals", count = 1 },
            },
            truncated = false,
        }, facets.GetProperty("metric"));
        Expect.Json(new { values = new[] { new { value = "actual", label = (string?)null, count = 5 } }, truncated = false }, facets.GetProperty("kind"));
        Expect.Json(new
        {
            values = new[]
            {
                new { value = "dhs", label = "Department of Homeland Security", count = 2 },
                new { value = "test-agency", label = "Test Agency", count = 2 },
                new { value = "test-office-a", label = "Test Office", count = 1 },
            },
            truncated = false,
        }, facets.GetProperty("reportedBy"));
        // test-figure-006 is cited by two sources and counts once under each.
        Expect.Json(new
        {
            values = new[]
            {
                new { value = "test-source", label = "Test Dataset", count = 3 },
                new { value = "article-ice-leadership-shakeup", label = "Trump Boots ICE Bosses After Deportation Numbers Fall Short", count = 2 },
                new { value = "test-source-3", label = "Test Report", count = 1 },
            },
            truncated = false,
        }, facets.GetProperty("source"));
    }

    [Fact]
    public async Task A_source_facet_under_a_source_filter_counts_the_other_sources_of_the_matching_records()
    {
        var facets = (await client.GetJsonAsync("/api/v1/figures?source=test-source-3&facet=source")).GetProperty("facets");
        Expect.Json(new
        {
            values = new[]
            {
                new { value = "test-source-3", label = "Test Report", count = 2 },
                new { value = "test-source", label = "Test Dataset", count = 1 },
            },
            truncated = false,
        }, facets.GetProperty("source"));
    }

    [Fact]
    public async Task The_participant_facet_counts_an_event_once_however_many_roles_an_entity_has_in_it()
    {
        var facets = (await client.GetJsonAsync("/api/v1/events?participant=test-agency&facet=participant")).GetProperty("facets");
        Expect.Json(new
        {
            values = new[]
            {
                new { value = "test-agency", label = "Test Agency", count = 3 },
                new { value = "test-office-b", label = "Test Office", count = 1 },
                new { value = "test-person-1", label = "Test Person One", count = 1 },
            },
            truncated = false,
        }, facets.GetProperty("participant"));
    }

    [Fact]
    public async Task The_parent_facet_counts_top_level_entities_under_a_null_value()
    {
        var facets = (await client.GetJsonAsync("/api/v1/entities?kind=organization&facet=parent,kind")).GetProperty("facets");
        Expect.Json(new
        {
            values = new[]
            {
                new { value = (string?)null, label = (string?)null, count = 3 }, // white-house, dhs, test-agency
                new { value = (string?)"ice", label = (string?)"Immigration and Customs Enforcement", count = 3 },
                new { value = (string?)"test-agency", label = (string?)"Test Agency", count = 2 },
                new { value = (string?)"dhs", label = (string?)"Department of Homeland Security", count = 1 },
                new { value = (string?)"test-office-a", label = (string?)"Test Office", count = 1 },
            },
            truncated = false,
        }, facets.GetProperty("parent"));
        Expect.Json(new { values = new[] { new { value = "organization", label = (string?)null, count = 10 } }, truncated = false },
            facets.GetProperty("kind"));
    }

    [Fact]
    public async Task Statement_and_source_facets_order_ties_by_value()
    {
        var statements = (await client.GetJsonAsync("/api/v1/statements?speaker=in:test-agency,test-person-1,test-person-2&facet=speaker,quoteType")).GetProperty("facets");
        Expect.Json(new
        {
            values = new[]
            {
                new { value = "test-agency", label = "Test Agency", count = 2 },
                new { value = "test-person-1", label = "Test Person One", count = 2 },
                new { value = "test-person-2", label = "Test Person Two", count = 2 },
            },
            truncated = false,
        }, statements.GetProperty("speaker"));
        Expect.Json(new
        {
            values = new[] { new { value = "direct", label = (string?)null, count = 3 }, new { value = "paraphrase", label = (string?)null, count = 3 } },
            truncated = false,
        }, statements.GetProperty("quoteType"));

        var sources = (await client.GetJsonAsync("/api/v1/sources?facet=kind")).GetProperty("facets");
        Expect.Json(new
        {
            values = new[]
            {
                new { value = "dataset", label = (string?)null, count = 2 },
                new { value = "government_release", label = (string?)null, count = 1 },
                new { value = "news_article", label = (string?)null, count = 1 },
                new { value = "report", label = (string?)null, count = 1 },
            },
            truncated = false,
        }, sources.GetProperty("kind"));
    }

    [Fact]
    public async Task A_facet_over_no_matching_records_has_no_values()
    {
        var facets = (await client.GetJsonAsync("/api/v1/figures?value=gt:1000000&facet=metric,source")).GetProperty("facets");
        Expect.Json(new { values = Array.Empty<object>(), truncated = false }, facets.GetProperty("metric"));
        Expect.Json(new { values = Array.Empty<object>(), truncated = false }, facets.GetProperty("source"));
    }

    [Theory]
    [InlineData("figures")]
    [InlineData("statements")]
    [InlineData("events")]
    [InlineData("entities")]
    [InlineData("sources")]
    public async Task Without_facet_the_page_has_no_facets_property(string list)
    {
        var page = await client.GetJsonAsync(Url(list, "count=true"));
        Assert.False(page.TryGetProperty("facets", out _), $"{list} has facets: {page}");
    }

    [Theory]
    [InlineData("figures?facet=value")]
    [InlineData("figures?facet=speaker")]
    [InlineData("figures?facet=Metric")]
    [InlineData("figures?facet=")]
    [InlineData("figures?facet=metric,")]
    [InlineData("figures?facet=metric,metric")]
    [InlineData("figures?facet=metric&facet=metric")]
    [InlineData("figures?facet=kind,metric&facet=kind")]
    [InlineData("figures?facet=periodEnd")]
    [InlineData("statements?facet=saidOn")]
    [InlineData("statements?facet=reportedBy")]
    [InlineData("statements?facet=speaker,speaker")]
    [InlineData("events?facet=occurredOn")]
    [InlineData("events?facet=speaker")]
    [InlineData("events?facet=participant&facet=participant")]
    [InlineData("entities?facet=name")]
    [InlineData("entities?facet=participant")]
    [InlineData("entities?facet=parent,parent")]
    [InlineData("sources?facet=source")]
    [InlineData("sources?facet=publishedOn")]
    [InlineData("sources?facet=kind,kind")]
    public async Task An_unknown_or_repeated_facet_is_a_400_naming_facet(string url) =>
        await client.GetBadRequestAsync("/api/v1/" + url, "facet");
}

/// <summary>A facet with more than 100 values gives the 100 most frequent and says it was truncated.</summary>
public sealed class FacetTruncationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.Seeded().WithCrowdedEvents().CreateClient();

    [Fact]
    public async Task A_facet_with_more_than_100_values_gives_the_100_most_frequent_and_says_it_is_truncated()
    {
        var rows = Oracle.Load(factory, "events");
        var distinct = rows.SelectMany(r => r.Refs["participant"]).Distinct().Count();
        Assert.True(distinct > 101, $"only {distinct} participants");

        var page = await client.GetJsonAsync("/api/v1/events?facet=participant,kind&count=true&limit=1");
        var participant = page.GetProperty("facets").GetProperty("participant");
        Assert.True(participant.GetProperty("truncated").GetBoolean());
        Assert.Equal(100, participant.GetProperty("values").GetArrayLength());
        Expect.Json(Oracle.Facet(rows, "participant", Oracle.Labels(factory, "participant")), participant);

        // The most frequent come first, whatever their names; ties by value, cut after the 100th.
        var values = participant.GetProperty("values").EnumerateArray().Select(v => v.Str("value")).ToList();
        Assert.Equal(["ice", "test-agency", "donald-trump", "hsi", QuerySeed.CrowdMember(1)], values[..5]);
        Assert.Equal(QuerySeed.CrowdMember(96), values[^1]);
        Assert.False(page.GetProperty("facets").GetProperty("kind").GetProperty("truncated").GetBoolean());
        Assert.Equal(rows.Count, page.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_facet_with_exactly_100_values_is_whole()
    {
        var participant = (await client.GetJsonAsync($"/api/v1/events?occurredOn={QuerySeed.HundredDay}&facet=participant"))
            .GetProperty("facets").GetProperty("participant");
        Assert.False(participant.GetProperty("truncated").GetBoolean());
        Assert.Equal(Enumerable.Range(1, 100).Select(QuerySeed.CrowdMember),
            participant.GetProperty("values").EnumerateArray().Select(v => v.Str("value")));
        Assert.All(participant.GetProperty("values").EnumerateArray(), v => Assert.Equal(1, v.GetProperty("count").GetInt64()));
    }

    [Fact]
    public async Task A_facet_with_101_values_leaves_out_the_last()
    {
        var participant = (await client.GetJsonAsync($"/api/v1/events?occurredOn={QuerySeed.CrowdedDay}&facet=participant"))
            .GetProperty("facets").GetProperty("participant");
        Assert.True(participant.GetProperty("truncated").GetBoolean());
        Assert.Equal(Enumerable.Range(1, 100).Select(QuerySeed.CrowdMember),
            participant.GetProperty("values").EnumerateArray().Select(v => v.Str("value")));
    }

    [Fact]
    public async Task A_filter_that_leaves_100_values_or_fewer_is_not_truncated()
    {
        var rows = Oracle.Load(factory, "events");
        const string filters = "participant=ne:" + "query-org-001";
        var matching = rows.Where(r => Oracle.Matches(r, filters)).ToList();
        var participant = (await client.GetJsonAsync("/api/v1/events?" + filters + "&facet=participant")).GetProperty("facets").GetProperty("participant");
        Assert.False(participant.GetProperty("truncated").GetBoolean());
        Expect.Json(Oracle.Facet(matching, "participant", Oracle.Labels(factory, "participant")), participant);
    }
}
