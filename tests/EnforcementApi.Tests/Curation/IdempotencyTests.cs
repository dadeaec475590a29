using System.Net;
using System.Text.Json;
using Dapper;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Curation;

/// <summary>
/// A POST with an Idempotency-Key is written once: a repeat of the same request answers the first response
/// again, the same key with another body is a 422, and keys are per API key.
/// </summary>
public sealed class IdempotencyTests : IClassFixture<ApiFactory>
{
    readonly ApiFactory factory;
    readonly HttpClient client;
    readonly string key;
    readonly string source;
    readonly string bureau;

    public IdempotencyTests(ApiFactory factory)
    {
        this.factory = factory;
        client = factory.CreateClient();
        key = factory.CreateKey(Make.Id("idem-writer"));
        source = Make.Id("idem-source");
        bureau = Make.Id("idem-bureau");
        client.CreateAsync("sources", Make.Source(source), key).GetAwaiter().GetResult();
        client.CreateAsync("entities", Make.Organization(bureau), key).GetAwaiter().GetResult();
    }

    /// <summary>A figure body without an id, so that a second write would get a new id rather than a 409.</summary>
    object Figure(string statedAs, decimal value = 31) => Make.Figure(null, source, bureau, value, statedAs);

    sealed record Answer(HttpStatusCode Status, string Body, string? Location, string? ETag, string? Replayed, string? ContentType);

    async Task<Answer> PostAsync(string url, object body, string apiKey, string? idempotencyKey)
    {
        using var response = idempotencyKey is null
            ? await client.PostAsync(url, body, apiKey)
            : await client.PostAsync(url, body, apiKey, ("Idempotency-Key", idempotencyKey));
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.ToString(),
            response.Headers.ETag?.ToString(),
            response.Headers.TryGetValues("Idempotent-Replayed", out var values) ? string.Join(",", values) : null,
            response.Content.Headers.ContentType?.MediaType);
    }

    long FiguresStating(string statedAs)
    {
        using var connection = factory.OpenDatabase();
        return connection.ExecuteScalar<long>("select count(*) from figures where stated_as = @statedAs", new { statedAs });
    }

    long RevisionsOf(string id)
    {
        using var connection = factory.OpenDatabase();
        return connection.ExecuteScalar<long>("select count(*) from revisions where record_type = 'figure' and record_id = @id", new { id });
    }

    [Fact]
    public async Task A_repeat_with_the_same_key_and_body_answers_the_first_response_again_and_writes_once()
    {
        var statedAs = Make.Id("idem-repeat");
        var idempotencyKey = Guid.NewGuid().ToString();

        var first = await PostAsync("/api/v1/figures", Figure(statedAs), key, idempotencyKey);
        Assert.True(first.Status == HttpStatusCode.Created, first.Body);
        Assert.Null(first.Replayed);
        Assert.NotNull(first.Location);
        Assert.NotNull(first.ETag);

        var second = await PostAsync("/api/v1/figures", Figure(statedAs), key, idempotencyKey);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal("true", second.Replayed);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(first.Location, second.Location);
        Assert.Equal(first.ETag, second.ETag);
        Assert.Equal("application/json", second.ContentType);

        var id = JsonDocument.Parse(first.Body).RootElement.Str("id")!;
        Assert.Equal(1, FiguresStating(statedAs));
        Assert.Equal(1, RevisionsOf(id));
        var revisions = await client.GetJsonAsync($"/api/v1/figures/{id}/revisions");
        Assert.Single(revisions.Items());
        var (changes, _) = await client.FeedAsync();
        Assert.Single(changes, c => c.Str("type") == "figure" && c.Str("id") == id);

        // A third repeat is the same again, and the record it names is the one served.
        var third = await PostAsync("/api/v1/figures", Figure(statedAs), key, idempotencyKey);
        Assert.Equal((first.Status, first.Body, first.Location, first.ETag), (third.Status, third.Body, third.Location, third.ETag));
        using var current = await client.GetAsync(first.Location);
        Assert.Equal(first.ETag, current.Headers.ETag?.ToString());
        Assert.Equal(first.Body, await current.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_a_422_problem_and_writes_nothing()
    {
        var statedAs = Make.Id("idem-first");
        var otherStatedAs = Make.Id("idem-other");
        var idempotencyKey = Guid.NewGuid().ToString();
        var first = await PostAsync("/api/v1/figures", Figure(statedAs), key, idempotencyKey);
        Assert.Equal(HttpStatusCode.Created, first.Status);

        using var connection = factory.OpenDatabase();
        var snapshot = Curate.Snapshot(connection);
        using (var response = await client.PostAsync("/api/v1/figures", Figure(otherStatedAs, 32), key, ("Idempotency-Key", idempotencyKey)))
        {
            await Curate.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "a POST reusing an Idempotency-Key with another body");
            Assert.False(response.Headers.Contains("Idempotent-Replayed"));
        }

        Assert.Equal(snapshot, Curate.Snapshot(connection));
        Assert.Equal(0, FiguresStating(otherStatedAs));
        Assert.Equal(1, FiguresStating(statedAs));
    }

    [Fact]
    public async Task The_same_key_on_another_resource_is_a_422_problem_and_writes_nothing()
    {
        var idempotencyKey = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("/api/v1/figures", Figure(Make.Id("idem-path")), key, idempotencyKey)).Status);

        using var connection = factory.OpenDatabase();
        var snapshot = Curate.Snapshot(connection);
        using var response = await client.PostAsync("/api/v1/sources", Make.Source(null, "Synthetic idempotent source"), key, ("Idempotency-Key", idempotencyKey));
        await Curate.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "a POST reusing an Idempotency-Key on another resource");
        Assert.Equal(snapshot, Curate.Snapshot(connection));
    }

    [Fact]
    public async Task The_same_Idempotency_Key_under_another_API_key_is_a_request_of_its_own()
    {
        var otherKey = factory.CreateKey(Make.Id("idem-other-writer"));
        var statedAs = Make.Id("idem-shared");
        var idempotencyKey = Guid.NewGuid().ToString();

        var mine = await PostAsync("/api/v1/figures", Figure(statedAs), key, idempotencyKey);
        var theirs = await PostAsync("/api/v1/figures", Figure(statedAs), otherKey, idempotencyKey);
        Assert.Equal(HttpStatusCode.Created, mine.Status);
        Assert.True(theirs.Status == HttpStatusCode.Created, theirs.Body);
        Assert.Null(theirs.Replayed);
        Assert.NotEqual(mine.Location, theirs.Location);
        Assert.Equal(2, FiguresStating(statedAs));

        // Each is still a replay for its own API key, and a different body under the other key is no 422 for this one.
        Assert.Equal(mine.Location, (await PostAsync("/api/v1/figures", Figure(statedAs), key, idempotencyKey)).Location);
        Assert.Equal(theirs.Location, (await PostAsync("/api/v1/figures", Figure(statedAs), otherKey, idempotencyKey)).Location);
        Assert.Equal(2, FiguresStating(statedAs));
    }

    [Fact]
    public async Task A_refused_request_is_not_remembered_and_its_key_can_carry_the_corrected_request()
    {
        var statedAs = Make.Id("idem-corrected");
        var idempotencyKey = Guid.NewGuid().ToString();
        var invalid = Make.Figure(null, source, bureau, 33, statedAs);
        invalid["metric"] = "no_such_metric";

        var refused = await PostAsync("/api/v1/figures", invalid, key, idempotencyKey);
        Assert.True(refused.Status == HttpStatusCode.BadRequest, refused.Body);
        var corrected = await PostAsync("/api/v1/figures", Figure(statedAs, 33), key, idempotencyKey);
        Assert.True(corrected.Status == HttpStatusCode.Created, corrected.Body);
        Assert.Null(corrected.Replayed);
        Assert.Equal(1, FiguresStating(statedAs));
    }

    [Fact]
    public async Task Without_an_Idempotency_Key_a_repeat_writes_again()
    {
        var statedAs = Make.Id("idem-none");
        var first = await PostAsync("/api/v1/figures", Figure(statedAs), key, null);
        var second = await PostAsync("/api/v1/figures", Figure(statedAs), key, null);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.Status, second.Status));
        Assert.NotEqual(first.Location, second.Location);
        Assert.Null(second.Replayed);
        Assert.Equal(2, FiguresStating(statedAs));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(256)]
    [InlineData(1000)]
    public async Task An_Idempotency_Key_that_is_empty_or_over_255_characters_is_a_400_and_writes_nothing(int length)
    {
        var statedAs = Make.Id("idem-bad-key");
        using var connection = factory.OpenDatabase();
        var snapshot = Curate.Snapshot(connection);

        // Sent as the server receives it: HttpClient drops a header whose value is empty, Kestrel does not.
        var context = await factory.Server.SendAsync(c =>
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(Figure(statedAs), JsonSerializerOptions.Web);
            c.Request.Method = "POST";
            c.Request.Path = "/api/v1/figures";
            c.Request.Headers.Authorization = "Bearer " + key;
            c.Request.Headers["Idempotency-Key"] = new string('k', length);
            c.Request.ContentType = "application/json";
            c.Request.ContentLength = body.Length;
            c.Request.Body = new MemoryStream(body);
        });
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.True(context.Response.StatusCode == 400, $"a POST with an Idempotency-Key of {length} characters answered {context.Response.StatusCode}: {text}");
        Assert.StartsWith("application/problem+json", context.Response.ContentType);
        Assert.Equal(400, JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32());

        Assert.Equal(snapshot, Curate.Snapshot(connection));
        Assert.Equal(0, FiguresStating(statedAs));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(255)]
    public async Task An_Idempotency_Key_of_1_to_255_characters_is_taken(int length)
    {
        var statedAs = Make.Id("idem-good-key");
        var idempotencyKey = Make.Id("k").PadRight(length, 'k')[..length];
        var first = await PostAsync("/api/v1/figures", Figure(statedAs), key, idempotencyKey);
        var second = await PostAsync("/api/v1/figures", Figure(statedAs), key, idempotencyKey);
        Assert.True(first.Status == HttpStatusCode.Created, first.Body);
        Assert.Equal("true", second.Replayed);
        Assert.Equal(1, FiguresStating(statedAs));
    }

    [Fact]
    public async Task Concurrent_repeats_with_the_same_key_write_exactly_one_record()
    {
        var statedAs = Make.Id("idem-race");
        var idempotencyKey = Guid.NewGuid().ToString();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return await PostAsync("/api/v1/figures", Figure(statedAs), key, idempotencyKey);
        })).ToList();
        gate.SetResult();
        var answers = await Task.WhenAll(racing);

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.Created, $"{(int)a.Status}: {a.Body}"));
        Assert.Single(answers, a => a.Replayed is null);
        Assert.Single(answers.Select(a => a.Location).Distinct());
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Single(answers.Select(a => a.ETag).Distinct());
        Assert.Equal(1, FiguresStating(statedAs));
        Assert.Equal(1, RevisionsOf(JsonDocument.Parse(answers[0].Body).RootElement.Str("id")!));
    }
}
