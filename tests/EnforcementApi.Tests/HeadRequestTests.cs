using System.Net;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests;

/// <summary>HEAD answers what GET answers, headers and all, without the body (RFC 9110 9.3.2).</summary>
public sealed class HeadRequestTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.CreateClient();

    static readonly string[] ComparedHeaders =
        ["ETag", "Cache-Control", "Link", "Content-Type", "Content-Disposition", "Content-Encoding", "Vary", "Content-Security-Policy"];

    static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    async Task<(HttpResponseMessage Get, byte[] GetBody, HttpResponseMessage Head, byte[] HeadBody)> BothAsync(
        string url, params (string Name, string Value)[] headers)
    {
        async Task<(HttpResponseMessage, byte[])> SendAsync(HttpMethod method)
        {
            using var request = new HttpRequestMessage(method, url);
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
            var response = await client.SendAsync(request);
            return (response, await response.Content.ReadAsByteArrayAsync());
        }
        var (get, getBody) = await SendAsync(HttpMethod.Get);
        var (head, headBody) = await SendAsync(HttpMethod.Head);
        return (get, getBody, head, headBody);
    }

    static void AssertSameAnswer(HttpResponseMessage get, HttpResponseMessage head, byte[] headBody, string url)
    {
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.True(headBody.Length == 0, $"HEAD {url} sent a body of {headBody.Length} bytes");
        foreach (var name in ComparedHeaders)
            Assert.True(Header(get, name) == Header(head, name), $"{name}: GET {url} sent '{Header(get, name)}', HEAD sent '{Header(head, name)}'");
    }

    [Theory]
    [InlineData("/api/v1/figures/dhs-removals-first-100-days")]
    [InlineData("/api/v1/entities/ice")]
    [InlineData("/api/v1/figures?limit=1")]
    [InlineData("/api/v1/statements?count=true&facet=speaker")]
    [InlineData("/api/v1/search?q=deportation")]
    [InlineData("/api/v1/figures/pace?metric=removals")]
    [InlineData("/api/v1/metrics")]
    [InlineData("/health/ready")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task Head_of_a_read_has_the_status_and_headers_of_its_get_and_no_body(string url)
    {
        var (get, getBody, head, headBody) = await BothAsync(url);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        AssertSameAnswer(get, head, headBody, url);
        Assert.Equal(getBody.Length, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Head_of_a_list_carries_the_next_pages_link()
    {
        var (get, _, head, headBody) = await BothAsync("/api/v1/figures?limit=1");
        AssertSameAnswer(get, head, headBody, "/api/v1/figures?limit=1");
        Assert.StartsWith("<http://localhost/api/v1/figures?limit=1&cursor=", Header(head, "Link"));
    }

    [Fact]
    public async Task Head_of_a_compressed_read_gives_the_compressed_length_and_etag()
    {
        var url = "/api/v1/figures";
        // A body compressed as it is written differs by a few bytes from the same body compressed from the
        // server's cache in one piece: warm the cache first, so that GET and HEAD are both answered from it.
        await BothAsync(url, ("Accept-Encoding", "br"));
        var (get, getBody, head, headBody) = await BothAsync(url, ("Accept-Encoding", "br"));
        Assert.Equal("br", Header(get, "Content-Encoding"));
        AssertSameAnswer(get, head, headBody, url);
        Assert.EndsWith("-br\"", Header(head, "ETag"));
        Assert.Equal(getBody.Length, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Conditional_head_answers_304_as_get_does()
    {
        var etag = (await client.GetAsync("/api/v1/figures/dhs-removals-first-100-days")).Headers.ETag!.ToString();
        var (get, _, head, headBody) = await BothAsync("/api/v1/figures/dhs-removals-first-100-days", ("If-None-Match", etag));
        Assert.Equal(HttpStatusCode.NotModified, head.StatusCode);
        AssertSameAnswer(get, head, headBody, "conditional HEAD");
    }

    [Fact]
    public async Task Head_of_a_missing_record_is_the_same_404_without_its_problem_body()
    {
        var (get, getBody, head, headBody) = await BothAsync("/api/v1/figures/no-such-figure");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("application/problem+json", Header(get, "Content-Type"));
        AssertSameAnswer(get, head, headBody, "/api/v1/figures/no-such-figure");
        Assert.Equal(getBody.Length, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Head_of_a_bad_query_is_the_same_400()
    {
        var (get, _, head, headBody) = await BothAsync("/api/v1/figures?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        AssertSameAnswer(get, head, headBody, "/api/v1/figures?limit=0");
    }

    [Theory]
    [InlineData("/api/v1/export/figures")]
    [InlineData("/api/v1/export/figures?format=csv&metric=removals")]
    [InlineData("/api/v1/export/citations")]
    public async Task Head_of_an_export_names_the_file_without_streaming_it(string url)
    {
        var (get, getBody, head, headBody) = await BothAsync(url);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.True(getBody.Length > 0);
        AssertSameAnswer(get, head, headBody, url);
        Assert.StartsWith("attachment; filename=", Header(head, "Content-Disposition"));
        // The length of a stream is not known before it is made, for GET as for HEAD.
        Assert.False(head.Content.Headers.NonValidated.Contains("Content-Length"), "HEAD of an export states a length");
    }

    [Fact]
    public async Task Head_of_the_dataset_download_gives_its_size()
    {
        var (get, getBody, head, headBody) = await BothAsync("/api/v1/dataset.sqlite");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        AssertSameAnswer(get, head, headBody, "/api/v1/dataset.sqlite");
        Assert.Equal(getBody.Length, get.Content.Headers.ContentLength);
        // Each download is its own snapshot, so sizes may differ by the pages a snapshot happens to use; here nothing was written between.
        Assert.Equal(getBody.Length, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Head_of_a_write_only_route_is_still_refused()
    {
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/import"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
