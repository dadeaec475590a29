using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Xunit.Abstractions;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Curation;

/// <summary>
/// Writers and readers at once: no request fails on the server, every acknowledged write is in the history
/// and the change feed, the lists count what was written, and the database and its search index stay sound.
/// </summary>
public sealed class ConcurrentWritesTests(ApiFactory factory, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    // PostgreSQL takes writes from many connections at once (one at a time under its advisory lock): twice as many writers there.
    static readonly int Writers = TestPostgres.Server is null ? 8 : 16;
    const int Readers = 8;
    static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    /// <summary>One acknowledged (2xx) write: which record, what it did, and in which order its writer made it.</summary>
    sealed record Ack(string Type, string Id, string Change, string KeyName);

    sealed class Log
    {
        public ConcurrentQueue<Ack> Acks { get; } = new();
        public ConcurrentQueue<string> Failures { get; } = new();
        public ConcurrentDictionary<string, string> Live { get; } = new(); // url -> type, of created records
        public int Reads;

        /// <summary>Sends a request and records a failure when its status is not one of <paramref name="allowed"/>.</summary>
        public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpRequestMessage request, params HttpStatusCode[] allowed)
        {
            var what = $"{request.Method} {request.RequestUri}";
            try
            {
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (!allowed.Contains(response.StatusCode))
                    Failures.Enqueue($"{what} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
                return (response.StatusCode, text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.EndsWith("json") == true
                    ? JsonDocument.Parse(text).RootElement.Clone()
                    : default);
            }
            catch (Exception e)
            {
                Failures.Enqueue($"{what} threw {e}");
                return (0, default);
            }
        }
    }

    [Fact]
    public async Task Writers_and_readers_at_once_get_no_5xx_lose_no_acknowledged_write_and_leave_a_sound_database()
    {
        var client = factory.CreateClient();
        var setupKey = factory.CreateKey("load-setup");
        await client.CreateAsync("sources", Make.Source("load-source", "Synthetic load ledger"), setupKey);
        await client.CreateAsync("entities", Make.Organization("load-bureau", "Synthetic Load Bureau"), setupKey);
        var figuresBefore = (await client.GetJsonAsync("/api/v1/figures?count=true&limit=1")).GetProperty("total").GetInt64();
        var statementsBefore = (await client.GetJsonAsync("/api/v1/statements?count=true&limit=1")).GetProperty("total").GetInt64();

        var log = new Log();
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w, log, clock)))
            .Concat(Enumerable.Range(0, Readers).Select(r => Task.Run(() => ReadAsync(r, log, clock))))
            .ToList();
        await Task.WhenAll(tasks);

        var failures = log.Failures.ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} request(s) failed under load:\n" + string.Join("\n", failures.Take(30)));
        var acks = log.Acks.ToList();
        output.WriteLine($"{acks.Count} acknowledged writes ({acks.Count(a => a.Change == "created")} creates, "
            + $"{acks.Count(a => a.Change == "updated")} updates, {acks.Count(a => a.Change == "deleted")} deletes) and {log.Reads} reads in {Duration.TotalSeconds} s");
        Assert.True(acks.Count(a => a.Change == "created") >= Writers * 2, $"only {acks.Count} writes were acknowledged in {Duration}");
        Assert.True(log.Reads >= Readers, "the readers hardly read");

        // Every acknowledged write is in the record's revisions, in the order it was made, by the key that made it.
        var byRecord = acks.GroupBy(a => (a.Type, a.Id)).ToList();
        foreach (var record in byRecord)
        {
            var resource = Curate.ResourceOf(record.Key.Type);
            var revisions = (await client.GetJsonAsync($"/api/v1/{resource}/{record.Key.Id}/revisions?limit=200")).Items().ToList();
            Assert.Equal(record.Select(a => a.Change), revisions.Select(r => r.Str("change")));
            Assert.Equal(Enumerable.Range(1, record.Count()).Select(n => (long)n), revisions.Select(r => r.GetProperty("number").GetInt64()));
            Assert.All(revisions, r => Assert.Equal(record.First().KeyName, r.Str("keyName")));
        }

        // And in the change feed, in the same order, and nothing else about these records.
        var (feed, _) = await client.FeedAsync();
        var fed = feed.Where(c => c.Str("id")!.StartsWith("load-w", StringComparison.Ordinal))
            .GroupBy(c => (Type: c.Str("type")!, Id: c.Str("id")!))
            .ToDictionary(g => g.Key, g => g.Select(c => c.Str("change")!).ToList());
        Assert.Equal(byRecord.Count, fed.Count);
        foreach (var record in byRecord)
            Assert.Equal(record.Select(a => a.Change), fed[record.Key]);
        Assert.Equal(feed.Count, feed.Select(c => $"{c.Str("type")}:{c.Str("id")}:{c.GetProperty("revision").GetInt64()}").Distinct().Count());

        // The lists hold what was created and not deleted.
        int Net(string type) => acks.Count(a => a.Type == type && a.Change == "created") - acks.Count(a => a.Type == type && a.Change == "deleted");
        Assert.Equal(figuresBefore + Net("figure"), (await client.GetJsonAsync("/api/v1/figures?count=true&limit=1")).GetProperty("total").GetInt64());
        Assert.Equal(statementsBefore + Net("statement"), (await client.GetJsonAsync("/api/v1/statements?count=true&limit=1")).GetProperty("total").GetInt64());
        foreach (var (resource, type) in new[] { ("figures", "figure"), ("statements", "statement") })
        {
            var expected = byRecord.Where(r => r.Key.Type == type && r.Last().Change != "deleted").Select(r => r.Key.Id).Order(StringComparer.Ordinal);
            var listed = (await client.ListAllAsync(resource)).Keys.Where(id => id.StartsWith("load-w", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
            Assert.Equal(expected, listed);
        }

        using var connection = factory.OpenDatabase();
        Soundness.Assert(connection);
    }

    async Task WriteAsync(int writer, Log log, Stopwatch clock)
    {
        var keyName = $"load-writer-{writer}";
        var key = factory.CreateKey(keyName);
        var client = factory.CreateClient();
        for (var i = 0; clock.Elapsed < Duration; i++)
        {
            var figure = $"load-w{writer}-figure-{i}";
            var (status, _) = await log.SendAsync(client,
                Curate.Request(HttpMethod.Post, "/api/v1/figures", Make.Figure(figure, "load-source", "load-bureau", i, "load tallies"), key),
                HttpStatusCode.Created);
            if (status != HttpStatusCode.Created) continue;
            log.Acks.Enqueue(new Ack("figure", figure, "created", keyName));
            log.Live[$"/api/v1/figures/{figure}"] = "figure";

            (status, _) = await log.SendAsync(client,
                Curate.Request(HttpMethod.Patch, $"/api/v1/figures/{figure}", new JsonObject { ["value"] = i + 1000 }, key), HttpStatusCode.OK);
            if (status == HttpStatusCode.OK) log.Acks.Enqueue(new Ack("figure", figure, "updated", keyName));

            var statement = $"load-w{writer}-statement-{i}";
            (status, _) = await log.SendAsync(client,
                Curate.Request(HttpMethod.Post, "/api/v1/statements", Make.Statement(statement, "load-source", "load-bureau", $"Synthetic load words {writer} {i}."), key),
                HttpStatusCode.Created);
            if (status == HttpStatusCode.Created)
            {
                log.Acks.Enqueue(new Ack("statement", statement, "created", keyName));
                log.Live[$"/api/v1/statements/{statement}"] = "statement";
                if (i % 2 == 0)
                {
                    (status, _) = await log.SendAsync(client,
                        Curate.Request(HttpMethod.Put, $"/api/v1/statements/{statement}",
                            Make.Statement(null, "load-source", "load-bureau", $"Synthetic replaced load words {writer} {i}."), key),
                        HttpStatusCode.OK);
                    if (status == HttpStatusCode.OK) log.Acks.Enqueue(new Ack("statement", statement, "updated", keyName));
                }
                if (i % 5 == 4)
                {
                    (status, _) = await log.SendAsync(client, Curate.Request(HttpMethod.Delete, $"/api/v1/statements/{statement}", null, key), HttpStatusCode.NoContent);
                    if (status == HttpStatusCode.NoContent) log.Acks.Enqueue(new Ack("statement", statement, "deleted", keyName));
                }
            }

            if (i % 3 == 2)
            {
                (status, _) = await log.SendAsync(client, Curate.Request(HttpMethod.Delete, $"/api/v1/figures/{figure}", null, key), HttpStatusCode.NoContent);
                if (status == HttpStatusCode.NoContent) log.Acks.Enqueue(new Ack("figure", figure, "deleted", keyName));
            }
        }
    }

    async Task ReadAsync(int reader, Log log, Stopwatch clock)
    {
        var client = factory.CreateClient();
        var random = new Random(reader);
        string[] lists =
        [
            "/api/v1/figures?limit=50", "/api/v1/figures?count=true&facet=metric&facet=reportedBy&limit=5",
            "/api/v1/statements?speaker=load-bureau&count=true&limit=20", "/api/v1/statements?facet=speaker&limit=1",
            "/api/v1/sources", "/api/v1/entities", "/api/v1/events", "/api/v1/search?q=load", "/api/v1/search?q=tallies&limit=50",
            "/api/v1/figures?q=tallies&count=true", "/api/v1/changes?limit=100", "/api/v1/figures/load-w0-figure-0/revisions",
        ];
        for (var i = 0; clock.Elapsed < Duration; i++)
        {
            Interlocked.Increment(ref log.Reads);
            var live = log.Live.Keys.ToList();
            if (i % 2 == 0 && live.Count > 0)
            {
                var url = live[random.Next(live.Count)];
                // A record a writer has created exists, or was deleted since.
                await log.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, url), HttpStatusCode.OK, HttpStatusCode.Gone);
            }
            else
            {
                var url = lists[random.Next(lists.Length)];
                await log.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, url),
                    url.Contains("/revisions") ? [HttpStatusCode.OK, HttpStatusCode.NotFound] : [HttpStatusCode.OK]);
            }
        }
    }
}
