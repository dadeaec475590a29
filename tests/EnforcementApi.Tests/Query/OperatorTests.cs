using System.Globalization;
using System.Net;
using System.Text.Json;
using Dapper;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Query;

/// <summary>
/// Filter operators on every list: <c>value</c>, <c>ne:value</c> and <c>in:a,b,c</c> for enum and id filters;
/// <c>eq</c>, <c>ne</c>, <c>gt</c>, <c>gte</c>, <c>lt</c>, <c>lte</c> for numbers and dates, repeatable for a range;
/// unknown dates never match; every malformed value is a 400 that names its parameter.
/// </summary>
public sealed class OperatorTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.Seeded().CreateClient();

    Task<JsonElement> ListAsync(string list, string query) => client.GetJsonAsync($"/api/v1/{list}?limit=200&{query}");

    async Task AssertMatches(string list, string query, string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await ListAsync(list, query)).IdSet());

    const string Arrests = "dhs-arrests-first-100-days";
    const string Removals = "dhs-removals-first-100-days";
    const string DailyTarget = "removals-daily-target";

    // ---- Numbers: figures value (158000, 65600, 5000, 3000 ×2, 1200 ×3, 800, 450.5) ----

    [Theory]
    [InlineData("value=1200", "test-figure-001", "test-figure-002", "test-figure-007")]
    [InlineData("value=eq:1200", "test-figure-001", "test-figure-002", "test-figure-007")]
    [InlineData("value=eq:1200.00", "test-figure-001", "test-figure-002", "test-figure-007")]
    [InlineData("value=ne:1200", Arrests, Removals, DailyTarget, "test-figure-003", "test-figure-004", "test-figure-005", "test-figure-006")]
    [InlineData("value=gt:1200", Arrests, Removals, DailyTarget, "test-figure-004", "test-figure-005")]
    [InlineData("value=gte:1200", Arrests, Removals, DailyTarget, "test-figure-001", "test-figure-002", "test-figure-004", "test-figure-005", "test-figure-007")]
    [InlineData("value=lt:1200", "test-figure-003", "test-figure-006")]
    [InlineData("value=lte:1200", "test-figure-001", "test-figure-002", "test-figure-003", "test-figure-006", "test-figure-007")]
    [InlineData("value=eq:450.5", "test-figure-006")]
    [InlineData("value=gt:450.5", Arrests, Removals, DailyTarget, "test-figure-001", "test-figure-002", "test-figure-003", "test-figure-004", "test-figure-005", "test-figure-007")]
    [InlineData("value=gte:450.5", Arrests, Removals, DailyTarget, "test-figure-001", "test-figure-002", "test-figure-003", "test-figure-004", "test-figure-005", "test-figure-006", "test-figure-007")]
    [InlineData("value=lt:450.5")]
    [InlineData("value=lte:450.5", "test-figure-006")]
    [InlineData("value=gt:158000")]
    [InlineData("value=gte:158000", Arrests)]
    [InlineData("value=gt:-1", Arrests, Removals, DailyTarget, "test-figure-001", "test-figure-002", "test-figure-003", "test-figure-004", "test-figure-005", "test-figure-006", "test-figure-007")]
    [InlineData("value=0")]
    public async Task Figures_value_compares_with_each_operator_inclusive_or_exclusive_at_the_boundary(string query, params string[] expected) =>
        await AssertMatches("figures", query, expected);

    [Theory]
    [InlineData("value=gte:1200&value=lt:5000", DailyTarget, "test-figure-001", "test-figure-002", "test-figure-005", "test-figure-007")]
    [InlineData("value=lt:5000&value=gte:1200", DailyTarget, "test-figure-001", "test-figure-002", "test-figure-005", "test-figure-007")]
    [InlineData("value=gt:1200&value=lte:5000", DailyTarget, "test-figure-004", "test-figure-005")]
    [InlineData("value=gte:800&value=lte:800", "test-figure-003")]
    [InlineData("value=gt:800&value=lt:1200")]
    [InlineData("value=gte:5000&value=lte:1200")]
    [InlineData("value=ne:1200&value=ne:3000", Arrests, Removals, "test-figure-003", "test-figure-004", "test-figure-006")]
    [InlineData("value=gte:1000&value=lt:100000&value=ne:3000", Removals, "test-figure-001", "test-figure-002", "test-figure-004", "test-figure-007")]
    public async Task Figures_value_gte_and_lt_together_select_a_half_open_range(string query, params string[] expected) =>
        await AssertMatches("figures", query, expected);

    // ---- Dates: figures periodStart and periodEnd (two figures have no period) ----

    [Theory]
    [InlineData("periodStart=2024-01-01", "test-figure-001", "test-figure-007")]
    [InlineData("periodStart=eq:2024-01-01", "test-figure-001", "test-figure-007")]
    [InlineData("periodStart=ne:2024-01-01", Arrests, Removals, "test-figure-002", "test-figure-003", "test-figure-004", "test-figure-006")]
    [InlineData("periodStart=gt:2024-02-01", Arrests, Removals, "test-figure-004", "test-figure-006")]
    [InlineData("periodStart=gte:2024-02-01", Arrests, Removals, "test-figure-002", "test-figure-004", "test-figure-006")]
    [InlineData("periodStart=lt:2024-01-15", "test-figure-001", "test-figure-007")]
    [InlineData("periodStart=lte:2024-01-15", "test-figure-001", "test-figure-003", "test-figure-007")]
    [InlineData("periodStart=gte:2024-01-15&periodStart=lt:2024-03-01", "test-figure-002", "test-figure-003", "test-figure-006")]
    [InlineData("periodStart=gt:2025-01-20")]
    [InlineData("periodStart=gte:2025-01-20", Arrests, Removals)]
    public async Task Figures_period_start_compares_with_each_operator_inclusive_or_exclusive_at_the_boundary(string query, params string[] expected) =>
        await AssertMatches("figures", query, expected);

    [Theory]
    [InlineData("periodEnd=2024-02-29", "test-figure-002", "test-figure-006")]
    [InlineData("periodEnd=ne:2024-02-29", Arrests, Removals, "test-figure-001", "test-figure-003", "test-figure-004", "test-figure-007")]
    [InlineData("periodEnd=gt:2024-02-29", Arrests, Removals, "test-figure-003", "test-figure-004")]
    [InlineData("periodEnd=gte:2024-02-29", Arrests, Removals, "test-figure-002", "test-figure-003", "test-figure-004", "test-figure-006")]
    [InlineData("periodEnd=lt:2024-02-29", "test-figure-001", "test-figure-007")]
    [InlineData("periodEnd=lte:2024-02-29", "test-figure-001", "test-figure-002", "test-figure-006", "test-figure-007")]
    [InlineData("periodEnd=gt:2024-01-31&periodEnd=lte:2024-03-15", "test-figure-002", "test-figure-003", "test-figure-006")]
    [InlineData("periodStart=gte:2024-01-01&periodEnd=lte:2024-01-31", "test-figure-001", "test-figure-007")]
    [InlineData("periodEnd=lt:2024-01-31")]
    public async Task Figures_period_end_compares_with_each_operator_inclusive_or_exclusive_at_the_boundary(string query, params string[] expected) =>
        await AssertMatches("figures", query, expected);

    // ---- Dates: statements saidOn and events occurredOn (the same days: 03-10 ×2, 03-01, 01-01, 03-31, unknown) ----

    [Theory]
    [InlineData("saidOn=2024-03-10", "001", "003")]
    [InlineData("saidOn=eq:2024-03-10", "001", "003")]
    [InlineData("saidOn=ne:2024-03-10", "002", "004", "006")]
    [InlineData("saidOn=gt:2024-03-01", "001", "003", "006")]
    [InlineData("saidOn=gte:2024-03-01", "001", "002", "003", "006")]
    [InlineData("saidOn=lt:2024-03-10", "002", "004")]
    [InlineData("saidOn=lte:2024-03-10", "001", "002", "003", "004")]
    [InlineData("saidOn=gte:2024-03-01&saidOn=lt:2024-03-31", "001", "002", "003")]
    [InlineData("saidOn=gt:2024-03-01&saidOn=lte:2024-03-31", "001", "003", "006")]
    [InlineData("saidOn=gt:2024-03-31")]
    public async Task Statements_said_on_compares_with_each_operator_inclusive_or_exclusive_at_the_boundary(string query, params string[] expected) =>
        await AssertMatches("statements", query, expected.Select(n => "test-statement-" + n).ToArray());

    [Theory]
    [InlineData("occurredOn=2024-03-10", "001", "003")]
    [InlineData("occurredOn=eq:2024-03-10", "001", "003")]
    [InlineData("occurredOn=ne:2024-03-10", "002", "004", "006")]
    [InlineData("occurredOn=gt:2024-03-01", "001", "003", "006")]
    [InlineData("occurredOn=gte:2024-03-01", "001", "002", "003", "006")]
    [InlineData("occurredOn=lt:2024-03-10", "002", "004")]
    [InlineData("occurredOn=lte:2024-03-10", "001", "002", "003", "004")]
    [InlineData("occurredOn=gte:2024-03-01&occurredOn=lt:2024-03-31", "001", "002", "003")]
    [InlineData("occurredOn=gt:2024-01-01&occurredOn=lt:2024-03-10", "002")]
    [InlineData("occurredOn=lt:2024-01-01")]
    public async Task Events_occurred_on_compares_with_each_operator_inclusive_or_exclusive_at_the_boundary(string query, params string[] expected) =>
        await AssertMatches("events", query, expected.Select(n => "test-event-" + n).ToArray());

    // ---- Dates: sources publishedOn (2024-03-15 ×2, 2023-12-01, two unknown) ----

    [Theory]
    [InlineData("publishedOn=2024-03-15", "test-source", "test-source-2")]
    [InlineData("publishedOn=eq:2024-03-15", "test-source", "test-source-2")]
    [InlineData("publishedOn=ne:2024-03-15", "test-source-4")]
    [InlineData("publishedOn=gt:2023-12-01", "test-source", "test-source-2")]
    [InlineData("publishedOn=gte:2023-12-01", "test-source", "test-source-2", "test-source-4")]
    [InlineData("publishedOn=lt:2024-03-15", "test-source-4")]
    [InlineData("publishedOn=lte:2024-03-15", "test-source", "test-source-2", "test-source-4")]
    [InlineData("publishedOn=gt:2023-12-01&publishedOn=lt:2024-03-15")]
    [InlineData("publishedOn=gte:2023-12-01&publishedOn=lt:2024-03-15", "test-source-4")]
    [InlineData("publishedOn=gt:2024-03-15")]
    public async Task Sources_published_on_compares_with_each_operator_inclusive_or_exclusive_at_the_boundary(string query, params string[] expected) =>
        await AssertMatches("sources", query, expected);

    // ---- Unknown dates ----

    public static TheoryData<string, string> UnknownDateComparisons
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (list, name) in new[] { ("figures", "periodStart"), ("figures", "periodEnd"), ("statements", "saidOn"), ("events", "occurredOn"), ("sources", "publishedOn") })
                foreach (var op in new[] { "ne:1900-01-01", "lt:9999-12-31", "lte:9999-12-31", "gt:0001-01-01", "gte:0001-01-01", "ne:0001-01-01" })
                    data.Add(list, name + "=" + op);
            return data;
        }
    }

    [Theory, MemberData(nameof(UnknownDateComparisons))]
    public async Task Records_with_an_unknown_date_never_match_a_date_comparison(string list, string query)
    {
        var rows = Oracle.Load(factory, list);
        var field = query[..query.IndexOf('=')];
        var dated = rows.Where(r => r.Scalars[field] is not null).Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
        Assert.True(dated.Count > 0 && dated.Count < rows.Count, $"{list} needs dated and undated records");
        Assert.Equal(dated, (await ListAsync(list, query)).IdSet());
    }

    // ---- Every operator at every stored value, worked out from the rows ----

    public static TheoryData<string, string> Comparables => new()
    {
        { "figures", "value" }, { "figures", "periodStart" }, { "figures", "periodEnd" },
        { "statements", "saidOn" }, { "events", "occurredOn" }, { "sources", "publishedOn" },
    };

    static readonly string[] ComparisonOps = ["", "eq:", "ne:", "gt:", "gte:", "lt:", "lte:"];

    /// <summary>Each stored value of a field, and one below and one above them all.</summary>
    static List<string> Probes(List<Row> rows, string field)
    {
        var known = rows.Select(r => r.Scalars[field]).Where(v => v is not null).Distinct().ToList();
        if (known[0] is double)
        {
            var numbers = known.Cast<double>().Order().ToList();
            return numbers.Prepend(numbers[0] - 0.5).Append(numbers[^1] + 1)
                .Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList();
        }
        var dates = known.Cast<string>().Order(StringComparer.Ordinal).ToList();
        static string Shift(string date, int days) =>
            DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return dates.Prepend(Shift(dates[0], -1)).Append(Shift(dates[^1], 1)).ToList();
    }

    [Theory, MemberData(nameof(Comparables))]
    public async Task Each_operator_at_each_stored_value_matches_what_the_rows_say(string list, string field)
    {
        var rows = Oracle.Load(factory, list);
        var probes = Probes(rows, field);
        Assert.True(probes.Count >= 4, $"{list}.{field} has too few values to compare");
        foreach (var probe in probes)
            foreach (var op in ComparisonOps)
            {
                var query = field + "=" + op + probe;
                var expected = Oracle.MatchingIds(rows, query);
                var actual = (await ListAsync(list, query)).IdSet();
                Assert.True(expected.SequenceEqual(actual),
                    $"GET /api/v1/{list}?{query}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
            }
    }

    [Theory, MemberData(nameof(Comparables))]
    public async Task Each_range_of_two_comparisons_matches_what_the_rows_say(string list, string field)
    {
        var rows = Oracle.Load(factory, list);
        var probes = Probes(rows, field);
        foreach (var low in probes)
            foreach (var high in probes)
                foreach (var lowOp in new[] { "gt:", "gte:" })
                    foreach (var highOp in new[] { "lt:", "lte:" })
                    {
                        var query = $"{field}={lowOp}{low}&{field}={highOp}{high}";
                        var expected = Oracle.MatchingIds(rows, query);
                        var actual = (await ListAsync(list, query)).IdSet();
                        Assert.True(expected.SequenceEqual(actual),
                            $"GET /api/v1/{list}?{query}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
                    }
    }

    // ---- Enum and id filters: eq, ne, in ----

    [Theory]
    [InlineData("metric=ne:book_ins", Arrests, Removals, DailyTarget, "test-figure-003", "test-figure-005", "test-figure-006", "test-figure-007")]
    [InlineData("metric=in:removals,encounters", Removals, DailyTarget, "test-figure-005", "test-figure-007")]
    [InlineData("metric=in:returns,expulsions")]
    [InlineData("metric=eq:detained_population", "test-figure-003", "test-figure-006")]
    [InlineData("kind=ne:actual", DailyTarget, "test-figure-003", "test-figure-004", "test-figure-005", "test-figure-007")]
    [InlineData("kind=in:estimate,projection", "test-figure-003", "test-figure-004", "test-figure-007")]
    [InlineData("kind=eq:target", DailyTarget, "test-figure-005")]
    [InlineData("reportedBy=ne:test-agency", Arrests, Removals, DailyTarget, "test-figure-003", "test-figure-005", "test-figure-006")]
    [InlineData("reportedBy=in:dhs,test-office-a", Arrests, Removals, "test-figure-003", "test-figure-006")]
    [InlineData("reportedBy=ne:test-unit", Arrests, Removals, DailyTarget, "test-figure-001", "test-figure-002", "test-figure-003", "test-figure-004", "test-figure-005", "test-figure-006", "test-figure-007")]
    [InlineData("source=ne:test-source", Arrests, Removals, DailyTarget, "test-figure-003", "test-figure-004", "test-figure-005", "test-figure-007")] // 006 is also in test-source-3
    [InlineData("source=in:test-source-3,test-source-4", "test-figure-004", "test-figure-006", "test-figure-007")]
    [InlineData("kind=ne:actual&metric=in:book_ins,removals&reportedBy=ne:stephen-miller", "test-figure-004", "test-figure-005")]
    public async Task Figures_enum_and_id_filters_take_ne_and_in(string query, params string[] expected) =>
        await AssertMatches("figures", query, expected);

    [Theory]
    [InlineData("speaker=ne:ice", "dhs-reports-first-100-days-figures", "stephen-miller-on-daily-goal", "tom-homan-on-agents", "kristi-noem-confirms-arrest",
        "test-statement-001", "test-statement-002", "test-statement-003", "test-statement-004", "test-statement-005", "test-statement-006")]
    [InlineData("speaker=in:test-person-1,test-person-2", "test-statement-001", "test-statement-002", "test-statement-004", "test-statement-005")]
    [InlineData("quoteType=ne:direct", "ice-announces-genalo-retirement", "dhs-reports-first-100-days-figures", "stephen-miller-on-daily-goal", "kristi-noem-confirms-arrest",
        "test-statement-002", "test-statement-004", "test-statement-006")]
    [InlineData("quoteType=in:direct", "ice-statement-on-organizational-realignments", "tom-homan-on-agents", "test-statement-001", "test-statement-003", "test-statement-005")]
    [InlineData("source=ne:article-ice-leadership-shakeup", "test-statement-001", "test-statement-002", "test-statement-003", "test-statement-004", "test-statement-005", "test-statement-006")]
    [InlineData("source=in:test-source-2,test-source-4", "test-statement-002", "test-statement-006")]
    [InlineData("source=ne:test-source-2&speaker=in:test-agency,test-person-1", "test-statement-001", "test-statement-003")]
    public async Task Statements_enum_and_id_filters_take_ne_and_in(string query, params string[] expected) =>
        await AssertMatches("statements", query, expected);

    [Theory]
    [InlineData("kind=ne:leadership_change", "arrest-of-person-who-threatened-the-president",
        "test-event-001", "test-event-002", "test-event-003", "test-event-004", "test-event-005", "test-event-006")]
    [InlineData("kind=in:announcement,other", "test-event-001", "test-event-004", "test-event-005")]
    [InlineData("participant=ne:test-agency", "ice-leadership-realignment", "ken-genalo-retirement", "robert-hammer-reassignment",
        "arrest-of-person-who-threatened-the-president", "test-event-003", "test-event-004", "test-event-005")]
    [InlineData("participant=in:ice,test-person-1", "ice-leadership-realignment", "ken-genalo-retirement", "robert-hammer-reassignment",
        "arrest-of-person-who-threatened-the-president", "test-event-001", "test-event-005")]
    [InlineData("source=ne:test-source", "ice-leadership-realignment", "ken-genalo-retirement", "robert-hammer-reassignment",
        "arrest-of-person-who-threatened-the-president", "test-event-002", "test-event-004", "test-event-006")]
    [InlineData("source=in:test-source-3,test-source-4", "test-event-004", "test-event-006")]
    public async Task Events_enum_and_id_filters_take_ne_and_in(string query, params string[] expected) =>
        await AssertMatches("events", query, expected);

    [Theory]
    [InlineData("kind=ne:person", "white-house", "dhs", "ice", "hsi", "opla", "ice-management-and-administration",
        "test-agency", "test-office-a", "test-office-b", "test-unit")]
    [InlineData("kind=in:person", "donald-trump", "stephen-miller", "tom-homan", "kristi-noem", "ken-genalo", "robert-hammer",
        "test-person-1", "test-person-2")]
    [InlineData("parent=in:ice,test-agency", "hsi", "opla", "ice-management-and-administration", "test-office-a", "test-office-b")]
    // ne keeps the top-level entities, which have no parent at all.
    [InlineData("parent=ne:ice", "white-house", "dhs", "ice", "donald-trump", "stephen-miller", "tom-homan", "kristi-noem", "ken-genalo",
        "robert-hammer", "test-agency", "test-office-a", "test-office-b", "test-unit", "test-person-1", "test-person-2")]
    [InlineData("source=ne:test-source", "white-house", "dhs", "ice", "hsi", "opla", "ice-management-and-administration", "donald-trump",
        "stephen-miller", "tom-homan", "kristi-noem", "ken-genalo", "robert-hammer", "test-office-b", "test-unit", "test-person-1", "test-person-2")]
    [InlineData("source=in:test-source-2,test-source-3", "test-office-a", "test-person-1", "test-person-2")]
    public async Task Entities_enum_and_id_filters_take_ne_and_in(string query, params string[] expected) =>
        await AssertMatches("entities", query, expected);

    [Theory]
    [InlineData("kind=ne:dataset", "article-ice-leadership-shakeup", "test-source-2", "test-source-4")]
    [InlineData("kind=in:dataset,report", "test-source", "test-source-2", "test-source-3")]
    [InlineData("kind=in:court_filing,broadcast")]
    [InlineData("source=ne:test-source", "article-ice-leadership-shakeup", "test-source-2", "test-source-3", "test-source-4")]
    [InlineData("source=in:test-source,test-source-4", "test-source", "test-source-4")]
    [InlineData("source=eq:test-source-3", "test-source-3")]
    public async Task Sources_enum_and_id_filters_take_ne_and_in(string query, params string[] expected) =>
        await AssertMatches("sources", query, expected);

    public static TheoryData<string, string, string> Memberships => new()
    {
        { "figures", "metric", "select id from metrics" },
        { "figures", "kind", "actual,target,estimate,projection" },
        { "figures", "reportedBy", "select id from entities" },
        { "figures", "source", "select id from sources" },
        { "statements", "speaker", "select id from entities" },
        { "statements", "quoteType", "direct,paraphrase" },
        { "statements", "source", "select id from sources" },
        { "events", "kind", "leadership_change,policy_change,enforcement_operation,arrest,legal_action,announcement,other" },
        { "events", "participant", "select id from entities" },
        { "events", "source", "select id from sources" },
        { "entities", "kind", "person,organization" },
        { "entities", "parent", "select id from entities" },
        { "entities", "source", "select id from sources" },
        { "sources", "kind", "news_article,government_release,official_statement,court_filing,dataset,report,broadcast,social_post" },
        { "sources", "source", "select id from sources" },
    };

    [Theory, MemberData(nameof(Memberships))]
    public async Task Each_enum_and_id_filter_with_eq_ne_and_in_matches_what_the_rows_say(string list, string parameter, string values)
    {
        List<string> all;
        if (values.StartsWith("select ", StringComparison.Ordinal))
        {
            using var connection = factory.OpenDatabase();
            all = connection.Query<string>(values + " order by id").ToList();
        }
        else
        {
            all = values.Split(',').ToList();
        }
        var rows = Oracle.Load(factory, list);

        var queries = new List<string>();
        foreach (var value in all)
            queries.AddRange([$"{parameter}={value}", $"{parameter}=eq:{value}", $"{parameter}=ne:{value}", $"{parameter}=in:{value}"]);
        for (var i = 0; i + 1 < all.Count; i++)
            queries.Add($"{parameter}=in:{all[i]},{all[i + 1]}");
        queries.Add($"{parameter}=in:{string.Join(',', all.Take(50))}");

        var sawNarrowing = false;
        foreach (var query in queries)
        {
            var expected = Oracle.MatchingIds(rows, query);
            sawNarrowing |= expected.Count > 0 && expected.Count < rows.Count;
            var actual = (await ListAsync(list, query)).IdSet();
            Assert.True(expected.SequenceEqual(actual),
                $"GET /api/v1/{list}?{query}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
        }
        Assert.True(sawNarrowing, $"no value of {list}.{parameter} narrows the list: the test proves nothing");
    }

    [Fact]
    public async Task In_takes_up_to_fifty_values_including_repeats()
    {
        var fifty = string.Join(',', Enumerable.Repeat("actual", 49).Append("projection"));
        await AssertMatches("figures", "kind=in:" + fifty,
            [Arrests, Removals, "test-figure-001", "test-figure-002", "test-figure-004", "test-figure-006"]);

        var fiftyIds = string.Join(',', Enumerable.Repeat("test-office-a", 49).Append("dhs"));
        await AssertMatches("figures", "reportedBy=in:" + fiftyIds, [Arrests, Removals, "test-figure-003", "test-figure-006"]);
    }

    // ---- Malformed values ----

    public static TheoryData<string, string> Malformed
    {
        get
        {
            var data = new TheoryData<string, string>();
            void Add(string url, string parameter) => data.Add(url, parameter);

            // Unknown operators.
            Add("figures?value=gtx:5", "value");
            Add("figures?value=GTE:5", "value");
            Add("figures?periodStart=after:2024-01-01", "periodStart");
            Add("figures?kind=gtx:actual", "kind");
            Add("statements?saidOn=between:2024-01-01", "saidOn");
            Add("sources?kind=is:dataset", "kind");
            // Operators the field does not take.
            Add("figures?kind=gt:actual", "kind");
            Add("figures?metric=lt:removals", "metric");
            Add("figures?reportedBy=gte:dhs", "reportedBy");
            Add("figures?source=lte:test-source", "source");
            Add("statements?speaker=gt:ice", "speaker");
            Add("statements?quoteType=lt:direct", "quoteType");
            Add("events?kind=gte:arrest", "kind");
            Add("events?participant=lt:ice", "participant");
            Add("entities?parent=gt:ice", "parent");
            Add("entities?kind=lte:person", "kind");
            Add("sources?source=gt:test-source", "source");
            Add("figures?value=in:1,2", "value");
            Add("figures?periodEnd=in:2024-01-31,2024-02-29", "periodEnd");
            Add("events?occurredOn=in:2024-03-10", "occurredOn");
            Add("sources?publishedOn=in:2024-03-15", "publishedOn");
            // in: with an empty element, or too many values.
            Add("figures?kind=in:actual,,target", "kind");
            Add("figures?kind=in:", "kind");
            Add("figures?kind=in:actual,", "kind");
            Add("figures?reportedBy=in:,dhs", "reportedBy");
            Add("events?participant=in:ice,,dhs", "participant");
            Add("entities?source=in:", "source");
            Add("figures?kind=in:" + string.Join(',', Enumerable.Repeat("actual", 51)), "kind");
            Add("figures?reportedBy=in:" + string.Join(',', Enumerable.Repeat("dhs", 51)), "reportedBy");
            Add("sources?source=in:" + string.Join(',', Enumerable.Repeat("test-source", 51)), "source");
            // Not a number.
            Add("figures?value=abc", "value");
            Add("figures?value=1e5", "value");
            Add("figures?value=NaN", "value");
            Add("figures?value=Infinity", "value");
            Add("figures?value=", "value");
            Add("figures?value=gte:", "value");
            Add("figures?value=1,200", "value");
            Add("figures?value=0x10", "value");
            Add("figures?value=%201200", "value");
            Add("figures?value=gte:1200&value=lt:abc", "value");
            // Not a date.
            Add("figures?periodStart=2024-13-01", "periodStart");
            Add("figures?periodStart=2024-02-30", "periodStart");
            Add("figures?periodEnd=2024-2-1", "periodEnd");
            Add("figures?periodEnd=gte:20240101", "periodEnd");
            Add("statements?saidOn=lt:yesterday", "saidOn");
            Add("statements?saidOn=", "saidOn");
            Add("events?occurredOn=2024-03-10T00:00:00", "occurredOn");
            Add("events?occurredOn=gte:2024-03-01&occurredOn=lt:2024/03/31", "occurredOn");
            Add("sources?publishedOn=gte:", "publishedOn");
            Add("sources?publishedOn=15-03-2024", "publishedOn");
            // Unknown enum values, alone or inside in:.
            Add("figures?kind=in:actual,bogus", "kind");
            Add("figures?kind=ne:Actual", "kind");
            Add("figures?kind=", "kind");
            Add("statements?quoteType=in:direct,indirect", "quoteType");
            Add("events?kind=in:arrest,riot", "kind");
            Add("entities?kind=ne:robot", "kind");
            Add("sources?kind=in:dataset,blog", "kind");
            // Unknown or malformed ids, alone or inside in:.
            Add("figures?metric=in:removals,nope", "metric");
            Add("figures?metric=ne:nope", "metric");
            Add("figures?reportedBy=in:dhs,test-nobody", "reportedBy");
            Add("figures?reportedBy=ne:test-nobody", "reportedBy");
            Add("figures?reportedBy=DHS", "reportedBy");
            Add("figures?reportedBy=", "reportedBy");
            Add("figures?source=in:test-source,test-missing", "source");
            Add("statements?speaker=in:ice,test-nobody", "speaker");
            Add("statements?source=ne:test-missing", "source");
            Add("events?participant=in:test-nobody", "participant");
            Add("events?source=in:test-source,test-missing", "source");
            Add("entities?parent=in:ice,test-nobody", "parent");
            Add("entities?source=in:test-missing", "source");
            Add("sources?source=in:test-source,test-missing", "source");
            Add("sources?source=ne:", "source");
            return data;
        }
    }

    [Theory, MemberData(nameof(Malformed))]
    public async Task A_malformed_filter_value_is_a_400_naming_the_parameter(string url, string parameter) =>
        await client.GetBadRequestAsync("/api/v1/" + url, parameter);

    [Fact]
    public async Task An_unknown_id_inside_in_is_named_in_the_problem()
    {
        var problem = await client.GetBadRequestAsync("/api/v1/figures?reportedBy=in:dhs,test-nobody,test-office-a", "reportedBy");
        var message = string.Join(" ", problem.GetProperty("errors").GetProperty("reportedBy").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("test-nobody", message);
        Assert.DoesNotContain("'dhs'", message);
    }

    [Theory]
    [InlineData("figures?kind=actual&kind=target", "kind")]
    [InlineData("figures?kind=actual&kind=actual", "kind")]
    [InlineData("figures?metric=removals&metric=arrests", "metric")]
    [InlineData("figures?reportedBy=dhs&reportedBy=ne:ice", "reportedBy")]
    [InlineData("figures?source=test-source&source=test-source-2", "source")]
    [InlineData("statements?speaker=ice&speaker=dhs", "speaker")]
    [InlineData("statements?quoteType=direct&quoteType=paraphrase", "quoteType")]
    [InlineData("statements?source=in:test-source&source=test-source-2", "source")]
    [InlineData("events?kind=arrest&kind=other", "kind")]
    [InlineData("events?participant=ice&participant=dhs", "participant")]
    [InlineData("events?source=test-source&source=test-source", "source")]
    [InlineData("entities?kind=person&kind=organization", "kind")]
    [InlineData("entities?parent=ice&parent=dhs", "parent")]
    [InlineData("entities?source=test-source&source=test-source-2", "source")]
    [InlineData("sources?kind=dataset&kind=report", "kind")]
    [InlineData("sources?source=test-source&source=test-source-2", "source")]
    public async Task A_repeated_enum_or_id_parameter_is_a_400(string url, string parameter) =>
        await client.GetBadRequestAsync("/api/v1/" + url, parameter);

    // ---- Paging and cursors with operators ----

    [Theory]
    [InlineData("figures?value=gte:800&value=lt:100000&sort=value")]
    [InlineData("figures?kind=ne:actual&sort=-periodStart")]
    [InlineData("figures?metric=in:book_ins,detained_population,encounters&periodEnd=lte:2024-12-31&sort=periodEnd,-value")]
    [InlineData("statements?saidOn=gte:2024-01-01&sort=-saidOn")]
    [InlineData("statements?speaker=in:ice,test-agency,test-person-1&quoteType=ne:direct")]
    [InlineData("events?occurredOn=ne:2024-03-10&sort=occurredOn")]
    [InlineData("events?participant=ne:ice")]
    [InlineData("entities?parent=ne:ice&sort=-name")]
    [InlineData("sources?kind=in:dataset,report,news_article&sort=title")]
    [InlineData("sources?publishedOn=lte:2024-03-15&sort=publishedOn")]
    public async Task Paging_through_a_list_filtered_with_operators_gives_every_match_once_in_order(string list)
    {
        var query = list[(list.IndexOf('?') + 1)..];
        var resource = list[..list.IndexOf('?')];
        var whole = await ListAsync(resource, query);
        Assert.Equal(Oracle.MatchingIds(Oracle.Load(factory, resource), query), whole.IdSet());
        var expected = whole.Ids();
        Assert.True(expected.Count > 2, $"{list} has {expected.Count} records: nothing to page through");

        var walked = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync($"/api/v1/{list}&limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            walked.AddRange(page.Ids());
            cursor = page.Str("nextCursor");
            Assert.True(walked.Count <= expected.Count, $"walking {list} gives more records than it holds: {string.Join(", ", walked)}");
        } while (cursor is not null);
        Assert.Equal(expected, walked);
    }

    async Task<string> FirstCursorAsync(string url)
    {
        var cursor = (await client.GetJsonAsync(url + "&limit=1")).Str("nextCursor");
        Assert.False(cursor is null, $"{url}&limit=1 has no next page");
        return cursor;
    }

    [Theory]
    [InlineData("/api/v1/figures?value=gte:1200", "/api/v1/figures?value=gt:1200")]
    [InlineData("/api/v1/figures?value=gte:1200", "/api/v1/figures?value=gte:1201")]
    [InlineData("/api/v1/figures?value=gte:1200", "/api/v1/figures?value=gte:1200&value=lt:100000")]
    [InlineData("/api/v1/figures?kind=ne:actual", "/api/v1/figures?kind=actual")]
    [InlineData("/api/v1/figures?kind=in:actual,estimate", "/api/v1/figures?kind=in:actual,projection")]
    [InlineData("/api/v1/statements?saidOn=lte:2024-03-31", "/api/v1/statements?saidOn=lt:2024-03-31")]
    [InlineData("/api/v1/events?participant=ne:ice", "/api/v1/events?participant=in:ice")]
    [InlineData("/api/v1/sources?publishedOn=gte:2023-12-01", "/api/v1/sources?publishedOn=ne:2023-12-01")]
    public async Task A_cursor_is_bound_to_the_operators_and_values_of_its_filters(string issuer, string changed)
    {
        var cursor = await FirstCursorAsync(issuer);
        await client.GetBadRequestAsync(changed + "&limit=1&cursor=" + Uri.EscapeDataString(cursor), "cursor");
    }

    [Fact]
    public async Task A_cursor_is_accepted_with_the_same_range_given_in_the_other_order()
    {
        var cursor = await FirstCursorAsync("/api/v1/figures?value=gte:1000&value=lt:100000&sort=value");
        var page = await client.GetJsonAsync("/api/v1/figures?sort=value&value=lt:100000&value=gte:1000&limit=200&cursor=" + Uri.EscapeDataString(cursor));
        Assert.Equal(["test-figure-002", "test-figure-007", DailyTarget, "test-figure-005", "test-figure-004", Removals], page.Ids());
    }

    [Fact]
    public async Task An_operator_filter_that_matches_nothing_is_an_empty_page_not_an_error()
    {
        using var response = await client.GetAsync("/api/v1/figures?value=gt:1000000");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Empty(page.Ids());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
    }
}
