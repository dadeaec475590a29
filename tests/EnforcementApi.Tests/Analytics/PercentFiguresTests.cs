using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;

namespace EnforcementApi.Tests.Analytics;

/// <summary>
/// Issue 28: a percentage is a figure (unit `percent`, the value as the source states it) that the API takes,
/// serves and shows, and that the analyses leave out unless asked for, so that 70 percent is never read as 70 people.
/// </summary>
public sealed class PercentFiguresTests(ApiFactory factory) : IClassFixture<ApiFactory>
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

    static JsonObject Figure(World world, string id, decimal value, string unit, string scope, string start = "2040-10-01", string end = "2041-09-30",
        string kind = "actual", string metric = "arrests")
    {
        var figure = Make.Figure(id, world.Source, world.Agency, value, metric: metric);
        figure["kind"] = kind;
        figure["unit"] = unit;
        figure["scope"] = scope;
        figure["periodStart"] = start;
        figure["periodEnd"] = end;
        return figure;
    }

    [Fact]
    public async Task A_percentage_is_written_served_and_shown_as_a_percentage()
    {
        var world = await World.CreateAsync(api);
        var written = Figure(world, "test-percent-written", 91, "percent", "Test Percent Written");
        written["statedAs"] = "zorblaxed";
        await api.CreateAsync("figures", written);

        var figure = await GetAsync("/api/v1/figures/test-percent-written");
        Assert.Equal(("percent", 91m), (figure.Str("unit"), figure.GetProperty("value").GetDecimal()));
        var listed = await GetAsync("/api/v1/figures?scope=Test%20Percent%20Written");
        Assert.Equal("percent", Assert.Single(listed.GetProperty("items").EnumerateArray()).Str("unit"));

        var page = await client.GetStringAsync("/figures/test-percent-written");
        // The value as the page writes it (the test citation's own excerpt says "people", as Make writes every excerpt).
        Assert.Contains("about 91 percent", page);

        var hit = (await GetAsync("/api/v1/search?q=zorblaxed")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal("Arrests, about 91% (test period)", hit.Str("label"));
    }

    [Fact]
    public async Task A_series_leaves_percentages_out_unless_unit_percent_asks_for_them()
    {
        var world = await World.CreateAsync(api);
        const string scope = "Test Percent Series";
        await api.CreateAsync("figures", Figure(world, "test-percent-series-count", 143000, "people", scope));
        await api.CreateAsync("figures", Figure(world, "test-percent-series-share", 86, "percent", scope));
        var url = $"/api/v1/figures/series?metric=arrests&interval=fiscal_year&scope={Uri.EscapeDataString(scope)}";

        var counts = (await GetAsync(url)).GetProperty("points").EnumerateArray().Single();
        Assert.Equal(("test-percent-series-count", 143000m), (counts.Str("figureId"), counts.GetProperty("value").GetDecimal()));
        Assert.Empty(counts.GetProperty("alternativeIds").EnumerateArray());

        var shares = (await GetAsync(url + "&unit=percent")).GetProperty("points").EnumerateArray().Single();
        Assert.Equal(("test-percent-series-share", 86m), (shares.Str("figureId"), shares.GetProperty("value").GetDecimal()));
    }

    [Fact]
    public async Task Discrepancies_compare_percentages_only_when_asked_and_pace_never_takes_them()
    {
        var world = await World.CreateAsync(api);
        const string scope = "Test Percent Analyses";
        await api.CreateAsync("figures", Figure(world, "test-percent-disc-a", 70, "percent", scope, "2042-10-01", "2043-09-30"));
        await api.CreateAsync("figures", Figure(world, "test-percent-disc-b", 52, "percent", scope, "2042-10-01", "2043-09-30"));
        const string range = "metric=arrests&from=2042-10-01&to=2043-09-30";

        Assert.DoesNotContain((await GetAsync("/api/v1/figures/discrepancies?" + range)).GetProperty("groups").EnumerateArray(),
            g => g.Str("scope") == scope);
        var group = (await GetAsync("/api/v1/figures/discrepancies?" + range + "&unit=percent")).GetProperty("groups").EnumerateArray()
            .Single(g => g.Str("scope") == scope);
        Assert.Equal(["test-percent-disc-a", "test-percent-disc-b"], group.GetProperty("figures").EnumerateArray().Select(f => f.Str("figureId")));

        var pace = await GetAsync($"/api/v1/figures/pace?metric=arrests&scope={Uri.EscapeDataString(scope)}");
        Assert.Empty(pace.GetProperty("actuals").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/v1/figures/series?metric=arrests&interval=year&unit=percents")]
    [InlineData("/api/v1/figures/discrepancies?unit=share")]
    public async Task An_unknown_unit_is_a_400_naming_the_parameter(string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["unit"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }
}
