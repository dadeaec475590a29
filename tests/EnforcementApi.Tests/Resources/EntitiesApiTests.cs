using System.Net;
using System.Text.Json;
using Dapper;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Resources;

/// <summary>GET /api/v1/entities and /api/v1/entities/{id}, over the bundled records and <see cref="TestRecords"/>.</summary>
public sealed class EntitiesApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.Seeded().CreateClient();

    Task<JsonElement> ListAsync(string query = "") =>
        client.GetJsonAsync("/api/v1/entities?limit=200" + (query.Length > 0 ? "&" + query : ""));

    async Task<JsonElement> ListedAsync(string id) => (await ListAsync()).Items().Single(e => e.Str("id") == id);

    [Fact]
    public async Task Entities_list_embeds_the_parent_the_roles_by_start_date_and_the_citations()
    {
        Expect.Json(new
        {
            id = "test-person-1", kind = "person", name = "Test Person One", shortName = (string?)null,
            summary = "A synthetic official.", parent = (object?)null,
            roles = new[]
            {
                new { title = "Test Director", organization = (object?)Expect.Ref("test-agency", "organization", "Test Agency"), startedOn = "2024-01-01", endedOn = (string?)"2024-06-30" },
                new { title = "Test Adviser", organization = (object?)null, startedOn = "2024-07-01", endedOn = (string?)null },
            },
            citations = new[] { Expect.Citation("test-source-2", "Test Report", "Test Person One, the test director", page: 1, paragraph: 4) },
        }, await ListedAsync("test-person-1"));

        Expect.Json(new
        {
            id = "test-office-a", kind = "organization", name = "Test Office", shortName = (string?)null,
            summary = "A synthetic office of the test agency.", parent = Expect.Ref("test-agency", "organization", "Test Agency"),
            roles = Array.Empty<object>(),
            citations = new[]
            {
                Expect.Citation("test-source", "Test Dataset", "the Test Office", charStart: 40, charEnd: 55, paragraph: 2),
                Expect.Citation("test-source-2", "Test Report", "Test Office staff", page: 2),
            },
        }, await ListedAsync("test-office-a"));

        Expect.Json(new
        {
            id = "test-agency", kind = "organization", name = "Test Agency", shortName = "TA",
            summary = "A synthetic agency for tests.", parent = (object?)null, roles = Array.Empty<object>(),
            citations = new[] { Expect.Citation("test-source", "Test Dataset", "Test Agency", charStart: 0, charEnd: 11, paragraph: 1) },
        }, await ListedAsync("test-agency"));
    }

    [Fact]
    public async Task Entity_by_id_is_the_same_record_as_in_the_list()
    {
        var entities = (await ListAsync()).Items().ToList();
        Assert.True(entities.Count >= 18, $"only {entities.Count} entities listed");
        foreach (var entity in entities)
            Assert.Equal(entity.GetRawText(), (await client.GetJsonAsync("/api/v1/entities/" + entity.Str("id"))).GetRawText());
    }

    [Fact]
    public async Task Entity_with_a_missing_id_is_a_404_problem()
    {
        var problem = await client.GetProblemAsync("/api/v1/entities/test-agency-999", HttpStatusCode.NotFound);
        Assert.Contains("test-agency-999", problem.Str("detail"));
    }

    [Theory]
    [InlineData("kind=person", "donald-trump", "stephen-miller", "tom-homan", "kristi-noem", "ken-genalo", "robert-hammer",
        "test-person-1", "test-person-2")]
    [InlineData("kind=organization", "white-house", "dhs", "ice", "hsi", "opla", "ice-management-and-administration",
        "test-agency", "test-office-a", "test-office-b", "test-unit")]
    [InlineData("parent=test-agency", "test-office-a", "test-office-b")] // direct sub-organizations only, not test-unit
    [InlineData("parent=test-office-a", "test-unit")]
    [InlineData("parent=ice", "hsi", "opla", "ice-management-and-administration")]
    [InlineData("parent=test-unit")]
    [InlineData("source=test-source", "test-agency", "test-office-a")]
    [InlineData("source=test-source-2", "test-office-a", "test-person-1")]
    [InlineData("source=test-source-3", "test-person-2")]
    [InlineData("source=test-source-4", "test-unit")]
    [InlineData("kind=organization&parent=test-agency&source=test-source-2", "test-office-a")]
    public async Task Entities_filter_by_kind_parent_and_source(string query, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await ListAsync(query)).IdSet());

    [Theory]
    [InlineData("name")]
    [InlineData("-name")]
    [InlineData("id")]
    [InlineData("-id")]
    [InlineData("-name,id")]
    public async Task Entities_sort_by_each_field_in_both_directions(string sort) =>
        Assert.Equal(ExpectedOrder(sort), (await ListAsync("sort=" + sort)).Ids());

    [Fact]
    public async Task Entities_default_to_name_order_with_equal_names_ordered_by_id()
    {
        var ids = (await ListAsync()).Ids();
        Assert.Equal(ExpectedOrder("name"), ids);
        Assert.Equal(ids.IndexOf("test-office-a") + 1, ids.IndexOf("test-office-b"));
    }

    List<string> ExpectedOrder(string sort)
    {
        using var connection = factory.OpenDatabase();
        var rows = connection.Query<(string Id, string Name)>("select id, name from entities");
        return Expect.Order(rows, r => r.Id, sort, field => field == "name" ? r => r.Name : throw new ArgumentException(field));
    }
}
