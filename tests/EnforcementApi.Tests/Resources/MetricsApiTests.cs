using System.Net;
using System.Text.Json;
using Dapper;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Resources;

/// <summary>GET /api/v1/metrics: the whole controlled vocabulary in one page.</summary>
public sealed class MetricsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.Seeded().CreateClient();

    [Fact]
    public async Task Metrics_list_the_whole_vocabulary_ordered_by_id_in_one_page()
    {
        using var response = await client.GetAsync("/api/v1/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Link"), "the only page links to a next one");
        var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);

        using var connection = factory.OpenDatabase();
        var ids = connection.Query<string>("select id from metrics").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["administrative_arrests", "arrests", "at_large_arrests", "atd_enrollment", "average_daily_population", "book_ins",
             "combined_arrests", "detained_population", "detainers_issued", "encounters", "expulsions", "removals", "returns", "test_metric"], ids);
        Assert.Equal(ids, page.Ids());
    }

    [Fact]
    public async Task Metrics_give_each_label_unit_and_definition()
    {
        var metrics = (await client.GetJsonAsync("/api/v1/metrics")).Items().ToList();
        Expect.Json(new { id = "test_metric", label = "Test metric", unit = "people", definition = "A synthetic metric for tests." },
            metrics.Single(m => m.Str("id") == "test_metric"));

        var removals = metrics.Single(m => m.Str("id") == "removals");
        Assert.Equal("Removals", removals.Str("label"));
        Assert.Equal("people", removals.Str("unit"));
        Assert.StartsWith("Compulsory and confirmed movements of noncitizens", removals.Str("definition"));
    }

    [Fact]
    public async Task Every_figure_counts_a_metric_of_the_vocabulary()
    {
        var metrics = (await client.GetJsonAsync("/api/v1/metrics")).Ids().ToHashSet();
        var figures = (await client.GetJsonAsync("/api/v1/figures?limit=200")).Items().ToList();
        Assert.True(figures.Count >= 10, $"only {figures.Count} figures listed");
        foreach (var figure in figures)
            Assert.Contains(figure.Str("metric")!, metrics);
    }

    [Fact]
    public async Task Metrics_answer_the_figures_metric_filter_for_each_id()
    {
        // Each metric of the vocabulary is a valid figures filter, and the figures it returns count that metric.
        foreach (var metric in (await client.GetJsonAsync("/api/v1/metrics")).Ids())
        {
            var figures = (await client.GetJsonAsync($"/api/v1/figures?metric={metric}&limit=200")).Items();
            Assert.All(figures, f => Assert.Equal(metric, f.Str("metric")));
        }
    }
}
