using System.Net;
using System.Text.Json;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Search;

/// <summary>
/// <c>GET /api/v1/search</c>: hits of every kind of record with their label, snippet, score and href;
/// filters by type and date; count, fields, limit and cursor pagination; the required <c>q</c>.
/// </summary>
public sealed class SearchApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.WithSearchRecords().CreateClient();

    // The bundled records with a word of the "deport" family: the article's title, the figures and
    // statements that say deported/deportations/deporting.
    static readonly string[] DeportHits =
    [
        "source:article-ice-leadership-shakeup",
        "figure:removals-daily-target", "figure:dhs-removals-first-100-days", "figure:dhs-arrests-first-100-days",
        "statement:stephen-miller-on-daily-goal", "statement:dhs-reports-first-100-days-figures",
        "statement:ice-statement-on-organizational-realignments",
    ];

    static readonly string[] QuorbleHits =
    [
        "source:srch-source-ledger", "entity:srch-bureau", "event:srch-event-dated", "figure:srch-figure-2024",
        "statement:srch-statement-dated",
    ];

    static readonly string[] SyntheticHits =
    [
        "source:srch-source-bulletin", "source:srch-source-ledger", "source:srch-source-twin-a", "source:srch-source-twin-b",
        "entity:srch-bureau", "entity:srch-person", "event:srch-event-dated", "event:srch-event-undated",
        "figure:srch-figure-2024", "figure:srch-figure-undated", "statement:srch-statement-undated",
    ];

    [Fact]
    public async Task A_search_finds_one_record_of_each_kind_with_its_label_and_href()
    {
        var page = await client.GetJsonAsync(Searching.Url("quorble"));
        var hits = page.Items().ToDictionary(h => h.Key());
        Assert.Equal(QuorbleHits.Sorted(), hits.Keys.Sorted());

        var expected = new Dictionary<string, (string Label, string Href)>
        {
            ["source:srch-source-ledger"] = ("Synthetic ledger of quorble tallies", "/api/v1/sources/srch-source-ledger"),
            ["entity:srch-bureau"] = ("Synthetic Records Bureau", "/api/v1/entities/srch-bureau"),
            ["event:srch-event-dated"] = ("Synthetic quorble census announced", "/api/v1/events/srch-event-dated"),
            ["figure:srch-figure-2024"] = ("Widget tallies, 3,000 (calendar year 2024)", "/api/v1/figures/srch-figure-2024"),
            ["statement:srch-statement-dated"] = (
                "Sample Speaker Noém: “The quorble census counted 3,000 quorbles, and zintars or gadgets were not counted”",
                "/api/v1/statements/srch-statement-dated"),
        };
        foreach (var (key, (label, href)) in expected)
        {
            var hit = hits[key];
            Assert.Equal(["type", "id", "label", "snippet", "score", "href"], hit.EnumerateObject().Select(p => p.Name));
            Assert.Equal(label, hit.Str("label"));
            Assert.Equal(href, hit.Str("href"));
            Assert.Contains("<mark>", hit.Str("snippet"));
            Assert.Equal(JsonValueKind.Number, hit.GetProperty("score").ValueKind);
        }
    }

    [Fact]
    public async Task The_label_of_an_undated_figure_gives_its_qualifier_and_no_period()
    {
        var hit = Assert.Single((await client.GetJsonAsync(Searching.Url("plimsoller"))).Items());
        Assert.Equal("figure:srch-figure-undated", hit.Key());
        Assert.Equal("Widget tallies, about 12", hit.Str("label"));
    }

    [Theory]
    [InlineData("quorble")]
    [InlineData("synthetic")]
    [InlineData("deport*")]
    [InlineData("noem")]
    public async Task Every_href_answers_200_with_the_record_the_hit_names(string q)
    {
        var page = await client.GetJsonAsync(Searching.Url(q, "limit=200"));
        Assert.NotEmpty(page.Items());
        foreach (var hit in page.Items())
        {
            var record = await client.GetJsonAsync(hit.Str("href")!);
            Assert.Equal(hit.Str("id"), record.Str("id"));
        }
    }

    [Fact]
    public async Task Citation_excerpts_count_for_the_record_they_cite_not_for_their_source()
    {
        var hit = Assert.Single((await client.GetJsonAsync(Searching.Url("plimsoller"))).Items());
        Assert.Equal("figure:srch-figure-undated", hit.Key());
        Assert.Equal("the <mark>plimsoller</mark> estimate of zintars", hit.Str("snippet"));
    }

    [Fact]
    public async Task Statements_are_found_by_their_speakers_name_and_figures_by_their_reporters()
    {
        await client.AssertFindsAsync("\"records bureau\"",
            "entity:srch-bureau", "statement:srch-statement-undated", "figure:srch-figure-2024", "figure:srch-figure-undated");
    }

    [Fact]
    public async Task The_snippet_is_html_escaped_with_each_match_in_a_mark_element()
    {
        var hit = Assert.Single((await client.GetJsonAsync(Searching.Url("snorkwell"))).Items());
        Assert.Equal("event:srch-event-undated", hit.Key());
        Assert.Equal("Review notes &lt;draft&gt; &amp; &quot;final&quot; <mark>snorkwell</mark> tallies.", hit.Str("snippet"));
    }

    [Fact]
    public async Task The_snippet_marks_the_words_as_the_record_writes_them()
    {
        // Accented letters may come as character references (&#233;): what counts is the HTML they make.
        var hits = (await client.GetJsonAsync(Searching.Url("NOEM"))).Items().ToDictionary(h => h.Key());
        Assert.Equal("Sample Speaker <mark>Noém</mark>", WebUtility.HtmlDecode(hits["entity:srch-person"].Str("snippet")));
        Assert.Equal("Kristi <mark>Noem</mark>", hits["entity:kristi-noem"].Str("snippet"));
        Assert.Equal("Synthetic bulletin of the <mark>Dirección</mark> de Pruebas",
            WebUtility.HtmlDecode((await client.GetJsonAsync(Searching.Url("direccion"))).Items().Single().Str("snippet")));
    }

    [Theory]
    [InlineData("deportation")]
    [InlineData("synthetic")]
    [InlineData("noem")]
    [InlineData("zintar OR quorble")]
    public async Task Hits_come_best_first_by_a_positive_score(string q)
    {
        var scores = (await client.GetJsonAsync(Searching.Url(q, "limit=200"))).Items()
            .Select(h => h.GetProperty("score").GetDouble()).ToList();
        Assert.True(scores.Count > 1);
        Assert.All(scores, s => Assert.True(s > 0, $"score {s}"));
        Assert.Equal(scores.OrderByDescending(s => s).ToList(), scores);
    }

    [Fact]
    public async Task A_match_in_a_title_outranks_one_in_the_text_and_one_only_in_an_excerpt()
    {
        // "Deportation" is in the article's title; the others say it in their text or excerpts.
        var deport = await client.HitsAsync("deportation");
        Assert.Equal(DeportHits.Sorted(), deport.Sorted());
        Assert.Equal("source:article-ice-leadership-shakeup", deport[0]);

        // Kristi Noem: her name is the entity's title and the statement's title (its speaker); the event
        // about the arrest has it only in the excerpt that cites it.
        var noem = await client.HitsAsync("noem");
        Assert.Equal("event:arrest-of-person-who-threatened-the-president", noem[^1]);
        Assert.True(noem.IndexOf("entity:kristi-noem") < noem.IndexOf("event:arrest-of-person-who-threatened-the-president"));
    }

    [Fact]
    public async Task Records_whose_indexed_text_is_the_same_score_the_same()
    {
        var hits = (await client.GetJsonAsync(Searching.Url("gazette"))).Items().ToList();
        Assert.Equal(["source:srch-source-twin-a", "source:srch-source-twin-b"], hits.Select(h => h.Key()).Sorted());
        Assert.Equal(hits[0].GetProperty("score").GetDouble(), hits[1].GetProperty("score").GetDouble());
    }

    [Theory]
    [InlineData("statement,figure", new[] { "figure:srch-figure-2024", "statement:srch-statement-dated" })]
    [InlineData("figure,statement", new[] { "figure:srch-figure-2024", "statement:srch-statement-dated" })]
    [InlineData("source", new[] { "source:srch-source-ledger" })]
    [InlineData("entity", new[] { "entity:srch-bureau" })]
    [InlineData("event", new[] { "event:srch-event-dated" })]
    [InlineData("event,event", new[] { "event:srch-event-dated" })]
    [InlineData("source,entity,event,figure,statement", new[] { "source:srch-source-ledger", "entity:srch-bureau", "event:srch-event-dated", "figure:srch-figure-2024", "statement:srch-statement-dated" })]
    public async Task Types_keeps_only_those_kinds_of_record(string types, string[] expected)
    {
        Assert.Equal(expected.Sorted(), (await client.HitsAsync("quorble", "types=" + types)).Sorted());
    }

    [Fact]
    public async Task Types_with_no_match_of_that_kind_is_an_empty_page()
    {
        var page = await client.GetJsonAsync(Searching.Url("plimsoller", "types=statement,source&count=true"));
        Assert.Empty(page.Items());
        Assert.Equal(0, page.GetProperty("total").GetInt64());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData("statements")]
    [InlineData("person")]
    [InlineData("Statement")]
    [InlineData("statement,")]
    [InlineData("statement,,figure")]
    [InlineData("")]
    public async Task An_unknown_type_is_a_400_naming_types(string types)
    {
        var problem = await client.GetBadRequestAsync(Searching.Url("quorble", "types=" + Uri.EscapeDataString(types)), "types");
        Assert.Contains("source, entity, event, figure, statement", problem.GetProperty("errors").GetProperty("types")[0].GetString());
    }

    [Theory]
    [InlineData("quorble", "from=2024-06-16", new[] { "figure:srch-figure-2024", "statement:srch-statement-dated" })]
    [InlineData("quorble", "to=2024-06-15", new[] { "figure:srch-figure-2024", "event:srch-event-dated" })]
    [InlineData("quorble", "from=2024-06-15&to=2024-06-15", new[] { "figure:srch-figure-2024", "event:srch-event-dated" })]
    [InlineData("quorble", "from=2024-03-01&to=2024-03-31", new[] { "figure:srch-figure-2024" })]
    [InlineData("quorble", "from=2023-01-01&to=2023-12-31", new string[0])]
    [InlineData("quorble", "from=2025-01-01", new string[0])]
    [InlineData("quorble", "to=2023-12-31", new string[0])]
    [InlineData("synthetic", "from=2024-01-01&to=2024-12-31", new[] { "source:srch-source-bulletin", "source:srch-source-twin-a", "source:srch-source-twin-b", "event:srch-event-dated", "figure:srch-figure-2024" })]
    [InlineData("synthetic", "from=2024-05-10&to=2024-06-15", new[] { "source:srch-source-bulletin", "event:srch-event-dated", "figure:srch-figure-2024" })]
    [InlineData("synthetic", "from=2024-02-02&types=source", new[] { "source:srch-source-bulletin" })]
    [InlineData("deport*", "from=2025-04-29", new[] { "figure:dhs-removals-first-100-days", "figure:dhs-arrests-first-100-days" })]
    [InlineData("deport*", "to=2025-01-20", new[] { "figure:dhs-removals-first-100-days", "figure:dhs-arrests-first-100-days" })]
    [InlineData("deport*", "from=2025-04-30", new string[0])]
    public async Task From_and_to_keep_records_whose_own_date_or_period_falls_in_the_range(string q, string range, string[] expected)
    {
        Assert.Equal(expected.Sorted(), (await client.HitsAsync(q, range)).Sorted());
    }

    [Fact]
    public async Task Records_of_unknown_date_never_match_a_date_filter()
    {
        await client.AssertFindsAsync("zintar",
            "event:srch-event-undated", "figure:srch-figure-undated", "statement:srch-statement-dated", "statement:srch-statement-undated");
        Assert.Equal(["statement:srch-statement-dated"], await client.HitsAsync("zintar", "from=0001-01-01"));
        Assert.Equal(["statement:srch-statement-dated"], await client.HitsAsync("zintar", "to=9999-12-31"));
        // Entities have no date of their own.
        Assert.Empty(await client.HitsAsync("quorble", "types=entity&from=0001-01-01&to=9999-12-31"));
    }

    [Theory]
    [InlineData("from=2024-13-01", "from")]
    [InlineData("from=2024-6-1", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2024-06-16&to=2024-06-15", "to")]
    public async Task A_bad_date_or_range_is_a_400_naming_it(string range, string parameter)
    {
        await client.GetBadRequestAsync(Searching.Url("quorble", range), parameter);
    }

    [Fact]
    public async Task Count_adds_the_total_across_all_pages()
    {
        Assert.Equal(SyntheticHits.Sorted(), (await client.HitsAsync("synthetic")).Sorted());
        var page = await client.GetJsonAsync(Searching.Url("synthetic", "count=true&limit=2"));
        Assert.Equal(2, page.Items().Count());
        Assert.Equal(SyntheticHits.Length, page.GetProperty("total").GetInt64());

        var filtered = await client.GetJsonAsync(Searching.Url("synthetic", "count=true&types=source,event&from=2024-01-01&limit=1"));
        Assert.Single(filtered.Items());
        Assert.Equal(4, filtered.GetProperty("total").GetInt64());
        Assert.Equal(["event:srch-event-dated", "source:srch-source-bulletin", "source:srch-source-twin-a", "source:srch-source-twin-b"],
            (await client.HitsAsync("synthetic", "types=source,event&from=2024-01-01")).Sorted());
    }

    [Fact]
    public async Task Without_count_there_is_no_total()
    {
        var page = await client.GetJsonAsync(Searching.Url("synthetic"));
        Assert.False(page.TryGetProperty("total", out _));
        await client.GetBadRequestAsync(Searching.Url("synthetic", "count=yes"), "count");
    }

    [Fact]
    public async Task Fields_keeps_only_the_named_fields_of_each_hit()
    {
        var page = await client.GetJsonAsync(Searching.Url("quorble", "fields=type,id,score"));
        Assert.Equal(QuorbleHits.Length, page.Items().Count());
        foreach (var hit in page.Items())
            Assert.Equal(["id", "score", "type"], hit.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        await client.GetBadRequestAsync(Searching.Url("quorble", "fields=type,title"), "fields");
        await client.GetBadRequestAsync(Searching.Url("quorble", "fields=id,,type"), "fields");
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("limit=ten")]
    public async Task A_bad_limit_is_a_400_naming_limit(string limit)
    {
        await client.GetBadRequestAsync(Searching.Url("quorble", limit), "limit");
    }

    [Theory]
    [InlineData("synthetic", null, 1)]
    [InlineData("synthetic", null, 4)]
    [InlineData("synthetic", "types=source,figure", 1)]
    [InlineData("synthetic", "from=2024-01-01", 1)]
    [InlineData("deport*", null, 1)]
    [InlineData("deport* OR quorble OR gazette", null, 1)]
    [InlineData("deport* OR quorble OR gazette", null, 2)]
    [InlineData("gazette", null, 1)]
    public async Task Walking_the_hits_page_by_page_gives_each_once_in_the_order_of_one_page(string q, string? more, int limit)
    {
        var whole = await client.GetJsonAsync(Searching.Url(q, (more is null ? "" : more + "&") + "limit=200"));
        var expected = whole.Keys();
        Assert.True(expected.Count > limit, $"{q} has {expected.Count} hits: nothing to page through");
        Assert.Equal(expected.Count, expected.Distinct().Count());

        var walked = new List<string>();
        var scores = new List<double>();
        string? cursor = null;
        do
        {
            var url = Searching.Url(q, (more is null ? "" : more + "&") + "limit=" + limit + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {body}");
            var page = JsonDocument.Parse(body).RootElement;
            cursor = page.Str("nextCursor");
            var keys = page.Keys();
            Assert.InRange(keys.Count, 1, limit);
            if (cursor is not null)
            {
                Assert.Equal(limit, keys.Count);
                Assert.True(response.Headers.TryGetValues("Link", out var link), $"GET {url}: no Link header");
                Assert.Contains("rel=\"next\"", Assert.Single(link));
            }
            else
            {
                Assert.False(response.Headers.Contains("Link"), $"GET {url}: the last page has a Link header");
            }
            walked.AddRange(keys);
            scores.AddRange(page.Items().Select(h => h.GetProperty("score").GetDouble()));
            Assert.True(walked.Count <= expected.Count, $"walking {q} gives more hits than it has: {string.Join(", ", walked)}");
        } while (cursor is not null);

        Assert.Equal(expected, walked);
        Assert.Equal(scores.OrderByDescending(s => s).ToList(), scores);
    }

    async Task<string> FirstCursorAsync(string url)
    {
        var cursor = (await client.GetJsonAsync(url)).Str("nextCursor");
        Assert.False(cursor is null, $"{url} has no next page");
        return cursor;
    }

    [Theory]
    [InlineData("q=synthetic", "q=quorble")]
    [InlineData("q=synthetic", "q=Synthetic*")]
    [InlineData("q=synthetic", "q=synthetic&types=source")]
    [InlineData("q=synthetic&types=source,event", "q=synthetic&types=source")]
    [InlineData("q=synthetic", "q=synthetic&from=2024-01-01")]
    [InlineData("q=synthetic&to=2024-12-31", "q=synthetic&to=2024-12-30")]
    public async Task A_cursor_from_another_query_is_a_400_naming_cursor(string issuer, string other)
    {
        var cursor = await FirstCursorAsync("/api/v1/search?" + issuer + "&limit=1");
        var problem = await client.GetBadRequestAsync("/api/v1/search?" + other + "&limit=1&cursor=" + Uri.EscapeDataString(cursor), "cursor");
        Assert.Contains("another", problem.GetProperty("errors").GetProperty("cursor")[0].GetString());
    }

    [Fact]
    public async Task A_cursor_stays_valid_with_another_limit_count_or_fields()
    {
        var cursor = await FirstCursorAsync(Searching.Url("synthetic", "limit=1"));
        var expected = (await client.HitsAsync("synthetic")).Skip(1).Take(3).ToList();
        var page = await client.GetJsonAsync(Searching.Url("synthetic", "limit=3&count=true&fields=type,id&cursor=" + Uri.EscapeDataString(cursor)));
        Assert.Equal(expected, page.Keys());
    }

    [Fact]
    public async Task A_cursor_from_a_list_or_an_altered_cursor_is_a_400_naming_cursor()
    {
        var figures = await FirstCursorAsync("/api/v1/figures?limit=1");
        var problem = await client.GetBadRequestAsync(Searching.Url("synthetic", "cursor=" + Uri.EscapeDataString(figures)), "cursor");
        Assert.Contains("figures", problem.GetProperty("errors").GetProperty("cursor")[0].GetString());

        var cursor = await FirstCursorAsync(Searching.Url("synthetic", "limit=1"));
        var altered = (cursor[0] == 'A' ? 'B' : 'A') + cursor[1..];
        await client.GetBadRequestAsync(Searching.Url("synthetic", "limit=1&cursor=" + Uri.EscapeDataString(altered)), "cursor");
        await client.GetBadRequestAsync(Searching.Url("synthetic", "limit=1&cursor=not-a-cursor"), "cursor");
    }

    [Fact]
    public async Task Q_is_required()
    {
        var problem = await client.GetBadRequestAsync("/api/v1/search", "q");
        Assert.Contains("required", problem.GetProperty("errors").GetProperty("q")[0].GetString(), StringComparison.OrdinalIgnoreCase);
        await client.GetBadRequestAsync("/api/v1/search?types=figure&count=true", "q");
    }

    [Fact]
    public async Task Every_problem_of_a_request_is_named_in_one_400()
    {
        var problem = await client.GetProblemAsync("/api/v1/search?types=nonsense&from=someday&limit=0&sort=rank", HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["from", "limit", "q", "sort", "types"], errors);
    }

    [Fact]
    public async Task Q_given_twice_is_a_400()
    {
        await client.GetBadRequestAsync("/api/v1/search?q=quorble&q=zintar", "q");
    }

    [Fact]
    public async Task A_search_page_holds_20_hits_unless_limit_says_otherwise()
    {
        // The article's words are in the excerpts of more than 20 records.
        var all = await client.GetJsonAsync("/api/v1/search?q=the%20OR%20trump%20OR%20ice&limit=200");
        Assert.True(all.Items().Count() > 20, $"only {all.Items().Count()} hits");

        var first = await client.GetJsonAsync("/api/v1/search?q=the%20OR%20trump%20OR%20ice");
        Assert.Equal(20, first.Items().Count());
        Assert.NotNull(first.GetProperty("nextCursor").GetString());
        Assert.Equal(all.Ids().Take(20), first.Ids());
    }
}
