using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Writes;

/// <summary>
/// <c>Api:MaxRequestBodyBytes</c> (here 2,048) bounds every write's body: one byte more is a 413 problem,
/// whether the client declares its length or streams it, and nothing is written.
/// </summary>
[SqliteOnly(NotOnPostgres.OwnApp)]
public sealed class RequestSizeLimitTests : IClassFixture<SmallBodyApiFactory>
{
    readonly WriteApi api;
    readonly World world;

    public RequestSizeLimitTests(SmallBodyApiFactory factory)
    {
        api = WriteApi.For(factory, factory.OpenDatabase);
        world = World.CreateAsync(api).GetAwaiter().GetResult();
    }

    /// <summary>A valid source body of exactly <paramref name="bytes"/> bytes: whitespace after the object pads it.</summary>
    static string SourceOfSize(int bytes)
    {
        var text = Make.Source(null, "Test sized source").ToJsonString();
        return text + new string(' ', bytes - Encoding.UTF8.GetByteCount(text));
    }

    /// <summary>Content that does not say its length, so the server has to count as it reads.</summary>
    sealed class StreamedContent(byte[] bytes, string contentType) : HttpContent
    {
        public StreamedContent(string text, string contentType) : this(Encoding.UTF8.GetBytes(text), contentType) { }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        public StreamedContent Typed()
        {
            Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            return this;
        }
    }

    [Fact]
    public async Task A_body_of_exactly_the_limit_is_accepted()
    {
        var text = SourceOfSize(SmallBodyApiFactory.Limit);
        Assert.Equal(SmallBodyApiFactory.Limit, Encoding.UTF8.GetByteCount(text));
        var reply = await api.SendAsync(HttpMethod.Post, "/api/v1/sources", WriteApi.Body(text, WriteApi.Json));
        WriteApi.AssertStatus(reply, HttpStatusCode.Created);

        var streamed = await api.SendAsync(HttpMethod.Post, "/api/v1/sources", new StreamedContent(text, WriteApi.Json).Typed());
        WriteApi.AssertStatus(streamed, HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("POST", 1)]
    [InlineData("POST", 5000)]
    [InlineData("PUT", 1)]
    [InlineData("PUT", 100_000)]
    [InlineData("PATCH", 1)]
    [InlineData("PATCH", 100_000)]
    public async Task A_body_over_the_limit_is_a_413_problem_and_writes_nothing(string method, int over)
    {
        var id = await api.CreateIdAsync("sources", Make.Source(Make.Id("test-src")));
        var url = method == "POST" ? "/api/v1/sources" : $"/api/v1/sources/{id}";
        var contentType = method == "PATCH" ? WriteApi.MergePatch : WriteApi.Json;
        var text = SourceOfSize(SmallBodyApiFactory.Limit + over);
        var before = (await api.ReadAsync("sources", id)).Node;

        var problem = await api.RefusedAsync(() => api.SendAsync(new HttpMethod(method), url, WriteApi.Body(text, contentType)),
            HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("2048", problem.Str("detail"));

        await api.RefusedAsync(() => api.SendAsync(new HttpMethod(method), url, new StreamedContent(text, contentType).Typed()),
            HttpStatusCode.RequestEntityTooLarge);

        JsonOf.AssertSame(before, (await api.ReadAsync("sources", id)).Node, "the source after refused writes");
    }

    [Fact]
    public async Task A_large_record_body_over_the_limit_is_a_413_not_a_400()
    {
        var figure = Make.Figure(null, world.Source, world.Office);
        figure["citations"] = Make.Cite(world.Source, new string('e', 3000));
        await api.RefusedAsync(() => api.PostAsync("figures", figure), HttpStatusCode.RequestEntityTooLarge);
        await api.RefusedAsync(() => api.PostAsync("figures", new JsonObject { ["junk"] = new string('j', 10_000) }), HttpStatusCode.RequestEntityTooLarge);
    }
}
