using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;

namespace EnforcementApi.Tests.Pages;

/// <summary>
/// The HTML pages over the bundled records: each is sound HTML with its controls labelled, shows what the
/// API answers for the same query, pages by keyset both ways, is cached as the API's reads are, and shows
/// bad input as a 4xx page that names it.
/// </summary>
public sealed class PagesTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>
{
    readonly HttpClient client = factory.CreateClient();

    public static TheoryData<string> EveryPage =>
    [
        "/", "/figures", "/figures?metric=removals&kind=actual&sort=-value&limit=25", "/figures?dimension=citizenship&dimensionValue=MX",
        "/figures/dhs-removals-first-100-days", "/figures/imapal-ice-removals-fy2018-citizenship-ag", "/statements", "/statements?quoteType=direct",
        "/sources/article-ice-leadership-shakeup", "/search", "/search?q=deport*", "/search?q=removals&types=figure",
        "/charts/series", "/charts/series?metric=removals&interval=month", "/charts/series?metric=removals&dimension=citizenship&dimensionValue=MX",
        "/charts/breakdown", "/charts/breakdown?year=FY2019", "/charts/pace", "/charts/pace?metric=removals",
        "/check", "/check?text=ICE%20removed%20120,000%20Guatemalans%20last%20fiscal%20year.&asOf=2025-06-01", "/check?text=No%20number%20here.",
    ];

    [Theory]
    [MemberData(nameof(EveryPage))]
    public async Task Every_page_is_sound_html_with_its_controls_labelled_under_a_csp_that_allows_only_its_own_resources(string url)
    {
        var page = await client.GetPageAsync(url);
        Assert.True(page.Status == HttpStatusCode.OK, page.ToString());
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
            page.Response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Response.Headers.GetValues("X-Content-Type-Options").Single());
        PageSupport.AssertSound(page);
        // Its resources, the stylesheet and the icon, come from this server.
        var stylesheet = Assert.Single(page.Hrefs("link[rel=stylesheet]"));
        Assert.StartsWith("/assets/site.css?v=", stylesheet);
        using var css = await client.GetAsync(stylesheet);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", css.Headers.CacheControl!.ToString());
        var icon = Assert.Single(page.Hrefs("link[rel=icon]"));
        Assert.StartsWith("/assets/icon.svg?v=", icon);
        using var svg = await client.GetAsync(icon);
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", svg.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task A_page_is_cached_as_the_apis_reads_are_with_an_etag_that_answers_304()
    {
        var page = await client.GetPageAsync("/figures?metric=removals");
        Assert.Equal("public, max-age=60", page.Response.Headers.CacheControl!.ToString());
        var etag = page.Response.Headers.ETag!.ToString();
        Assert.StartsWith("\"", etag);
        Assert.Matches(@"^page;dur=\d+\.\d\d$", page.Response.Headers.GetValues("Server-Timing").Single());

        var again = await client.GetPageAsync("/figures?metric=removals", etag);
        Assert.Equal(HttpStatusCode.NotModified, again.Status);
        Assert.Equal("", again.Html);
        var other = await client.GetPageAsync("/figures?metric=arrests", etag);
        Assert.Equal(HttpStatusCode.OK, other.Status);
    }

    [Fact]
    public async Task The_figures_table_shows_the_apis_answer_for_the_same_query_and_links_it_as_json_csv_and_swagger()
    {
        const string query = "metric=removals&kind=actual&dimension=none&sort=-value&limit=20";
        var page = await client.GetPageAsync("/figures?" + query);
        var api = await client.GetJsonAsync("/api/v1/figures?" + query);
        Assert.Equal(api.Ids().Select(id => "/figures/" + id), page.Hrefs("table.figures tbody td.number a"));
        var first = api.Items().First();
        Assert.Contains(first.GetProperty("value").GetDecimal().ToString("#,0", System.Globalization.CultureInfo.InvariantCulture),
            page.Document.QuerySelector("table.figures tbody td.number")!.TextContent);

        var json = page.Hrefs("a[type='application/json']").Single();
        Assert.Equal(api.GetRawText(), (await client.GetJsonAsync(json)).GetRawText());
        var csv = page.Hrefs("a[type='text/csv']").Single();
        Assert.StartsWith("/api/v1/export/figures?", csv);
        using var csvResponse = await client.GetAsync(csv);
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Contains(page.Hrefs("a"), href => href == "/swagger/index.html#/Figures/ListFigures");
    }

    [Fact]
    public async Task The_form_keeps_the_filters_it_sent_and_offers_only_what_the_records_have()
    {
        var page = await client.GetPageAsync("/figures?metric=removals&reportedBy=ice&dimension=citizenship");
        Assert.Equal("removals", page.Document.QuerySelector("#f-metric option[selected]")!.GetAttribute("value"));
        Assert.Equal("ice", page.Document.QuerySelector("#f-reporter option[selected]")!.GetAttribute("value"));
        Assert.Equal("citizenship", page.Document.QuerySelector("#f-dimension option[selected]")!.GetAttribute("value"));
        // With a dimension chosen, its values are offered: the ones figures have, with their counts.
        var values = page.Document.QuerySelectorAll("#f-value option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("MX", values);
        var facets = await client.GetJsonAsync("/api/v1/figures?dimension=citizenship&facet=dimensionValue&limit=1");
        Assert.Equal(facets.GetProperty("facets").GetProperty("dimensionValue").GetProperty("values").GetArrayLength() + 1, values.Count);
        // Each table header that sorts links to the same query sorted by it.
        var valueHeader = page.Document.QuerySelector("table.figures thead th a")!.GetAttribute("href")!;
        Assert.Contains("sort=-value", valueHeader);
        Assert.Contains("metric=removals", valueHeader);
    }

    [Fact]
    public async Task Keyset_pages_go_forward_through_every_figure_in_the_apis_order_and_back_to_the_same_pages()
    {
        var expected = new List<string>();
        string? url = "/api/v1/figures?metric=removals&limit=200";
        while (url is not null)
        {
            var api = await client.GetJsonAsync(url);
            expected.AddRange(api.Ids());
            url = api.Str("nextCursor") is { } next ? "/api/v1/figures?metric=removals&limit=200&cursor=" + Uri.EscapeDataString(next) : null;
        }
        Assert.True(expected.Count > 100);

        var pages = new List<(string Url, List<string> Ids)>();
        string? pageUrl = "/figures?metric=removals&limit=40";
        while (pageUrl is not null)
        {
            var page = await client.GetPageAsync(pageUrl);
            Assert.True(page.Status == HttpStatusCode.OK, page.ToString());
            var ids = page.Hrefs("table.figures tbody td.number a").Select(h => h["/figures/".Length..]).ToList();
            pages.Add((pageUrl, ids));
            Assert.Equal(ids, (await client.GetJsonAsync(page.Hrefs("a[type='application/json']").Single())).Ids().ToList());
            Assert.Equal(pages.Count > 1, page.Document.QuerySelector("a[rel=prev]") is not null);
            pageUrl = page.Document.QuerySelector("a[rel=next]")?.GetAttribute("href");
        }
        Assert.Equal(expected, pages.SelectMany(p => p.Ids).ToList());

        // Previous from each page gives exactly the page before it, and Next from there the page again.
        for (var i = pages.Count - 1; i > 0; i--)
        {
            var page = await client.GetPageAsync(pages[i].Url);
            var previous = await client.GetPageAsync(page.Document.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);
            Assert.Equal(pages[i - 1].Ids, previous.Hrefs("table.figures tbody td.number a").Select(h => h["/figures/".Length..]).ToList());
            Assert.Equal(i > 1, previous.Document.QuerySelector("a[rel=prev]") is not null);
            // The page reached going back links the same rows as JSON, in the API's forward paging.
            var json = previous.Hrefs("a[type='application/json']").Single();
            Assert.DoesNotContain("before=", json);
            Assert.Equal(pages[i - 1].Ids, (await client.GetJsonAsync(json)).Ids().ToList());
            var forward = await client.GetPageAsync(previous.Document.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
            Assert.Equal(pages[i].Ids, forward.Hrefs("table.figures tbody td.number a").Select(h => h["/figures/".Length..]).ToList());
        }
    }

    [Fact]
    public async Task A_figure_page_shows_its_value_excerpt_history_and_rivals_and_its_source_link_lands_on_the_excerpt()
    {
        const string id = "newsmax-ice-removals-first-100-days";
        var figure = await client.GetJsonAsync("/api/v1/figures/" + id);
        var page = await client.GetPageAsync("/figures/" + id);
        Assert.Contains("65,682 people", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal(figure.Str("statedAs"), page.Document.QuerySelector("dl.record q")!.TextContent); // the source's word, quoted
        var citation = figure.GetProperty("citations")[0];
        var excerpt = Assert.Single(page.Document.QuerySelectorAll("ol.citations blockquote.excerpt"));
        Assert.Equal(citation.Str("excerpt"), excerpt.TextContent);

        var revisions = await client.GetJsonAsync($"/api/v1/figures/{id}/revisions");
        Assert.Equal(revisions.Items().Count(), page.Document.QuerySelectorAll("#revisions + table tbody tr").Length);

        // Beside it, the other figures of the same metric and period, as the API lists them, this one marked.
        var same = await client.GetJsonAsync($"/api/v1/figures?metric=removals&periodStart=eq:{figure.Str("periodStart")}&periodEnd=eq:{figure.Str("periodEnd")}&dimension=none&sort=-value&limit=50");
        var rows = page.Document.QuerySelectorAll("#same-period ~ table.figures tbody tr");
        Assert.Equal(same.Ids(), rows.Select(r => r.QuerySelector("td.number a")!.GetAttribute("href")!["/figures/".Length..]).ToList());
        Assert.Equal("this figure", rows.Single(r => r.ClassList.Contains("this")).QuerySelectorAll("td").Last().TextContent);
        var discrepancies = await client.GetJsonAsync($"/api/v1/figures/discrepancies?metric=removals&from={figure.Str("periodStart")}&to={figure.Str("periodEnd")}");
        var disagreeing = discrepancies.GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("disagreements").EnumerateArray())
            .Select(pair => pair.EnumerateArray().Select(x => x.GetString()!).ToList())
            .Where(pair => pair.Contains(id)).SelectMany(pair => pair).Where(x => x != id).ToHashSet();
        Assert.NotEmpty(disagreeing);
        // Another agency's count (DHS-wide, or one whose agency is not recorded) is shown, but not set against it.
        var counter = same.Items().ToDictionary(f => f.Str("id")!, f => f.GetProperty("countedBy").ValueKind == JsonValueKind.Object ? f.GetProperty("countedBy").Str("id") : null);
        Assert.Contains(counter.Values, c => c != "ice");
        foreach (var row in rows.Where(r => !r.ClassList.Contains("this")))
        {
            var other = row.QuerySelector("td.number a")!.GetAttribute("href")!["/figures/".Length..];
            Assert.Equal(counter[other] != "ice" ? "another agency's count" : disagreeing.Contains(other) ? "disagrees" : "agrees",
                row.QuerySelectorAll("td").Last().TextContent);
        }

        // The excerpt's source link opens the source's page at that excerpt.
        var link = page.Document.QuerySelector("ol.citations .where a")!.GetAttribute("href")!;
        Assert.Equal($"/sources/{citation.Str("sourceId")}#cite-figure-{id}-1", link);
        var source = await client.GetPageAsync(link.Split('#')[0]);
        var anchored = source.Document.GetElementById(link.Split('#')[1]);
        Assert.NotNull(anchored);
        Assert.Equal(citation.Str("excerpt"), anchored!.QuerySelector("blockquote")!.TextContent);
        Assert.Equal("/figures/" + id, anchored.QuerySelector(".where a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Search_shows_the_apis_hits_with_their_marked_snippets_and_counts_by_kind_that_narrow_it()
    {
        var api = await client.GetJsonAsync("/api/v1/search?q=deport*&count=true");
        var page = await client.GetPageAsync("/search?q=deport*");
        var hits = page.Document.QuerySelectorAll("ul.hits li");
        Assert.Equal(api.Items().Count(), hits.Length);
        Assert.Equal(api.Items().First().Str("label"), hits[0].QuerySelector("a")!.TextContent);
        Assert.NotEmpty(hits[0].QuerySelectorAll(".snippet mark"));
        Assert.Contains(api.GetProperty("total").GetInt64().ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) + " record", page.Main.TextContent);

        var counts = (await client.GetJsonAsync("/api/v1/search?q=deport*&facet=type&limit=1")).GetProperty("facets").GetProperty("type").GetProperty("values");
        var facetLinks = page.Document.QuerySelectorAll("ul.facets a").Skip(0).ToList();
        foreach (var value in counts.EnumerateArray())
        {
            var type = value.Str("value")!;
            var link = facetLinks.Single(a => a.GetAttribute("href")!.Contains("types=" + type));
            Assert.Contains($"({value.GetProperty("count").GetInt64()})", link.TextContent);
            var narrowed = await client.GetPageAsync(link.GetAttribute("href")!);
            Assert.All(narrowed.Document.QuerySelectorAll("ul.hits .type"), t => Assert.Equal(type, t.TextContent));
        }
    }

    [Fact]
    public async Task The_statements_list_names_each_speaker_and_day_as_the_api_does()
    {
        var api = await client.GetJsonAsync("/api/v1/statements?limit=50");
        var page = await client.GetPageAsync("/statements");
        var items = page.Document.QuerySelectorAll("ol.statements li.statement");
        Assert.Equal(api.Items().Count(), items.Length);
        foreach (var (statement, item) in api.Items().Zip(items))
        {
            Assert.Equal(statement.GetProperty("speaker").Str("name"), item.QuerySelector("strong")!.TextContent);
            Assert.Equal(statement.Str("saidOn"), item.QuerySelector("time")!.GetAttribute("datetime"));
            Assert.Contains(statement.Str("text")!, item.QuerySelector("blockquote")!.TextContent);
        }
    }

    [Fact]
    public async Task The_series_chart_has_a_point_per_figure_a_gap_per_empty_bucket_and_the_same_numbers_in_its_table()
    {
        var series = await client.GetJsonAsync("/api/v1/figures/series?metric=removals&interval=fiscal_year");
        var points = series.GetProperty("points").EnumerateArray().ToList();
        var page = await client.GetPageAsync("/charts/series?metric=removals&interval=fiscal_year");
        var svg = page.Document.QuerySelector("svg.line-chart")!;
        var withFigure = points.Where(p => p.GetProperty("value").ValueKind != JsonValueKind.Null).ToList();
        Assert.Equal(withFigure.Select(p => "/figures/" + p.Str("figureId")), svg.QuerySelectorAll("a.point-link").Select(a => a.GetAttribute("href")));
        Assert.Equal(points.Count - withFigure.Count, svg.QuerySelectorAll("rect.gap").Length);
        Assert.True(points.Count > withFigure.Count, "the bundled removals series has gaps");
        Assert.Equal(withFigure.Count.ToString(), svg.GetAttribute("data-points"));
        // A line joins only neighbouring buckets that both have a figure.
        var runs = 0;
        for (var i = 0; i < points.Count; i++)
            if (points[i].GetProperty("value").ValueKind != JsonValueKind.Null && (i + 1 < points.Count && points[i + 1].GetProperty("value").ValueKind != JsonValueKind.Null)
                && (i == 0 || points[i - 1].GetProperty("value").ValueKind == JsonValueKind.Null))
                runs++;
        Assert.Equal(runs, svg.QuerySelectorAll("path.line").Length);
        var rows = page.Document.QuerySelectorAll("table.chart-table tbody tr");
        Assert.Equal(points.Select(p => p.Str("bucket")), rows.Select(r => r.QuerySelector("th")!.TextContent));
        Assert.False(string.IsNullOrWhiteSpace(svg.QuerySelector("desc")?.TextContent));
    }

    [Fact]
    public async Task The_breakdown_chart_has_a_bar_per_country_largest_first_each_linked_to_its_figure()
    {
        var series = await client.GetJsonAsync("/api/v1/figures/series?metric=removals&interval=fiscal_year&dimension=citizenship&groupBy=dimensionValue&from=2023-10-01&to=2024-09-30");
        var groups = series.GetProperty("groups").EnumerateArray()
            .Select(g => g.GetProperty("points").EnumerateArray().FirstOrDefault(p => p.GetProperty("value").ValueKind != JsonValueKind.Null))
            .Where(p => p.ValueKind != JsonValueKind.Undefined).ToList();
        Assert.True(groups.Count >= 5);
        var page = await client.GetPageAsync("/charts/breakdown?metric=removals&dimension=citizenship&year=FY2024");
        var svg = page.Document.QuerySelector("svg.bar-chart")!;
        Assert.Equal(groups.Select(p => "/figures/" + p.Str("figureId")), svg.QuerySelectorAll("a.point-link").Select(a => a.GetAttribute("href")));
        Assert.Equal(groups.Count, page.Document.QuerySelectorAll("table.chart-table tbody tr").Length);
        Assert.Contains("Mexico", page.Document.QuerySelector("table.chart-table tbody tr th")!.TextContent);
    }

    [Fact]
    public async Task The_pace_chart_has_a_bar_per_actual_a_goal_line_and_each_ratio_as_the_api_computes_it()
    {
        var pace = await client.GetJsonAsync("/api/v1/figures/pace?metric=arrests&from=2025-01-20");
        var target = pace.GetProperty("targets")[0];
        var page = await client.GetPageAsync("/charts/pace?metric=arrests");
        var svg = page.Document.QuerySelector("svg.bar-chart")!;
        Assert.Equal(pace.GetProperty("actuals").GetArrayLength(), svg.QuerySelectorAll("a.point-link").Length);
        Assert.NotNull(svg.QuerySelector("line.goal"));
        Assert.Contains(target.GetProperty("perDay").GetDecimal().ToString("#,0.#", System.Globalization.CultureInfo.InvariantCulture), svg.QuerySelector(".goal-label")!.TextContent);
        foreach (var comparison in pace.GetProperty("comparisons").EnumerateArray().Where(c => c.Str("targetId") == target.Str("figureId")))
        {
            var row = page.Document.QuerySelectorAll("table.chart-table tbody tr")
                .Single(r => r.QuerySelector("td a")?.TextContent == comparison.Str("actualId"));
            Assert.Equal(comparison.GetProperty("ratio").GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "×",
                row.QuerySelectorAll("td")[1].TextContent);
        }
    }

    public static TheoryData<string, int, string> BadInput => new()
    {
        { "/figures?colour=red", 400, "colour" },
        { "/figures?metric=nonsense", 400, "metric" },
        { "/figures?metric=removals&metric=arrests", 400, "metric" },
        { "/figures?limit=-1", 400, "limit" },
        { "/figures?limit=99999999999999999999", 400, "limit" },
        { "/figures?from=yesterday", 400, "from" },
        { "/figures?cursor=not-a-cursor", 400, "cursor" },
        { "/figures?before=eyJ9.AAAA", 400, "before" },
        { "/figures?sort=colour", 400, "sort" },
        { "/figures?q=%22unclosed", 400, "q" },
        { "/figures?q=a%27%20OR%201%3D1%20--", 400, "q" },
        { "/search?q=NEAR(%22", 400, "q" },
        { "/search?q=" + "deport%20" + "", 200, "" },
        { "/search?types=planet&q=deport", 400, "types" },
        { "/statements?speaker=nobody-at-all", 400, "speaker" },
        { "/charts/series?interval=century", 400, "interval" },
        { "/charts/series?metric=nonsense", 400, "metric" },
        { "/charts/breakdown?year=FY1999", 400, "year" },
        { "/charts/pace?target=nope", 400, "target" },
        { "/charts/pace?from=2025-13-01", 400, "from" },
        { "/check?text=", 200, "" },
        { "/check?text=ICE%07removed%2010", 400, "text" },
        { "/check?text=ICE%20removed%2010&asOf=tomorrow", 400, "asOf" },
        { "/check?text=ICE%20removed%2010&colour=red", 400, "colour" },
        { "/figures/no-such-figure", 404, "" },
        { "/statements/no-such-statement", 404, "" },
        { "/sources/no-such-source", 404, "" },
        { "/figures/dhs-removals-first-100-days?extra=1", 400, "extra" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_a_4xx_page_that_names_the_parameter_never_a_500(string url, int status, string parameter)
    {
        var page = await client.GetPageAsync(url);
        Assert.True((int)page.Status == status, page.ToString());
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType?.MediaType);
        PageSupport.AssertSound(page);
        if (status != 200) Assert.Equal("no-store", page.Response.Headers.CacheControl!.ToString());
        if (parameter.Length > 0)
            Assert.Contains(page.Document.QuerySelectorAll(".problems li code"), code => code.TextContent == parameter);
    }

    [Fact]
    public async Task A_huge_query_is_refused_with_the_apis_limit_and_the_id_of_a_missing_record_comes_back_encoded()
    {
        using var huge = await client.GetAsync("/figures?q=" + new string('a', 9000));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, huge.StatusCode);

        var page = await client.GetPageAsync("/figures/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain("<script>", page.Html);
        Assert.Contains("&lt;script&gt;", page.Html);
    }
}

/// <summary>Records whose words hold markup and quotes: every page writes them as text, never as HTML.</summary>
public sealed class PageEncodingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    const string Hostile = "<script>alert(\"x\")</script> & 'quotes' <img src=x onerror=alert(1)>";

    [Fact]
    public async Task Values_holding_script_tags_and_quotes_are_encoded_on_every_page_that_shows_them()
    {
        var api = WriteApi.For(factory);
        var source = await api.CreateIdAsync("sources", new JsonObject
        {
            ["id"] = "test-hostile-source", ["kind"] = "report", ["title"] = "Title " + Hostile, ["publisher"] = Hostile, ["language"] = "en",
            ["url"] = "https://example.org/a?b=\"c\"&d=<e>",
        });
        var reporter = await api.CreateIdAsync("entities", Make.Organization("test-hostile-office", name: "Office " + Hostile));
        var figure = Make.Figure("test-hostile-figure", source, reporter, statedAs: "removed \"<b>now</b>\"", periodLabel: "period " + Hostile);
        figure["citations"] = Make.Cite(source, "Excerpt " + Hostile);
        await api.CreateIdAsync("figures", figure);
        var person = await api.CreateIdAsync("entities", Make.Person("test-hostile-person", name: "Person Test-Speaker"));
        await api.CreateIdAsync("statements", Make.Statement("test-hostile-statement", source, person, text: "Words " + Hostile));

        foreach (var (url, showsWhole) in new[]
                 {
                     ("/figures", true), ("/figures/test-hostile-figure", true), ("/sources/test-hostile-source", true), ("/statements", true),
                     ("/statements/test-hostile-statement", true), ("/figures?q=alert", true), ("/search?q=alert", false),
                 })
        {
            var page = await factory.CreateClient().GetPageAsync(url);
            Assert.True(page.Status == HttpStatusCode.OK, url + " " + page);
            PageSupport.AssertSound(page); // no script, no inline style, no parse error
            Assert.DoesNotContain("<script>", page.Html);
            Assert.DoesNotContain("<img", page.Html);
            Assert.DoesNotContain("<b>now</b>", page.Html);
            Assert.Contains("&lt;script&gt;", page.Html);
            Assert.Empty(page.Document.QuerySelectorAll("[onerror]"));
            if (showsWhole) Assert.Contains(Hostile, page.Main.TextContent);
        }
    }
}
