using System.Net;
using System.Text.Json;
using Dapper;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Resources;

/// <summary>GET /api/v1/statements and /api/v1/statements/{id}, over the bundled records and <see cref="TestRecords"/>.</summary>
public sealed class StatementsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.Seeded().CreateClient();

    Task<JsonElement> ListAsync(string query = "") =>
        client.GetJsonAsync("/api/v1/statements?limit=200" + (query.Length > 0 ? "&" + query : ""));

    async Task<JsonElement> ListedAsync(string id) => (await ListAsync()).Items().Single(s => s.Str("id") == id);

    [Fact]
    public async Task Statements_list_embeds_the_speaker_the_role_they_held_and_the_citations()
    {
        Expect.Json(new
        {
            id = "test-statement-001",
            speaker = Expect.Ref("test-person-1", "person", "Test Person One"),
            speakerRole = new
            {
                title = "Test Director", organization = Expect.Ref("test-agency", "organization", "Test Agency"),
                startedOn = "2024-01-01", endedOn = "2024-06-30",
            },
            text = "Test words one.", quoteType = "direct", saidOn = "2024-03-10", datePrecision = "day", channel = "press_conference",
            citations = new[]
            {
                Expect.Citation("test-source", "Test Dataset", "\"Test words one,\" said Test Person One.", charStart: 700, charEnd: 739, paragraph: 8),
            },
        }, await ListedAsync("test-statement-001"));

        Expect.Json(new
        {
            id = "test-statement-002",
            speaker = Expect.Ref("test-person-1", "person", "Test Person One"),
            speakerRole = new { title = "Test Adviser", organization = (object?)null, startedOn = "2024-07-01", endedOn = (string?)null },
            text = "Test words two.", quoteType = "paraphrase", saidOn = "2024-03-01", datePrecision = "month", channel = "interview",
            citations = new[] { Expect.Citation("test-source-2", "Test Report", "Test Person One said test words two.", page: 9) },
        }, await ListedAsync("test-statement-002"));

        Expect.Json(new
        {
            id = "test-statement-006",
            speaker = Expect.Ref("test-agency", "organization", "Test Agency"),
            speakerRole = (object?)null,
            text = "Test words six.", quoteType = "paraphrase", saidOn = "2024-03-31", datePrecision = "day", channel = "report",
            citations = new[]
            {
                Expect.Citation("test-source-2", "Test Report", "Test Agency reported test words six.", page: 10),
                Expect.Citation("test-source-4", "A Test Release", "test words six", paragraph: 3),
            },
        }, await ListedAsync("test-statement-006"));
    }

    [Fact]
    public async Task Statement_with_an_unknown_date_has_a_null_saidOn_and_unknown_precision()
    {
        var statement = await ListedAsync("test-statement-005");
        Assert.Equal(JsonValueKind.Null, statement.GetProperty("saidOn").ValueKind);
        Assert.Equal("unknown", statement.Str("datePrecision"));
        Assert.Equal("Test Spokesperson", statement.GetProperty("speakerRole").Str("title"));
    }

    [Fact]
    public async Task Statement_by_id_is_the_same_record_as_in_the_list()
    {
        var statements = (await ListAsync()).Items().ToList();
        Assert.True(statements.Count >= 12, $"only {statements.Count} statements listed");
        foreach (var statement in statements)
            Assert.Equal(statement.GetRawText(), (await client.GetJsonAsync("/api/v1/statements/" + statement.Str("id"))).GetRawText());
    }

    [Fact]
    public async Task Statement_with_a_missing_id_is_a_404_problem()
    {
        var problem = await client.GetProblemAsync("/api/v1/statements/test-statement-999", HttpStatusCode.NotFound);
        Assert.Contains("test-statement-999", problem.Str("detail"));
    }

    [Theory]
    [InlineData("speaker=test-person-1", "test-statement-001", "test-statement-002")]
    [InlineData("speaker=test-person-2", "test-statement-004", "test-statement-005")]
    [InlineData("speaker=test-agency", "test-statement-003", "test-statement-006")]
    [InlineData("speaker=test-office-a")]
    [InlineData("quoteType=direct", "ice-statement-on-organizational-realignments", "tom-homan-on-agents",
        "test-statement-001", "test-statement-003", "test-statement-005")]
    [InlineData("quoteType=paraphrase", "ice-announces-genalo-retirement", "dhs-reports-first-100-days-figures",
        "stephen-miller-on-daily-goal", "kristi-noem-confirms-arrest", "test-statement-002", "test-statement-004", "test-statement-006")]
    [InlineData("source=test-source", "test-statement-001", "test-statement-003", "test-statement-005")]
    [InlineData("source=test-source-2", "test-statement-002", "test-statement-006")]
    [InlineData("source=test-source-4", "test-statement-006")]
    [InlineData("speaker=test-person-2&quoteType=direct&source=test-source", "test-statement-005")]
    public async Task Statements_filter_by_speaker_quote_type_and_source(string query, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await ListAsync(query)).IdSet());

    [Theory]
    [InlineData("from=2024-03-01&to=2024-03-10", "test-statement-001", "test-statement-002", "test-statement-003")] // both ends inclusive
    [InlineData("from=2024-03-10&to=2024-03-10", "test-statement-001", "test-statement-003")]
    [InlineData("from=2024-03-11&to=2024-03-30")]
    [InlineData("from=2024-03-10", "test-statement-001", "test-statement-003", "test-statement-006")]
    [InlineData("from=2024-03-31", "test-statement-006")]
    [InlineData("to=2024-03-01", "test-statement-002", "test-statement-004")]
    [InlineData("to=2024-02-29", "test-statement-004")]
    [InlineData("from=2024-03-02&to=2024-03-31", "test-statement-001", "test-statement-003", "test-statement-006")] // March 2024 counts as its first day
    [InlineData("from=2024-01-01&to=2024-01-01", "test-statement-004")] // 2024 counts as its first day
    [InlineData("from=2024-01-02&to=2024-02-29")]
    public async Task Statements_filter_by_the_day_they_were_said_inclusively(string query, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await ListAsync(query)).IdSet());

    [Theory]
    [InlineData("from=0001-01-01")]
    [InlineData("to=9999-12-31")]
    public async Task Statements_with_an_unknown_date_never_match_a_date_filter(string query)
    {
        string[] dated = ["test-statement-001", "test-statement-002", "test-statement-003", "test-statement-004", "test-statement-006"];
        Assert.Equal(dated, (await ListAsync(query)).IdSet());
    }

    [Theory]
    [InlineData("saidOn")]
    [InlineData("-saidOn")]
    [InlineData("id")]
    [InlineData("-id")]
    [InlineData("-saidOn,id")]
    public async Task Statements_sort_by_each_field_in_both_directions(string sort) =>
        Assert.Equal(ExpectedOrder(sort), (await ListAsync("sort=" + sort)).Ids());

    [Fact]
    public async Task Statements_default_to_newest_first_with_unknown_dates_last()
    {
        var ids = (await ListAsync()).Ids();
        Assert.Equal(ExpectedOrder("-saidOn"), ids);
        // Dated ones first, newest first (a tie ordered by id, descending too); then the undated ones.
        Assert.Equal(["test-statement-006", "test-statement-003", "test-statement-001", "test-statement-002", "test-statement-004"], ids[..5]);
        Assert.Contains("test-statement-005", ids[5..]);
    }

    List<string> ExpectedOrder(string sort)
    {
        using var connection = factory.OpenDatabase();
        var rows = connection.Query<(string Id, string? SaidOn)>("select id, said_on from statements");
        return Expect.Order(rows, r => r.Id, sort, field => field == "saidOn" ? r => r.SaidOn : throw new ArgumentException(field));
    }
}
