using System.Net;
using System.Net.Http.Headers;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests;

/// <summary>Every successful read carries a strong ETag, and If-None-Match with it answers 304.</summary>
public sealed class ConditionalGetTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.CreateClient();

    public static TheoryData<string> Reads => new()
    {
        "/api/v1/figures", "/api/v1/figures?metric=removals&limit=1", "/api/v1/figures/dhs-removals-first-100-days",
        "/api/v1/statements", "/api/v1/statements/tom-homan-on-agents", "/api/v1/events", "/api/v1/events/ken-genalo-retirement",
        "/api/v1/entities", "/api/v1/entities/ice", "/api/v1/sources", "/api/v1/sources/article-ice-leadership-shakeup",
        "/api/v1/metrics",
    };

    [Theory, MemberData(nameof(Reads))]
    public async Task A_read_with_its_current_etag_is_answered_304_without_a_body(string url)
    {
        using var first = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_stale_etag_gets_the_full_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/figures/dhs-removals-first-100-days");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"stale\""));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("dhs-removals-first-100-days", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Different_records_and_different_pages_have_different_etags()
    {
        var etags = new HashSet<string>();
        foreach (var url in new[] { "/api/v1/figures", "/api/v1/figures?limit=1", "/api/v1/figures/dhs-removals-first-100-days", "/api/v1/figures/dhs-arrests-first-100-days" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(etags.Add(response.Headers.ETag!.Tag), $"{url} repeats an ETag");
        }
    }

    [Fact]
    public async Task Errors_carry_no_etag()
    {
        using var response = await client.GetAsync("/api/v1/figures/no-such-figure");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.ETag);
    }
}
