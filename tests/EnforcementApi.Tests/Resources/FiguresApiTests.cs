using System.Net;
using System.Text.Json;
using Dapper;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Resources;

/// <summary>GET /api/v1/figures and /api/v1/figures/{id}, over the bundled records and <see cref="TestRecords"/>.</summary>
public sealed class FiguresApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.Seeded().CreateClient();

    Task<JsonElement> ListAsync(string query = "") =>
        client.GetJsonAsync("/api/v1/figures?limit=200" + (query.Length > 0 ? "&" + query : ""));

    async Task<JsonElement> ListedAsync(string id) => (await ListAsync()).Items().Single(f => f.Str("id") == id);

    [Fact]
    public async Task Figures_list_embeds_who_reported_each_figure_and_its_citations()
    {
        Expect.Json(new
        {
            id = "test-figure-006", metric = "detained_population", kind = "actual", value = 450.5m, valueQualifier = "exact",
            unit = "people", periodStart = "2024-02-29", periodEnd = "2024-02-29", periodLabel = "29 February 2024",
            scope = "Test Area", breakdown = (object?)null, reportedBy = Expect.Ref("test-office-a", "organization", "Test Office"), countedBy = (object?)null, statedAs = "held", rank = "normal", rankNote = (string?)null,
            citations = new[]
            {
                Expect.Citation("test-source", "Test Dataset", "450.5 people held on average", charStart: 600, charEnd: 628, paragraph: 7),
                Expect.Citation("test-source-3", "Test Report", "450.5 held"),
            },
        }, await ListedAsync("test-figure-006"));

        Expect.Json(new
        {
            id = "test-figure-005", metric = "removals", kind = "target", value = 3000m, valueQualifier = "at_least",
            unit = "people_per_day", periodStart = (string?)null, periodEnd = (string?)null, periodLabel = "daily",
            scope = "US", breakdown = (object?)null, reportedBy = Expect.Ref("test-person-1", "person", "Test Person One"), countedBy = (object?)null, statedAs = "a day", rank = "normal", rankNote = (string?)null,
            citations = new[] { Expect.Citation("test-source-2", "Test Report", "at least 3,000 a day", page: 8) },
        }, await ListedAsync("test-figure-005"));
    }

    [Fact]
    public async Task Figure_by_id_is_the_same_record_as_in_the_list()
    {
        var figures = (await ListAsync()).Items().ToList();
        Assert.True(figures.Count >= 10, $"only {figures.Count} figures listed");
        foreach (var figure in figures)
            Assert.Equal(figure.GetRawText(), (await client.GetJsonAsync("/api/v1/figures/" + figure.Str("id"))).GetRawText());
    }

    [Fact]
    public async Task Figure_with_a_missing_id_is_a_404_problem()
    {
        var problem = await client.GetProblemAsync("/api/v1/figures/test-figure-999", HttpStatusCode.NotFound);
        Assert.Contains("test-figure-999", problem.Str("detail"));
    }

    [Theory]
    [InlineData("metric=book_ins", "test-figure-001", "test-figure-002", "test-figure-004")]
    [InlineData("metric=detained_population", "test-figure-003", "test-figure-006")]
    [InlineData("metric=removals", "dhs-removals-first-100-days", "removals-daily-target", "test-figure-005")]
    [InlineData("metric=test_metric")]
    [InlineData("kind=actual", "dhs-arrests-first-100-days", "dhs-removals-first-100-days", "test-figure-001", "test-figure-002", "test-figure-006")]
    [InlineData("kind=estimate", "test-figure-003", "test-figure-007")]
    [InlineData("kind=target", "removals-daily-target", "test-figure-005")]
    [InlineData("kind=projection", "test-figure-004")]
    [InlineData("reportedBy=test-agency", "test-figure-001", "test-figure-002", "test-figure-004", "test-figure-007")]
    [InlineData("reportedBy=test-office-a", "test-figure-003", "test-figure-006")]
    [InlineData("reportedBy=test-unit")]
    [InlineData("source=test-source", "test-figure-001", "test-figure-002", "test-figure-006")]
    [InlineData("source=test-source-3", "test-figure-006", "test-figure-007")]
    [InlineData("source=article-ice-leadership-shakeup", "dhs-arrests-first-100-days", "dhs-removals-first-100-days", "removals-daily-target")]
    [InlineData("metric=book_ins&kind=actual&reportedBy=test-agency&source=test-source", "test-figure-001", "test-figure-002")]
    public async Task Figures_filter_by_metric_kind_reporter_and_source(string query, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await ListAsync(query)).IdSet());

    [Theory]
    [InlineData("from=2024-02-01&to=2024-02-29", "test-figure-002", "test-figure-003", "test-figure-006")]
    [InlineData("from=2024-02-10&to=2024-02-20", "test-figure-002", "test-figure-003")] // the range inside longer periods
    [InlineData("from=2024-01-31&to=2024-01-31", "test-figure-001", "test-figure-003", "test-figure-007")] // periods ending on from
    [InlineData("from=2024-02-29&to=2024-02-29", "test-figure-002", "test-figure-003", "test-figure-006")]
    [InlineData("from=2024-03-15", "test-figure-003", "test-figure-004", "dhs-arrests-first-100-days", "dhs-removals-first-100-days")]
    [InlineData("from=2024-03-16&to=2024-12-31", "test-figure-004")]
    [InlineData("to=2024-01-01", "test-figure-001", "test-figure-007")] // periods starting on to
    [InlineData("to=2024-01-14", "test-figure-001", "test-figure-007")]
    [InlineData("from=2025-01-01&to=2025-01-19")]
    [InlineData("from=2025-04-29&to=2025-12-31", "dhs-arrests-first-100-days", "dhs-removals-first-100-days")]
    public async Task Figures_filter_by_period_matches_overlapping_periods_only(string query, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await ListAsync(query)).IdSet());

    [Theory]
    [InlineData("from=0001-01-01")]
    [InlineData("to=9999-12-31")]
    [InlineData("from=0001-01-01&to=9999-12-31")]
    public async Task Figures_without_a_period_never_match_a_date_filter(string query)
    {
        string[] withPeriod =
        [
            "dhs-arrests-first-100-days", "dhs-removals-first-100-days", "test-figure-001", "test-figure-002",
            "test-figure-003", "test-figure-004", "test-figure-006", "test-figure-007",
        ];
        Assert.Equal(withPeriod, (await ListAsync(query)).IdSet());
    }

    [Theory]
    [InlineData("periodEnd")]
    [InlineData("-periodEnd")]
    [InlineData("periodStart")]
    [InlineData("-periodStart")]
    [InlineData("value")]
    [InlineData("-value")]
    [InlineData("id")]
    [InlineData("-id")]
    [InlineData("-periodEnd,value")]
    [InlineData("periodEnd,-value")]
    [InlineData("value,-periodStart")]
    [InlineData("-value,periodEnd,-id")]
    public async Task Figures_sort_by_each_field_in_both_directions(string sort) =>
        Assert.Equal(ExpectedOrder(sort), (await ListAsync("sort=" + sort)).Ids());

    [Fact]
    public async Task Figures_default_to_latest_period_end_first_with_figures_without_a_period_last()
    {
        var ids = (await ListAsync()).Ids();
        Assert.Equal(ExpectedOrder("-periodEnd"), ids);
        Assert.Equal(["test-figure-005", "removals-daily-target"], ids[^2..]);
    }

    List<string> ExpectedOrder(string sort)
    {
        using var connection = factory.OpenDatabase();
        var rows = connection.Query<(string Id, string? PeriodStart, string? PeriodEnd, double Value)>(
            "select id, period_start, period_end, value from figures");
        return Expect.Order(rows, r => r.Id, sort, field => field switch
        {
            "periodStart" => r => r.PeriodStart,
            "periodEnd" => r => r.PeriodEnd,
            "value" => r => r.Value,
            _ => throw new ArgumentException(field),
        });
    }
}
