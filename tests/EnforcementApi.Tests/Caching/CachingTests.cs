using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Curation;
using EnforcementApi.Tests.Support;
using Dapper;

namespace EnforcementApi.Tests.Caching;

/// <summary>
/// What a client and a CDN see of caching: <c>Cache-Control</c> on every answer, compressed bodies with
/// their own ETags, and hot reads answered from the server's cache (an <c>Age</c> header says so) until
/// the very next write, whoever makes it.
/// </summary>
public sealed class CachingTests : IClassFixture<ApiFactory>
{
    const string Figure = "/api/v1/figures/dhs-removals-first-100-days";
    const string List = "/api/v1/figures?limit=50";

    readonly ApiFactory factory;
    readonly HttpClient client;

    public CachingTests(ApiFactory factory)
    {
        this.factory = factory;
        client = factory.CreateClient();
    }

    static HttpRequestMessage Get(string url, string? acceptEncoding = null, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return request;
    }

    static byte[] Decompress(byte[] body, string coding)
    {
        using Stream decoder = coding == "br"
            ? new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        decoder.CopyTo(plain);
        return plain.ToArray();
    }

    [Theory]
    [InlineData("/api/v1/figures")]
    [InlineData(Figure)]
    [InlineData("/api/v1/search?q=removals")]
    [InlineData("/api/v1/changes")]
    [InlineData("/api/v1/figures/pace?metric=removals")]
    public async Task Public_reads_may_be_kept_by_browsers_and_caches_for_a_minute(string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
    }

    /// <summary>
    /// A commit the API did not make (another process, a tool, a connection of its own) changes the data version that
    /// keys the cached totals, facets and answers, so the next read counts it: SQLite's data_version, PostgreSQL's
    /// counter that every commit bumps.
    /// </summary>
    [Fact]
    public async Task A_commit_by_another_connection_is_counted_by_the_next_read()
    {
        const string url = "/api/v1/sources?kind=dataset&count=true&facet=kind&limit=1";
        var before = (await client.GetJsonAsync(url)).GetProperty("total").GetInt64();
        Assert.Equal(before, (await client.GetJsonAsync(url)).GetProperty("total").GetInt64()); // now cached

        using (var connection = factory.OpenDatabase())
            Dapper.SqlMapper.Execute(connection, """
                insert into sources (id, kind, title, language) values ('caching-another-connection', 'dataset', 'A source written past the API', 'en')
                """);

        var after = await client.GetJsonAsync(url);
        Assert.Equal(before + 1, after.GetProperty("total").GetInt64());
        Assert.Equal(before + 1, after.GetProperty("facets").GetProperty("kind").GetProperty("values")[0].GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task A_304_keeps_the_public_cache_control()
    {
        using var first = await client.GetAsync(Figure);
        using var second = await client.SendAsync(Get(Figure, ifNoneMatch: first.Headers.ETag!.ToString()));
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal("public, max-age=60", second.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/api/v1/figures/no-such-figure", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/figures?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/admin/keys", HttpStatusCode.Unauthorized)]
    [InlineData("/health/ready", HttpStatusCode.OK)]
    public async Task Errors_admin_answers_and_health_are_never_stored(string url, HttpStatusCode status)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{url}: Cache-Control is '{response.Headers.CacheControl}'");
    }

    [Fact]
    public async Task A_write_answer_is_never_stored()
    {
        var key = factory.CreateKey(Make.Id("cache-writer"));
        using var response = await client.PostAsync("/api/v1/sources", Make.Source(Make.Id("cache-source")), key);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Null(response.Content.Headers.ContentEncoding.FirstOrDefault());
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task A_large_read_is_compressed_as_asked_with_an_etag_of_its_own(string coding)
    {
        using var plain = await client.GetAsync(List);
        var plainBody = await plain.Content.ReadAsByteArrayAsync();
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.True(plainBody.Length > 1024, $"the list body has {plainBody.Length} bytes; the test needs a large one");

        using var compressed = await client.SendAsync(Get(List, acceptEncoding: coding));
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal([coding], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        var body = await compressed.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length < plainBody.Length / 2, $"{coding}: {body.Length} bytes against {plainBody.Length}");
        Assert.Equal(Encoding.UTF8.GetString(plainBody), Encoding.UTF8.GetString(Decompress(body, coding)));

        var plainTag = plain.Headers.ETag!.Tag;
        var tag = compressed.Headers.ETag!;
        Assert.False(tag.IsWeak);
        Assert.Equal(plainTag[..^1] + "-" + coding + "\"", tag.Tag);

        using var again = await client.SendAsync(Get(List, acceptEncoding: coding, ifNoneMatch: tag.ToString()));
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(tag, again.Headers.ETag);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_small_read_is_sent_as_it_is()
    {
        using var response = await client.SendAsync(Get(Figure + "?fields=id", acceptEncoding: "br, gzip"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("{\"id\":\"dhs-removals-first-100-days\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_hot_read_is_served_from_the_cache_until_a_write_through_the_api()
    {
        var key = factory.CreateKey(Make.Id("cache-curator"));
        var source = Make.Id("cache-source");
        var bureau = Make.Id("cache-bureau");
        await client.CreateAsync("sources", Make.Source(source), key);
        await client.CreateAsync("entities", Make.Organization(bureau), key);
        var id = Make.Id("cache-figure");
        await client.CreateAsync("figures", Make.Figure(id, source, bureau, value: 100), key);
        var url = "/api/v1/figures/" + id;

        using (var first = await client.GetAsync(url)) Assert.Null(first.Headers.Age);
        using (var second = await client.GetAsync(url))
        {
            Assert.NotNull(second.Headers.Age);
            Assert.Equal(100, (await second.Content.ReadFromJsonNodeAsync())["value"]!.GetValue<decimal>());
        }

        await client.ChangeAsync("figures", id, new JsonObject { ["value"] = 250 }, key);
        using var after = await client.GetAsync(url);
        Assert.Null(after.Headers.Age);
        Assert.Equal(250, (await after.Content.ReadFromJsonNodeAsync())["value"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_hot_read_is_not_served_from_the_cache_after_another_process_writes()
    {
        const string url = "/api/v1/entities/ice";
        await client.GetAsync(url);
        using (var cached = await client.GetAsync(url)) Assert.NotNull(cached.Headers.Age);

        using (var connection = factory.OpenDatabase())
            connection.Execute("update entities set summary = 'Changed outside the API.' where id = 'ice'");

        using var after = await client.GetAsync(url);
        Assert.Null(after.Headers.Age);
        Assert.Equal("Changed outside the API.", (await after.Content.ReadFromJsonNodeAsync())["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_list_cached_for_one_query_string_never_answers_another_spelling()
    {
        const string url = "/api/v1/figures?metric=removals&limit=3";
        await client.GetAsync(url);
        using (var cached = await client.GetAsync(url)) Assert.NotNull(cached.Headers.Age);

        // Query names are matched exactly by the API; the cache must not fold them as it does by default.
        using var other = await client.GetAsync("/api/v1/figures?Metric=removals&limit=3");
        Assert.Null(other.Headers.Age);
        using var reordered = await client.GetAsync("/api/v1/figures?limit=3&metric=removals");
        Assert.Null(reordered.Headers.Age);
    }

    [Fact]
    public async Task A_request_with_a_key_is_never_answered_from_the_cache()
    {
        var key = factory.CreateKey(Make.Id("cache-reader"));
        await client.GetAsync("/api/v1/sources");
        await client.GetAsync("/api/v1/sources");
        using var request = Curate.Request(HttpMethod.Get, "/api/v1/sources", key: key);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Age);
    }

    [Fact]
    public async Task With_the_output_cache_off_every_read_is_computed_afresh()
    {
        await using var off = new Hardening.ConfiguredApiFactory(new Dictionary<string, string> { ["Caching:OutputCacheMegabytes"] = "0" });
        var offClient = off.CreateClient();
        await offClient.GetAsync("/api/v1/figures");
        using var response = await offClient.GetAsync("/api/v1/figures");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Age);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_search_is_computed_afresh_each_time()
    {
        await client.GetAsync("/api/v1/search?q=removals");
        using var response = await client.GetAsync("/api/v1/search?q=removals");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Age);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task An_export_is_streamed_not_cached()
    {
        await client.GetAsync("/api/v1/export/sources?format=ndjson");
        using var response = await client.GetAsync("/api/v1/export/sources?format=ndjson");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Age);
    }
}

static class JsonContent
{
    public static async Task<JsonNode> ReadFromJsonNodeAsync(this HttpContent content) =>
        JsonNode.Parse(await content.ReadAsStringAsync())!;
}
