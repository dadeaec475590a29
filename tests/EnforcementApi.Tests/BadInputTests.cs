using System.Net;
using Dapper;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests;

/// <summary>
/// Malformed input gets a 400 problem that names the parameter, never a 500 and never a silently
/// ignored filter; a missing record is a 404 problem.
/// </summary>
public sealed class BadInputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.CreateClient();

    static readonly string[] ListPaths =
        ["/api/v1/sources", "/api/v1/entities", "/api/v1/events", "/api/v1/figures", "/api/v1/statements"];

    static readonly string[] DatedListPaths = ["/api/v1/events", "/api/v1/figures", "/api/v1/statements"];

    public static TheoryData<string> Lists => new(ListPaths);

    public static TheoryData<string> DatedLists => new(DatedListPaths);

    public static TheoryData<string, string> EnumFilters => new()
    {
        { "/api/v1/sources", "kind" },
        { "/api/v1/entities", "kind" },
        { "/api/v1/events", "kind" },
        { "/api/v1/figures", "kind" },
        { "/api/v1/statements", "quoteType" },
    };

    public static TheoryData<string, string> IdFilters => new()
    {
        { "/api/v1/sources", "source" },
        { "/api/v1/entities", "parent" },
        { "/api/v1/entities", "source" },
        { "/api/v1/events", "participant" },
        { "/api/v1/events", "source" },
        { "/api/v1/figures", "reportedBy" },
        { "/api/v1/figures", "source" },
        { "/api/v1/statements", "speaker" },
        { "/api/v1/statements", "source" },
    };

    public static TheoryData<string> Records => new()
    {
        "/api/v1/sources/article-ice-leadership-shakeup",
        "/api/v1/entities/ice",
        "/api/v1/events/ice-leadership-realignment",
        "/api/v1/figures/dhs-removals-first-100-days",
        "/api/v1/statements/tom-homan-on-agents",
    };

    [Theory, MemberData(nameof(Lists))]
    public async Task List_rejects_an_unknown_parameter(string list)
    {
        var problem = await client.GetBadRequestAsync(list + "?colour=red", "colour");
        Assert.Contains("limit", problem.GetProperty("errors").GetProperty("colour")[0].GetString());
    }

    [Theory, MemberData(nameof(Lists))]
    public async Task List_rejects_a_misspelt_parameter_instead_of_ignoring_it(string list) =>
        await client.GetBadRequestAsync(list + "?Limit=5", "Limit");

    [Theory, MemberData(nameof(Lists))]
    public async Task List_rejects_a_parameter_given_twice(string list) =>
        await client.GetBadRequestAsync(list + "?limit=5&limit=6", "limit");

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("201")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1.5")]
    [InlineData("1e2")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("99999999999999999999")]
    public async Task List_rejects_a_limit_outside_1_to_200(string limit)
    {
        foreach (var list in ListPaths)
            await client.GetBadRequestAsync($"{list}?limit={Uri.EscapeDataString(limit)}", "limit");
    }

    [Theory, MemberData(nameof(Lists))]
    public async Task List_accepts_the_limits_at_both_ends(string list)
    {
        Assert.Single((await client.GetJsonAsync(list + "?limit=1")).Items());
        await client.GetJsonAsync(list + "?limit=200");
    }

    [Theory]
    [InlineData("2025-13-01")]
    [InlineData("2025-02-30")]
    [InlineData("2025-1-5")]
    [InlineData("20250105")]
    [InlineData("2025-01-05T00:00:00Z")]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("' or 1=1 --")]
    public async Task Dated_list_rejects_a_malformed_date(string date)
    {
        foreach (var list in DatedListPaths)
        {
            await client.GetBadRequestAsync($"{list}?from={Uri.EscapeDataString(date)}", "from");
            await client.GetBadRequestAsync($"{list}?to={Uri.EscapeDataString(date)}", "to");
        }
    }

    [Theory, MemberData(nameof(DatedLists))]
    public async Task Dated_list_rejects_to_before_from(string list) =>
        await client.GetBadRequestAsync(list + "?from=2025-04-29&to=2025-01-20", "to");

    [Theory, MemberData(nameof(Lists))]
    public async Task List_rejects_an_unknown_sort_field(string list)
    {
        foreach (var sort in new[] { "colour", "-colour", "", "-", "id,", ",id", "id,id", "id,-id", "ID", "title;drop table figures" })
            await client.GetBadRequestAsync($"{list}?sort={Uri.EscapeDataString(sort)}", "sort");
    }

    [Theory, MemberData(nameof(EnumFilters))]
    public async Task List_rejects_an_unknown_enum_value(string list, string parameter)
    {
        foreach (var value in new[] { "nonsense", "", "Actual", "DIRECT", "news article", "%00", "' OR '1'='1" })
        {
            var problem = await client.GetBadRequestAsync($"{list}?{parameter}={Uri.EscapeDataString(value)}", parameter);
            Assert.Contains("Must be one of", problem.GetProperty("errors").GetProperty(parameter)[0].GetString());
        }
    }

    [Fact]
    public async Task Figures_reject_an_unknown_metric_and_list_the_known_ones()
    {
        var problem = await client.GetBadRequestAsync("/api/v1/figures?metric=deportations", "metric");
        var message = problem.GetProperty("errors").GetProperty("metric")[0].GetString();
        Assert.Contains("removals", message);
        Assert.Contains("arrests", message);
    }

    [Theory, MemberData(nameof(IdFilters))]
    public async Task List_rejects_a_malformed_or_unknown_id_in_a_filter(string list, string parameter)
    {
        foreach (var value in new[] { "no-such-record", "ICE", "", "a b", "x'; drop table figures; --", new string('a', 101) })
            await client.GetBadRequestAsync($"{list}?{parameter}={Uri.EscapeDataString(value)}", parameter);
    }

    [Theory, MemberData(nameof(Lists))]
    public async Task List_rejects_a_cursor_it_did_not_issue(string list)
    {
        foreach (var cursor in new[] { "abc", "", ".", "eyJSIjoiZmlndXJlcyJ9.AAAA", new string('A', 5000) })
            await client.GetBadRequestAsync($"{list}?cursor={Uri.EscapeDataString(cursor)}", "cursor");
    }

    [Theory, MemberData(nameof(Lists))]
    public async Task List_reports_every_bad_parameter_at_once(string list)
    {
        var problem = await client.GetProblemAsync(list + "?limit=0&sort=nowhere&colour=red", HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["colour", "limit", "sort"], errors.EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task A_huge_or_hostile_value_is_a_400_and_changes_nothing()
    {
        long Count()
        {
            using var connection = factory.OpenDatabase();
            return connection.ExecuteScalar<long>("select (select count(*) from figures) + (select count(*) from citations)");
        }

        var before = Count();
        foreach (var value in new[] { new string('x', 5000), "'); delete from figures; --", "\u0001\u0002", "\"", "*", "NEAR(a b)" })
        {
            await client.GetBadRequestAsync("/api/v1/figures?metric=" + Uri.EscapeDataString(value), "metric");
            await client.GetBadRequestAsync("/api/v1/figures?sort=" + Uri.EscapeDataString(value), "sort");
            await client.GetBadRequestAsync("/api/v1/figures?reportedBy=" + Uri.EscapeDataString(value), "reportedBy");
        }
        Assert.Equal(before, Count());
    }

    [Theory, MemberData(nameof(Records))]
    public async Task Get_by_id_rejects_any_query_parameter(string record) =>
        await client.GetBadRequestAsync(record + "?limit=5", "limit");

    [Theory, MemberData(nameof(Lists))]
    public async Task Get_by_a_missing_id_is_a_404_problem(string list)
    {
        foreach (var id in new[] { "no-such-record", "DROP%20TABLE", "%27%20or%201%3D1", new string('z', 2000) })
        {
            var problem = await client.GetProblemAsync($"{list}/{id}", HttpStatusCode.NotFound);
            Assert.Contains("id", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Metrics_take_no_parameters() =>
        await client.GetBadRequestAsync("/api/v1/metrics?limit=5", "limit");

    [Fact]
    public async Task An_unknown_route_is_a_404_problem() =>
        await client.GetProblemAsync("/api/v1/deportations", HttpStatusCode.NotFound);

    [Fact]
    public async Task A_method_a_route_does_not_take_is_a_405_problem()
    {
        using var response = await client.PutAsync("/api/v1/figures", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
