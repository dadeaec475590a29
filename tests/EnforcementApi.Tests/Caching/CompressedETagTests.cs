using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Curation;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Caching;

/// <summary>
/// A compressed answer's ETag works as the plain one does: a client whose HTTP library asks for br or gzip
/// (most do, and decompress without telling) can send back the tag it got, in <c>If-Match</c> as in
/// <c>If-None-Match</c>; and a strong tag always names the same bytes, computed or served from the cache.
/// </summary>
public sealed class CompressedETagTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.CreateClient();

    static HttpRequestMessage Get(string url, string acceptEncoding, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return request;
    }

    /// <summary>A figure whose JSON is well over 1 KiB (three long excerpts), so that reads of it are compressed.</summary>
    async Task<(string Url, string Key)> LargeFigureAsync()
    {
        var key = factory.CreateKey(Make.Id("etag-curator"));
        var source = Make.Id("etag-source");
        var office = Make.Id("etag-office");
        await client.CreateAsync("sources", Make.Source(source), key);
        await client.CreateAsync("entities", Make.Organization(office), key);
        var id = Make.Id("etag-figure");
        var figure = Make.Figure(id, source, office, value: 4200);
        var padding = string.Join(' ', Enumerable.Repeat("the office counted every case in the period and published the total", 5));
        figure["citations"] = new JsonArray(
            Make.Citation(source, "about 4200 people were tallied, " + padding),
            Make.Citation(source, "the tally of about 4200 people, " + padding),
            Make.Citation(source, "some 4200 people in all, " + padding));
        await client.CreateAsync("figures", figure, key);
        return ("/api/v1/figures/" + id, key);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task A_write_with_the_etag_of_a_compressed_read_succeeds_and_a_stale_one_is_refused(string coding)
    {
        var (url, key) = await LargeFigureAsync();

        using var read = await client.SendAsync(Get(url, coding));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal([coding], read.Content.Headers.ContentEncoding);
        var etag = read.Headers.ETag!.ToString();
        Assert.EndsWith("-" + coding + "\"", etag);

        using var patch = Curate.Request(HttpMethod.Patch, url, new JsonObject { ["periodLabel"] = "a test period, corrected" }, key,
            headers: ("If-Match", etag));
        using var changed = await client.SendAsync(patch);
        Assert.True(changed.StatusCode == HttpStatusCode.OK, $"PATCH with If-Match {etag}: {(int)changed.StatusCode} {await changed.Content.ReadAsStringAsync()}");

        // The tag read before the change names a representation that is no longer current, compressed or not.
        using var stale = Curate.Request(HttpMethod.Patch, url, new JsonObject { ["periodLabel"] = "a second correction" }, key,
            headers: ("If-Match", etag));
        using var refused = await client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        // Read again compressed: the new tag is accepted by a DELETE too.
        using var reread = await client.SendAsync(Get(url, coding));
        using var delete = Curate.Request(HttpMethod.Delete, url, key: key, headers: ("If-Match", reread.Headers.ETag!.ToString()));
        using var deleted = await client.SendAsync(delete);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task If_match_takes_any_of_several_tags_and_refuses_a_tag_with_an_unknown_coding()
    {
        var (url, key) = await LargeFigureAsync();
        using var read = await client.SendAsync(Get(url, "gzip"));
        var tag = read.Headers.ETag!.Tag;

        using var other = Curate.Request(HttpMethod.Patch, url, new JsonObject { ["periodLabel"] = "x" }, key,
            headers: ("If-Match", tag[..^"-gzip\"".Length] + "-deflate\""));
        using var refused = await client.SendAsync(other);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);

        using var several = Curate.Request(HttpMethod.Patch, url, new JsonObject { ["periodLabel"] = "y" }, key,
            headers: ("If-Match", "\"not-this-one\", " + tag));
        using var changed = await client.SendAsync(several);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task One_strong_etag_is_one_byte_stream_whether_computed_or_served_from_the_cache(string coding)
    {
        // A query string no other test asks for, so that the first answer is computed here.
        var url = "/api/v1/figures?limit=" + (coding == "br" ? 61 : 62) + "&sort=-value&metric=removals";

        using var computed = await client.SendAsync(Get(url, coding));
        Assert.Equal(HttpStatusCode.OK, computed.StatusCode);
        Assert.Null(computed.Headers.Age);
        Assert.Equal([coding], computed.Content.Headers.ContentEncoding);
        var first = await computed.Content.ReadAsByteArrayAsync();

        for (var i = 0; i < 2; i++)
        {
            using var cached = await client.SendAsync(Get(url, coding));
            Assert.NotNull(cached.Headers.Age);
            Assert.Equal(computed.Headers.ETag, cached.Headers.ETag);
            var again = await cached.Content.ReadAsByteArrayAsync();
            Assert.True(first.AsSpan().SequenceEqual(again),
                $"{coding}: the computed answer has {first.Length} bytes (SHA-256 {Hash(first)}), the cached one {again.Length} ({Hash(again)}), under one ETag {computed.Headers.ETag}");
        }
    }

    [Fact]
    public async Task A_record_read_after_a_write_has_the_same_bytes_computed_and_cached()
    {
        var (url, key) = await LargeFigureAsync();
        await client.ChangeAsync("figures", url.Split('/')[^1], new JsonObject { ["periodLabel"] = "changed to empty the cache" }, key);

        using var computed = await client.SendAsync(Get(url, "gzip"));
        using var cached = await client.SendAsync(Get(url, "gzip"));
        Assert.Null(computed.Headers.Age);
        Assert.NotNull(cached.Headers.Age);
        Assert.Equal(computed.Headers.ETag, cached.Headers.ETag);
        Assert.Equal(await computed.Content.ReadAsByteArrayAsync(), await cached.Content.ReadAsByteArrayAsync());
    }

    static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
}
