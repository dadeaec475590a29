using System.Net;
using System.Text.Json;
using Dapper;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Resources;

/// <summary>GET /api/v1/sources and /api/v1/sources/{id}, over the bundled source and <see cref="TestRecords"/>.</summary>
public sealed class SourcesApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.Seeded().CreateClient();

    Task<JsonElement> ListAsync(string query = "") =>
        client.GetJsonAsync("/api/v1/sources?limit=200" + (query.Length > 0 ? "&" + query : ""));

    async Task<JsonElement> ListedAsync(string id) => (await ListAsync()).Items().Single(s => s.Str("id") == id);

    [Fact]
    public async Task Sources_list_gives_every_detail_and_leaves_unknown_ones_null()
    {
        Expect.Json(new
        {
            id = "test-source", kind = "dataset", title = "Test Dataset", publisher = "Test Publisher",
            url = "https://example.org/test-dataset", author = "Test Author", publishedOn = "2024-03-15",
            retrievedAt = "2024-03-16T09:30:00.000Z", language = "en",
        }, await ListedAsync("test-source"));

        Expect.Json(new
        {
            id = "test-source-3", kind = "dataset", title = "Test Report", publisher = (string?)null, url = (string?)null,
            author = (string?)null, publishedOn = (string?)null, retrievedAt = (string?)null, language = "es",
        }, await ListedAsync("test-source-3"));
    }

    [Fact]
    public async Task Source_by_id_is_the_same_record_as_in_the_list()
    {
        var sources = (await ListAsync()).Items().ToList();
        Assert.True(sources.Count >= 5, $"only {sources.Count} sources listed");
        foreach (var source in sources)
            Assert.Equal(source.GetRawText(), (await client.GetJsonAsync("/api/v1/sources/" + source.Str("id"))).GetRawText());
    }

    [Fact]
    public async Task Source_with_a_missing_id_is_a_404_problem()
    {
        var problem = await client.GetProblemAsync("/api/v1/sources/test-source-999", HttpStatusCode.NotFound);
        Assert.Contains("test-source-999", problem.Str("detail"));
    }

    [Theory]
    [InlineData("kind=dataset", "test-source", "test-source-3")]
    [InlineData("kind=report", "test-source-2")]
    [InlineData("kind=government_release", "test-source-4")]
    [InlineData("kind=news_article", "article-ice-leadership-shakeup")]
    [InlineData("kind=court_filing")]
    [InlineData("source=test-source-3", "test-source-3")]
    [InlineData("source=article-ice-leadership-shakeup", "article-ice-leadership-shakeup")]
    [InlineData("kind=dataset&source=test-source", "test-source")]
    [InlineData("kind=report&source=test-source")]
    public async Task Sources_filter_by_kind_and_source(string query, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await ListAsync(query)).IdSet());

    [Theory]
    [InlineData("publishedOn")]
    [InlineData("-publishedOn")]
    [InlineData("title")]
    [InlineData("-title")]
    [InlineData("id")]
    [InlineData("-id")]
    [InlineData("title,-publishedOn")]
    [InlineData("-publishedOn,title")]
    public async Task Sources_sort_by_each_field_in_both_directions(string sort) =>
        Assert.Equal(ExpectedOrder(sort), (await ListAsync("sort=" + sort)).Ids());

    [Fact]
    public async Task Sources_default_to_newest_first_with_unknown_dates_last()
    {
        var ids = (await ListAsync()).Ids();
        Assert.Equal(ExpectedOrder("-publishedOn"), ids);
        Assert.Equal(["test-source-2", "test-source", "test-source-4", "test-source-3", "article-ice-leadership-shakeup"], ids);
    }

    List<string> ExpectedOrder(string sort)
    {
        using var connection = factory.OpenDatabase();
        var rows = connection.Query<(string Id, string? PublishedOn, string Title)>("select id, published_on, title from sources");
        return Expect.Order(rows, r => r.Id, sort, field => field switch
        {
            "publishedOn" => r => r.PublishedOn,
            "title" => r => r.Title,
            _ => throw new ArgumentException(field),
        });
    }
}
