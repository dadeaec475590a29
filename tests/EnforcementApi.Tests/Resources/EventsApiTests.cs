using System.Net;
using System.Text.Json;
using Dapper;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Resources;

/// <summary>GET /api/v1/events and /api/v1/events/{id}, over the bundled records and <see cref="TestRecords"/>.</summary>
public sealed class EventsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.Seeded().CreateClient();

    Task<JsonElement> ListAsync(string query = "") =>
        client.GetJsonAsync("/api/v1/events?limit=200" + (query.Length > 0 ? "&" + query : ""));

    async Task<JsonElement> ListedAsync(string id) => (await ListAsync()).Items().Single(e => e.Str("id") == id);

    static object Participant(string id, string kind, string name, string role) => new { entity = Expect.Ref(id, kind, name), role };

    [Fact]
    public async Task Events_list_embeds_participants_and_citations()
    {
        Expect.Json(new
        {
            id = "test-event-001", kind = "announcement", title = "Test announcement", summary = "A synthetic announcement.",
            occurredOn = "2024-03-10", datePrecision = "day",
            participants = new[]
            {
                Participant("test-agency", "organization", "Test Agency", "announcer"),
                Participant("test-agency", "organization", "Test Agency", "initiator"),
                Participant("test-person-1", "person", "Test Person One", "subject"),
            },
            citations = new[]
            {
                Expect.Citation("test-source", "Test Dataset", "Test Agency announced a test.", charStart: 100, charEnd: 129, paragraph: 3),
            },
        }, await ListedAsync("test-event-001"));

        Expect.Json(new
        {
            id = "test-event-006", kind = "legal_action", title = "Test legal action", summary = "A synthetic legal action.",
            occurredOn = "2024-03-31", datePrecision = "day",
            participants = new[]
            {
                Participant("test-agency", "organization", "Test Agency", "initiator"),
                Participant("test-office-b", "organization", "Test Office", "affected"),
            },
            citations = new[]
            {
                Expect.Citation("test-source-2", "Test Report", "A test case was filed.", page: 6, paragraph: 1),
                Expect.Citation("test-source-4", "A Test Release", "The test case was filed on 31 March.", charStart: 10, charEnd: 46),
            },
        }, await ListedAsync("test-event-006"));
    }

    [Theory]
    [InlineData("test-event-002", "2024-03-01", "month")]
    [InlineData("test-event-004", "2024-01-01", "year")]
    [InlineData("test-event-005", null, "unknown")]
    public async Task Events_give_a_month_or_year_date_as_its_first_day_and_an_unknown_date_as_null(
        string id, string? occurredOn, string precision)
    {
        var e = await ListedAsync(id);
        Assert.Equal(occurredOn, e.Str("occurredOn"));
        Assert.Equal(precision, e.Str("datePrecision"));
    }

    [Fact]
    public async Task Event_by_id_is_the_same_record_as_in_the_list()
    {
        var events = (await ListAsync()).Items().ToList();
        Assert.True(events.Count >= 10, $"only {events.Count} events listed");
        foreach (var e in events)
            Assert.Equal(e.GetRawText(), (await client.GetJsonAsync("/api/v1/events/" + e.Str("id"))).GetRawText());
    }

    [Fact]
    public async Task Event_with_a_missing_id_is_a_404_problem()
    {
        var problem = await client.GetProblemAsync("/api/v1/events/test-event-999", HttpStatusCode.NotFound);
        Assert.Contains("test-event-999", problem.Str("detail"));
    }

    [Theory]
    [InlineData("kind=announcement", "test-event-001", "test-event-005")]
    [InlineData("kind=policy_change", "test-event-002")]
    [InlineData("kind=arrest", "arrest-of-person-who-threatened-the-president")]
    [InlineData("kind=other", "test-event-004")]
    [InlineData("participant=test-agency", "test-event-001", "test-event-002", "test-event-006")] // once, though in two roles in 001
    [InlineData("participant=test-person-1", "test-event-001", "test-event-005")]
    [InlineData("participant=test-unit", "test-event-004")]
    [InlineData("participant=test-person-2", "test-event-003")]
    [InlineData("participant=test-office-b", "test-event-006")]
    [InlineData("participant=white-house")]
    [InlineData("source=test-source", "test-event-001", "test-event-003", "test-event-005")]
    [InlineData("source=test-source-2", "test-event-002", "test-event-006")]
    [InlineData("source=test-source-4", "test-event-006")]
    [InlineData("kind=announcement&participant=test-person-1&source=test-source&from=2024-01-01", "test-event-001")]
    public async Task Events_filter_by_kind_participant_and_source(string query, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await ListAsync(query)).IdSet());

    [Theory]
    [InlineData("from=2024-03-01&to=2024-03-10", "test-event-001", "test-event-002", "test-event-003")] // both ends inclusive
    [InlineData("from=2024-03-10&to=2024-03-10", "test-event-001", "test-event-003")]
    [InlineData("from=2024-03-11&to=2024-03-30")]
    [InlineData("from=2024-03-10", "test-event-001", "test-event-003", "test-event-006")]
    [InlineData("from=2024-03-31", "test-event-006")]
    [InlineData("to=2024-03-01", "test-event-002", "test-event-004")]
    [InlineData("to=2024-02-29", "test-event-004")]
    [InlineData("from=2024-03-02&to=2024-03-31", "test-event-001", "test-event-003", "test-event-006")] // March 2024 counts as its first day
    [InlineData("from=2024-01-01&to=2024-01-01", "test-event-004")] // 2024 counts as its first day
    [InlineData("from=2024-01-02&to=2024-02-29")]
    public async Task Events_filter_by_the_day_they_occurred_inclusively(string query, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await ListAsync(query)).IdSet());

    [Theory]
    [InlineData("from=0001-01-01")]
    [InlineData("to=9999-12-31")]
    public async Task Events_with_an_unknown_date_never_match_a_date_filter(string query)
    {
        string[] dated = ["test-event-001", "test-event-002", "test-event-003", "test-event-004", "test-event-006"];
        Assert.Equal(dated, (await ListAsync(query)).IdSet());
    }

    [Theory]
    [InlineData("occurredOn")]
    [InlineData("-occurredOn")]
    [InlineData("id")]
    [InlineData("-id")]
    [InlineData("occurredOn,-id")]
    public async Task Events_sort_by_each_field_in_both_directions(string sort) =>
        Assert.Equal(ExpectedOrder(sort), (await ListAsync("sort=" + sort)).Ids());

    [Fact]
    public async Task Events_default_to_newest_first_with_unknown_dates_last()
    {
        var ids = (await ListAsync()).Ids();
        Assert.Equal(ExpectedOrder("-occurredOn"), ids);
        Assert.Equal(["test-event-006", "test-event-003", "test-event-001", "test-event-002", "test-event-004"], ids[..5]);
    }

    [Fact]
    public async Task Events_with_an_unknown_date_come_first_in_ascending_order()
    {
        var ids = (await ListAsync("sort=occurredOn")).Ids();
        Assert.Equal(ExpectedOrder("occurredOn"), ids);
        Assert.Equal(["test-event-004", "test-event-002", "test-event-001", "test-event-003", "test-event-006"], ids[^5..]);
    }

    List<string> ExpectedOrder(string sort)
    {
        using var connection = factory.OpenDatabase();
        var rows = connection.Query<(string Id, string? OccurredOn)>("select id, occurred_on from events");
        return Expect.Order(rows, r => r.Id, sort, field => field == "occurredOn" ? r => r.OccurredOn : throw new ArgumentException(field));
    }
}
