using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;

namespace EnforcementApi.Tests.Analytics;

/// <summary>
/// Pace, discrepancies and series: the arithmetic on the bundled records, qualifiers carried into the
/// results, rank deciding a series point, answers that follow writes at once, and bad input as 400s.
/// Each test writes its figures under its own scope or years, so tests in the class do not see each other's.
/// </summary>
public sealed class FigureAnalyticsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory);
    readonly HttpClient client = factory.CreateClient();

    async Task<JsonElement> GetAsync(string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    async Task<JsonElement> BadAsync(string url, params string[] parameters)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"GET {url} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Equal(parameters.Order(), errors.Order());
        return problem;
    }

    /// <summary>An actual (or target) figure of a test, cited to the world's source.</summary>
    static JsonObject Figure(World world, string id, string metric, string scope, decimal value, string? start, string? end,
        string qualifier = "exact", string kind = "actual", string unit = "people", string rank = "normal", string? source = null)
    {
        var figure = Make.Figure(id, source ?? world.Source, world.Agency, value, metric: metric);
        figure["kind"] = kind;
        figure["valueQualifier"] = qualifier;
        figure["unit"] = unit;
        figure["scope"] = scope;
        figure["periodStart"] = start;
        figure["periodEnd"] = end;
        figure["rank"] = rank;
        return figure;
    }

    [Fact]
    public async Task Pace_of_the_bundled_removals_is_656_a_day_and_0_2187_of_the_daily_goal()
    {
        var pace = await GetAsync("/api/v1/figures/pace?metric=removals&scope=US&to=2025-12-31");

        var actual = pace.GetProperty("actuals").EnumerateArray().Single(a => a.Str("figureId") == "dhs-removals-first-100-days");
        Assert.Equal(65600m, actual.GetProperty("value").GetDecimal());
        Assert.Equal(100, actual.GetProperty("days").GetInt32());
        Assert.Equal("656.0", actual.GetProperty("perDay").GetRawText());
        Assert.Equal("article-ice-leadership-shakeup", actual.GetProperty("citations")[0].Str("sourceId"));
        Assert.Contains("65,600 deported", actual.GetProperty("citations")[0].Str("excerpt"));

        var target = pace.GetProperty("targets").EnumerateArray().Single(t => t.Str("figureId") == "removals-daily-target");
        Assert.Equal("3000.0", target.GetProperty("perDay").GetRawText());
        Assert.Contains("3,000", target.GetProperty("citations")[0].Str("excerpt"));

        var comparison = pace.GetProperty("comparisons").EnumerateArray()
            .Single(c => c.Str("actualId") == "dhs-removals-first-100-days" && c.Str("targetId") == "removals-daily-target");
        Assert.Equal("0.2187", comparison.GetProperty("ratio").GetRawText());
        Assert.Equal("shortfall", comparison.Str("direction"));
        Assert.Equal("2344.0", comparison.GetProperty("gapPerDay").GetRawText());
        Assert.Equal("234400.0", comparison.GetProperty("gapOverPeriod").GetRawText());
        Assert.Equal(["dhs-removals-first-100-days", "removals-daily-target"],
            comparison.GetProperty("figureIds").EnumerateArray().Select(i => i.GetString()));
        Assert.Contains("rounded", pace.Str("arithmetic"));
    }

    [Fact]
    public async Task Pace_carries_qualifiers_and_divides_a_target_over_a_period_by_its_days()
    {
        var world = await World.CreateAsync(api);
        const string scope = "Test Pace Area";
        // 3,100 over the 31 days of January 2030: 100.0 a day, "more than".
        await api.CreateAsync("figures", Figure(world, "test-pace-actual", "returns", scope, 3100, "2030-01-01", "2030-01-31", qualifier: "more_than"));
        // A target of 2,800 over February 2030 (28 days): 100.0 a day; and one of 150 a day.
        await api.CreateAsync("figures", Figure(world, "test-pace-period-target", "returns", scope, 2800, "2030-02-01", "2030-02-28", kind: "target"));
        await api.CreateAsync("figures", Figure(world, "test-pace-daily-target", "returns", scope, 150, null, null,
            qualifier: "approximately", kind: "target", unit: "people_per_day"));

        var pace = await GetAsync($"/api/v1/figures/pace?metric=returns&scope={Uri.EscapeDataString(scope)}");
        var actual = Assert.Single(pace.GetProperty("actuals").EnumerateArray());
        Assert.Equal(31, actual.GetProperty("days").GetInt32());
        Assert.Equal("100.0", actual.GetProperty("perDay").GetRawText());
        Assert.Equal("more_than", actual.Str("perDayQualifier"));

        var periodTarget = pace.GetProperty("targets").EnumerateArray().Single(t => t.Str("figureId") == "test-pace-period-target");
        Assert.Equal(28, periodTarget.GetProperty("days").GetInt32());
        Assert.Equal("100.0", periodTarget.GetProperty("perDay").GetRawText());

        var comparisons = pace.GetProperty("comparisons").EnumerateArray().ToDictionary(c => c.Str("targetId")!);
        Assert.Equal(2, comparisons.Count);
        var even = comparisons["test-pace-period-target"];
        Assert.Equal("1.0000", even.GetProperty("ratio").GetRawText());
        Assert.Equal("more_than", even.Str("ratioQualifier"));
        var daily = comparisons["test-pace-daily-target"];
        // 100 / 150 = 0.66666... rounds half away from zero to 0.6667; 50 a day short, 1,550 over the 31 days.
        Assert.Equal("0.6667", daily.GetProperty("ratio").GetRawText());
        Assert.Equal("shortfall", daily.Str("direction"));
        Assert.Equal("50.0", daily.GetProperty("gapPerDay").GetRawText());
        Assert.Equal("1550.0", daily.GetProperty("gapOverPeriod").GetRawText());
        // More than 100 a day against about 150: the ratio is more than, and both pull apart, so approximately.
        Assert.Equal("approximately", daily.Str("ratioQualifier"));
    }

    [Fact]
    public async Task Pace_follows_a_write_at_once_and_leaves_out_deprecated_figures()
    {
        var world = await World.CreateAsync(api);
        const string scope = "Test Pace Write Area";
        var url = $"/api/v1/figures/pace?metric=book_ins&scope={Uri.EscapeDataString(scope)}";
        Assert.Empty((await GetAsync(url)).GetProperty("actuals").EnumerateArray());

        await api.CreateAsync("figures", Figure(world, "test-pace-write", "book_ins", scope, 1000, "2031-01-01", "2031-01-10"));
        Assert.Equal("100.0", (await GetAsync(url)).GetProperty("actuals")[0].GetProperty("perDay").GetRawText());

        await api.ChangeAsync("figures", "test-pace-write", new JsonObject { ["value"] = 2000 });
        Assert.Equal("200.0", (await GetAsync(url)).GetProperty("actuals")[0].GetProperty("perDay").GetRawText());

        await api.ChangeAsync("figures", "test-pace-write", new JsonObject { ["rank"] = "deprecated" });
        Assert.Empty((await GetAsync(url)).GetProperty("actuals").EnumerateArray());
    }

    [Fact]
    public async Task Discrepancies_take_qualifiers_and_tolerance_into_account_and_skip_a_quarter_beside_its_year()
    {
        var world = await World.CreateAsync(api);
        var other = await api.CreateIdAsync("sources", Make.Source(Make.Id("test-src"), "Test Second Bulletin"));
        const string range = "metric=arrests&from=2032-01-01&to=2032-12-31";
        // Arrests over the same 100 days of 2032: "more than 158,000" from one reporter, 66,463 from another.
        await api.CreateAsync("figures", Figure(world, "test-disc-more-than", "arrests", "US", 158000, "2032-01-20", "2032-04-29", qualifier: "more_than"));
        await api.CreateAsync("figures", Figure(world, "test-disc-agency", "arrests", "US", 66463, "2032-01-20", "2032-04-29", source: other));
        // The same 100 days in another scope: never compared with the US figures.
        await api.CreateAsync("figures", Figure(world, "test-disc-elsewhere", "arrests", "Test Region", 5, "2032-01-20", "2032-04-29"));

        var report = await GetAsync("/api/v1/figures/discrepancies?" + range);
        Assert.Equal("0.02", report.GetProperty("tolerance").GetRawText());
        var group = Assert.Single(report.GetProperty("groups").EnumerateArray());
        Assert.Equal("US", group.Str("scope"));
        Assert.Equal(["test-disc-more-than", "test-disc-agency"], group.GetProperty("figures").EnumerateArray().Select(f => f.Str("figureId")));
        Assert.Equal("more_than", group.GetProperty("figures")[0].Str("valueQualifier"));
        Assert.Equal(world.Agency, group.GetProperty("figures")[0].GetProperty("reportedBy").Str("id"));
        Assert.Equal(other, group.GetProperty("figures")[1].GetProperty("citations")[0].Str("sourceId"));
        // (158,000 - 66,463) / 66,463 = 1.37725...
        Assert.Equal("1.3773", group.GetProperty("spread").GetRawText());

        // "More than 158,000" agrees with 160,000: its range reaches up.
        await api.ChangeAsync("figures", "test-disc-agency", new JsonObject { ["value"] = 160000 });
        Assert.Empty((await GetAsync("/api/v1/figures/discrepancies?" + range)).GetProperty("groups").EnumerateArray());
    }

    [Fact]
    public async Task Approximate_figures_within_the_tolerance_agree_and_a_tighter_tolerance_separates_them()
    {
        var world = await World.CreateAsync(api);
        const string range = "metric=removals&from=2033-01-01&to=2033-12-31";
        await api.CreateAsync("figures", Figure(world, "test-disc-about", "removals", "US", 65600, "2033-01-20", "2033-04-29", qualifier: "approximately"));
        // Within 90% overlap: two days shorter at the end (98 of 100 days).
        await api.CreateAsync("figures", Figure(world, "test-disc-close", "removals", "US", 65682, "2033-01-20", "2033-04-27"));
        // A quarter of the fiscal year that holds both: its overlap with the year is a quarter of the year, so not compared.
        await api.CreateAsync("figures", Figure(world, "test-disc-fiscal-year", "removals", "US", 300000, "2032-10-01", "2033-09-30"));

        Assert.Empty((await GetAsync("/api/v1/figures/discrepancies?" + range)).GetProperty("groups").EnumerateArray());

        var strict = await GetAsync("/api/v1/figures/discrepancies?tolerance=0&" + range);
        var group = Assert.Single(strict.GetProperty("groups").EnumerateArray());
        Assert.Equal(["test-disc-close", "test-disc-about"], group.GetProperty("figures").EnumerateArray().Select(f => f.Str("figureId")));
        Assert.Equal(["test-disc-about", "test-disc-close"], group.GetProperty("disagreements")[0].EnumerateArray().Select(i => i.GetString()).Order());
    }

    [Fact]
    public async Task Discrepancy_groups_are_sorted_by_spread_largest_first()
    {
        var world = await World.CreateAsync(api);
        const string range = "metric=expulsions&from=2034-01-01&to=2034-12-31";
        await api.CreateAsync("figures", Figure(world, "test-spread-small-a", "expulsions", "US", 100, "2034-01-01", "2034-01-31"));
        await api.CreateAsync("figures", Figure(world, "test-spread-small-b", "expulsions", "US", 110, "2034-01-01", "2034-01-31"));
        await api.CreateAsync("figures", Figure(world, "test-spread-large-a", "expulsions", "US", 100, "2034-06-01", "2034-06-30"));
        await api.CreateAsync("figures", Figure(world, "test-spread-large-b", "expulsions", "US", 300, "2034-06-01", "2034-06-30"));

        var groups = (await GetAsync("/api/v1/figures/discrepancies?" + range)).GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["2.0000", "0.1000"], groups.Select(g => g.GetProperty("spread").GetRawText()));
        Assert.Equal("2034-06-01", groups[0].Str("periodStart"));
    }

    [Fact]
    public async Task A_fiscal_year_series_spans_calendar_years_and_has_a_null_point_for_every_empty_bucket()
    {
        var world = await World.CreateAsync(api);
        const string scope = "Test Series Area";
        await api.CreateAsync("figures", Figure(world, "test-series-fy2035", "encounters", scope, 1000, "2034-10-01", "2035-09-30"));
        await api.CreateAsync("figures", Figure(world, "test-series-fy2037", "encounters", scope, 3000, "2036-10-01", "2037-09-30"));
        // Not a fiscal year exactly: a calendar year is left out of a fiscal-year series.
        await api.CreateAsync("figures", Figure(world, "test-series-calendar", "encounters", scope, 9999, "2036-01-01", "2036-12-31"));

        var series = await GetAsync($"/api/v1/figures/series?metric=encounters&interval=fiscal_year&scope={Uri.EscapeDataString(scope)}");
        var points = series.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(["FY2035", "FY2036", "FY2037"], points.Select(p => p.Str("bucket")));
        Assert.Equal(["2034-10-01", "2035-10-01", "2036-10-01"], points.Select(p => p.Str("start")));
        Assert.Equal(["2035-09-30", "2036-09-30", "2037-09-30"], points.Select(p => p.Str("end")));
        Assert.Equal(1000m, points[0].GetProperty("value").GetDecimal());
        Assert.Equal(JsonValueKind.Null, points[1].GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, points[1].GetProperty("figureId").ValueKind);
        Assert.Equal("test-series-fy2037", points[2].Str("figureId"));
        Assert.NotEmpty(points[2].GetProperty("citations").EnumerateArray());

        var calendar = await GetAsync($"/api/v1/figures/series?metric=encounters&interval=year&scope={Uri.EscapeDataString(scope)}");
        Assert.Equal(["2036"], calendar.GetProperty("points").EnumerateArray().Select(p => p.Str("bucket")));

        var monthly = await GetAsync($"/api/v1/figures/series?metric=encounters&interval=month&scope={Uri.EscapeDataString(scope)}&from=2035-11-15&to=2036-02-01");
        Assert.Equal(["2035-11", "2035-12", "2036-01", "2036-02"], monthly.GetProperty("points").EnumerateArray().Select(p => p.Str("bucket")));
        Assert.All(monthly.GetProperty("points").EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("value").ValueKind));
    }

    [Fact]
    public async Task Rank_decides_a_series_point_then_the_latest_source_and_the_others_are_listed()
    {
        var world = await World.CreateAsync(api);
        const string scope = "Test Rank Area";
        var url = $"/api/v1/figures/series?metric=detained_population&interval=quarter&scope={Uri.EscapeDataString(scope)}";
        var older = await api.CreateIdAsync("sources", WithDate(Make.Source(Make.Id("test-src"), "Test Older Bulletin"), "2035-01-01"));
        var newer = await api.CreateIdAsync("sources", WithDate(Make.Source(Make.Id("test-src"), "Test Newer Bulletin"), "2035-06-01"));
        await api.CreateAsync("figures", Figure(world, "test-rank-older", "detained_population", scope, 40000, "2035-01-01", "2035-03-31", source: older));
        await api.CreateAsync("figures", Figure(world, "test-rank-newer", "detained_population", scope, 41000, "2035-01-01", "2035-03-31", source: newer));

        var point = (await GetAsync(url)).GetProperty("points")[0];
        Assert.Equal("2035-Q1", point.Str("bucket"));
        Assert.Equal("test-rank-newer", point.Str("figureId"));
        Assert.Equal(["test-rank-older"], point.GetProperty("alternativeIds").EnumerateArray().Select(i => i.GetString()));

        await api.ChangeAsync("figures", "test-rank-older", new JsonObject { ["rank"] = "preferred" });
        point = (await GetAsync(url)).GetProperty("points")[0];
        Assert.Equal("test-rank-older", point.Str("figureId"));
        Assert.Equal("preferred", point.Str("rank"));
        Assert.Equal(40000m, point.GetProperty("value").GetDecimal());
        Assert.Equal(["test-rank-newer"], point.GetProperty("alternativeIds").EnumerateArray().Select(i => i.GetString()));

        await api.ChangeAsync("figures", "test-rank-newer", new JsonObject { ["rank"] = "deprecated" });
        point = (await GetAsync(url)).GetProperty("points")[0];
        Assert.Empty(point.GetProperty("alternativeIds").EnumerateArray());
    }

    static JsonObject WithDate(JsonObject source, string publishedOn)
    {
        source["publishedOn"] = publishedOn;
        return source;
    }

    [Fact]
    public async Task A_figure_has_rank_normal_by_default_and_a_curator_can_set_it_and_filter_by_it()
    {
        var world = await World.CreateAsync(api);
        var body = Figure(world, "test-rank-default", "returns", "Test Rank Filter Area", 5, "2036-01-01", "2036-01-31");
        body.Remove("rank");
        var created = await api.CreateAsync("figures", body);
        Assert.Equal("normal", created.Json.Str("rank"));
        Assert.Equal("normal", (await GetAsync("/api/v1/figures/dhs-removals-first-100-days")).Str("rank"));

        await api.ChangeAsync("figures", "test-rank-default", new JsonObject { ["rank"] = "preferred" });
        var preferred = await GetAsync("/api/v1/figures?rank=preferred&facet=rank&count=true");
        Assert.Contains("test-rank-default", preferred.GetProperty("items").EnumerateArray().Select(f => f.Str("id")));
        Assert.All(preferred.GetProperty("items").EnumerateArray(), f => Assert.Equal("preferred", f.Str("rank")));

        await api.InvalidAsync(() => api.PatchAsync("figures", "test-rank-default", new JsonObject { ["rank"] = "best" }), "rank");
        await BadAsync("/api/v1/figures?rank=best", "rank");
    }

    [Theory]
    [InlineData("pace")]
    [InlineData("discrepancies")]
    [InlineData("series")]
    public async Task The_analytics_paths_cannot_be_taken_as_figure_ids(string id)
    {
        var world = await World.CreateAsync(api);
        await api.InvalidPostAsync("figures", Figure(world, id, "returns", "US", 5, "2036-01-01", "2036-01-31"), "id");
    }

    [Theory]
    [InlineData("/api/v1/figures/pace", "metric")]
    [InlineData("/api/v1/figures/pace?metric=deportations", "metric")]
    [InlineData("/api/v1/figures/pace?metric=removals&from=2025-05-01&to=2025-01-01", "to")]
    [InlineData("/api/v1/figures/pace?metric=removals&from=yesterday", "from")]
    [InlineData("/api/v1/figures/pace?metric=removals&reportedBy=no-such-entity", "reportedBy")]
    [InlineData("/api/v1/figures/pace?metric=removals&scope=", "scope")]
    [InlineData("/api/v1/figures/pace?metric=removals&speed=fast", "speed")]
    [InlineData("/api/v1/figures/discrepancies?tolerance=1.5", "tolerance")]
    [InlineData("/api/v1/figures/discrepancies?tolerance=-0.1", "tolerance")]
    [InlineData("/api/v1/figures/discrepancies?tolerance=NaN", "tolerance")]
    [InlineData("/api/v1/figures/discrepancies?tolerance=", "tolerance")]
    [InlineData("/api/v1/figures/discrepancies?metric='%20or%201=1--", "metric")]
    [InlineData("/api/v1/figures/discrepancies?from=2025-02-30", "from")]
    [InlineData("/api/v1/figures/series?metric=removals", "interval")]
    [InlineData("/api/v1/figures/series?metric=removals&interval=week", "interval")]
    [InlineData("/api/v1/figures/series?metric=removals&interval=year&kind=guess", "kind")]
    [InlineData("/api/v1/figures/series?metric=removals&interval=month&from=1950-01-01&to=2150-12-31", "from")]
    [InlineData("/api/v1/figures/series?metric=removals&interval=fiscal_year&to=9999-12-31", "to")]
    [InlineData("/api/v1/figures/series?metric=removals&interval=year&from=0001-01-01", "from")]
    [InlineData("/api/v1/figures/series?interval=year", "metric")]
    public async Task Bad_analytics_input_is_a_400_problem_naming_the_parameter(string url, string parameter)
    {
        await BadAsync(url, parameter);
    }

    [Fact]
    public async Task An_unknown_metric_is_answered_with_the_known_ones()
    {
        var problem = await BadAsync("/api/v1/figures/series?metric=deportations&interval=year", "metric");
        var message = problem.GetProperty("errors").GetProperty("metric")[0].GetString()!;
        foreach (var metric in new[] { "arrests", "removals", "returns", "expulsions", "book_ins", "detained_population", "encounters" })
            Assert.Contains(metric, message);
    }

    [Theory]
    [InlineData("/api/v1/figures/pace?metric=removals", "PaceReport")]
    [InlineData("/api/v1/figures/discrepancies?metric=removals", "DiscrepancyReport")]
    [InlineData("/api/v1/figures/series?metric=removals&interval=quarter&from=2024-10-01&to=2025-06-30", "SeriesReport")]
    public async Task The_documented_example_is_what_the_bundled_records_give(string url, string schema)
    {
        using var fresh = new ApiFactory();
        var freshClient = fresh.CreateClient();
        var document = JsonNode.Parse(await freshClient.GetStringAsync("/swagger/v1/swagger.json"))!;
        var path = url.Split('?')[0];
        var response = document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!;
        Assert.EndsWith("/" + schema, response["schema"]!["$ref"]!.GetValue<string>());
        var served = JsonNode.Parse(await freshClient.GetStringAsync(url));
        Assert.True(JsonNode.DeepEquals(response["example"], served), $"The example of {path} is not what {url} serves:\n{response["example"]}\n{served}");
    }

    [Fact]
    public async Task Analytics_answers_carry_an_etag_and_answer_304_to_it()
    {
        var first = await client.GetAsync("/api/v1/figures/pace?metric=removals");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/figures/pace?metric=removals");
        again.Headers.IfNoneMatch.Add(etag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }
}
