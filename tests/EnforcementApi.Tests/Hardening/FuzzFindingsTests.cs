using System.Net;
using System.Net.Http.Headers;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;

namespace EnforcementApi.Tests.Hardening;

/// <summary>What the contract fuzz test found, each pinned down by itself: all were 500s or plain-text answers.</summary>
public sealed class FuzzFindingsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory);

    [Theory]
    [InlineData("POST", "/api/v1/sources", "application/json", """{"kind": "report", "kind": "report", "title": "Test twice", "language": "en"}""")]
    [InlineData("PATCH", "/api/v1/sources/article-ice-leadership-shakeup", "application/merge-patch+json", """{"title": "A", "title": "B"}""")]
    [InlineData("POST", "/api/v1/import", "application/x-ndjson", """{"type": "source", "type": "source", "kind": "report", "title": "Test", "language": "en"}""")]
    public async Task A_field_given_twice_is_a_400_problem(string method, string url, string contentType, string body)
    {
        var before = api.Rows();
        var reply = await api.SendAsync(new HttpMethod(method), url, WriteApi.Body(body, contentType));
        WriteApi.AssertProblem(reply, HttpStatusCode.BadRequest);
        Assert.Equal(before, api.Rows());
    }

    [Theory]
    [InlineData("DELETE", "/api/v1/sources/x", false, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/v1/admin/keys", true, HttpStatusCode.Forbidden)]
    [InlineData("GET", "/api/v1/sources/a/b", false, HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/v1/sources", true, HttpStatusCode.UnsupportedMediaType)]
    public async Task A_client_that_accepts_only_xml_still_gets_a_problem_as_json(string method, string url, bool withKey, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        if (withKey) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Key);
        if (method == "POST") request.Content = WriteApi.Body("title=x", "text/plain");
        var response = await api.Client.SendAsync(request);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":" + (int)status, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_figure_value_with_more_than_four_decimal_places_is_refused_so_analytics_stay_computable()
    {
        var world = await World.CreateAsync(api);
        var figure = Make.Figure(null, world.Source, world.Agency);
        figure["value"] = 0.0000000000000000000000000001m;
        await api.InvalidPostAsync("figures", figure, "value");
        figure["value"] = 12.5m;
        await api.CreateAsync("figures", figure);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/figures/discrepancies")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/figures/pace?metric=removals")).StatusCode);
    }

    [Fact]
    public async Task A_stored_period_at_the_end_of_the_calendar_does_not_break_a_series()
    {
        var world = await World.CreateAsync(api);
        var figure = Make.Figure(null, world.Source, world.Agency);
        figure["periodStart"] = "9999-12-01";
        figure["periodEnd"] = "9999-12-31";
        await api.CreateAsync("figures", figure);
        foreach (var interval in new[] { "month", "quarter", "year", "fiscal_year" })
            Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync($"/api/v1/figures/series?metric=removals&interval={interval}&scope=US")).StatusCode);
    }
}
