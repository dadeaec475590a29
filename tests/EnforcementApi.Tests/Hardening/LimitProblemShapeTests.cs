using System.Net;
using System.Text.Json;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Hardening;

/// <summary>The answers about a limit are problems like every other: a type, and never kept by a cache.</summary>
[SqliteOnly(NotOnPostgres.OwnApp)]
public sealed class LimitProblemShapeTests
{
    static async Task AssertProblemShapeAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(type, problem.GetProperty("type").GetString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_query_string_or_headers_over_the_limit_answer_a_typed_problem_that_is_not_kept()
    {
        await using var factory = new ApiFactory();
        var client = factory.CreateClient();
        using (var tooLong = await client.GetAsync("/api/v1/figures?q=" + new string('a', 9000)))
            await AssertProblemShapeAsync(tooLong, HttpStatusCode.RequestUriTooLong, "https://tools.ietf.org/html/rfc9110#section-15.5.15");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/figures");
        request.Headers.TryAddWithoutValidation("X-Padding", new string('b', 17_000));
        using (var tooLarge = await client.SendAsync(request))
            await AssertProblemShapeAsync(tooLarge, HttpStatusCode.RequestHeaderFieldsTooLarge, "https://tools.ietf.org/html/rfc6585#section-5");
    }

    [Fact]
    public async Task Over_the_rate_limit_is_a_typed_problem_that_is_not_kept()
    {
        await using var factory = new ConfiguredApiFactory(new Dictionary<string, string> { ["Limits:ReadsPerMinute"] = "2" });
        var client = factory.CreateClient();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++) last = await client.GetAsync("/api/v1/metrics");
        await AssertProblemShapeAsync(last!, HttpStatusCode.TooManyRequests, "https://tools.ietf.org/html/rfc6585#section-4");
    }
}
