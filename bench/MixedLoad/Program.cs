// A mixed load for a bounded time: writer clients create sources and retitle them (PATCH with If-Match), and read
// each one back anonymously right after the write completed; reader clients read lists and records meanwhile.
// A read back that does not show the write (its title or its ETag) is a stale read. At the end every source a writer
// created is read once more: missing, or not with its last written title, is a lost write. Prints one line and
// exits 1 on any 5xx, stale read, lost write or other failure (a transport error, an unexpected status). Behind a
// proxy that names the process of each answer (X-Upstream: bench/cluster.sh's nginx), it counts the reads back that
// another process than the write's answered.
//
//   dotnet MixedLoad.dll --key KEY --writes URL [--reads URL] [--seconds 20] [--writers 4] [--readers 4]
//                        [--updates 3] [--label TEXT]
// --reads defaults to --writes: the reads may go through another process (or a load balancer) than the writes.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

var options = Options.Parse(args);
using var writes = Client(options.Writes);
using var reads = options.Reads == options.Writes ? null : Client(options.Reads);
var readClient = reads ?? writes;
var tally = new Tally();
var run = Guid.NewGuid().ToString("N")[..8];
var stop = Stopwatch.StartNew();
var deadline = TimeSpan.FromSeconds(options.Seconds);
var expected = new ConcurrentDictionary<string, string>(); // source id -> its last title written and acknowledged

// Bundled records to read by id, and the lists the readers walk.
var recordPaths = await RecordPaths(readClient);
string[] listPaths =
[
    "/api/v1/sources?limit=50",
    "/api/v1/sources?limit=20&count=true&facet=kind",
    "/api/v1/figures?sort=-periodEnd&limit=50",
    "/api/v1/statements?limit=20",
    "/api/v1/changes?limit=50",
];

stop.Restart();
var clients = Enumerable.Range(0, options.Writers).Select(n => Task.Run(() => Writer(n)))
    .Concat(Enumerable.Range(0, options.Readers).Select(n => Task.Run(() => Reader(n))));
await Task.WhenAll(clients);
var elapsed = stop.Elapsed.TotalSeconds;

// Nothing lost: every acknowledged source, with its last title (outside the timed window).
var lost = 0;
await Parallel.ForEachAsync(expected, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (pair, ct) =>
{
    var (status, title, _, _) = await ReadSource(readClient, pair.Key, counted: false);
    if (status != HttpStatusCode.OK || title != pair.Value)
    {
        Interlocked.Increment(ref lost);
        tally.Note($"lost: {pair.Key} is {(int)status} with title \"{title}\", expected \"{pair.Value}\"");
    }
});

var total = tally.Reads + tally.Writes;
Console.WriteLine(FormattableString.Invariant(
    $"{options.Label}: {total} requests in {elapsed:F1} s, {total / elapsed:F1} requests/s ({tally.Writes} writes, {tally.ReadBacks} reads back{(tally.ReadBacksElsewhere > 0 ? $" ({tally.ReadBacksElsewhere} by the other process than the write's)" : "")}, {tally.Reads - tally.ReadBacks} other reads; {options.Writers} writers, {options.Readers} readers); sources created {expected.Count}; 5xx {tally.ServerErrors}, stale reads {tally.Stale}, lost writes {lost}, other failures {tally.Other}"));
foreach (var note in tally.Notes.Take(20)) Console.Error.WriteLine($"  {note}");
return tally.ServerErrors + tally.Stale + lost + tally.Other == 0 ? 0 : 1;

async Task Writer(int n)
{
    for (var k = 0; stop.Elapsed < deadline; k++)
    {
        var id = $"mixed-load-{run}-w{n}-{k}";
        var title = $"Mixed load {run} writer {n} source {k}, version 0";
        var body = JsonSerializer.Serialize(new { id, kind = "news_article", title, language = "en" });
        var (etag, by) = await Write(HttpMethod.Post, "/api/v1/sources", body, "application/json", null, HttpStatusCode.Created);
        if (etag is null) continue;
        expected[id] = title;
        if (!await ReadBack(id, title, etag, by)) continue;
        for (var version = 1; version <= options.Updates && stop.Elapsed < deadline; version++)
        {
            var next = $"Mixed load {run} writer {n} source {k}, version {version}";
            var patch = JsonSerializer.Serialize(new { title = next });
            var (written, writtenBy) = await Write(HttpMethod.Patch, $"/api/v1/sources/{id}", patch, "application/merge-patch+json", etag, HttpStatusCode.OK);
            // A write that failed may or may not have been committed: its record's last title is not known.
            if (written is null) { expected.TryRemove(id, out _); break; }
            expected[id] = next;
            etag = written;
            if (!await ReadBack(id, next, etag, writtenBy)) break;
        }
    }
}

// Sends a write with the key; answers the new ETag and the process that wrote it (X-Upstream, when there is one),
// or a null ETag (counted) when the answer is not the expected one.
async Task<(string? ETag, string? By)> Write(HttpMethod method, string path, string body, string contentType, string? ifMatch, HttpStatusCode ok)
{
    using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Key);
    if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
    Interlocked.Increment(ref tally.Writes);
    try
    {
        using var response = await writes.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == ok && response.Headers.ETag is { } tag) return (tag.ToString(), Upstream(response));
        tally.Failed(response.StatusCode, $"{method} {path}: {(int)response.StatusCode} {Shorten(text)}");
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        tally.Failed(null, $"{method} {path}: {e.Message}");
    }
    return (null, null);
}

// The read right after a completed write: it must show that write, whichever process answers it.
async Task<bool> ReadBack(string id, string title, string etag, string? writtenBy)
{
    Interlocked.Increment(ref tally.ReadBacks);
    var (status, seen, seenTag, readBy) = await ReadSource(readClient, id, counted: true);
    if (writtenBy is not null && readBy is not null && writtenBy != readBy) Interlocked.Increment(ref tally.ReadBacksElsewhere);
    if (status == HttpStatusCode.OK && seen == title && seenTag == etag) return true;
    if (status is HttpStatusCode.OK or HttpStatusCode.NotFound)
    {
        Interlocked.Increment(ref tally.Stale);
        tally.Note($"stale: {id} read {(int)status} \"{seen}\" {seenTag} from {readBy ?? "?"} after writing \"{title}\" {etag} through {writtenBy ?? "?"}");
    }
    return false;
}

async Task<(HttpStatusCode Status, string? Title, string? ETag, string? By)> ReadSource(HttpClient client, string id, bool counted)
{
    if (counted) Interlocked.Increment(ref tally.Reads);
    try
    {
        using var response = await client.GetAsync($"/api/v1/sources/{id}");
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            if (response.StatusCode != HttpStatusCode.NotFound) tally.Failed(response.StatusCode, $"GET source {id}: {(int)response.StatusCode} {Shorten(text)}");
            return (response.StatusCode, null, null, Upstream(response));
        }
        using var json = JsonDocument.Parse(text);
        return (response.StatusCode, json.RootElement.GetProperty("title").GetString(), response.Headers.ETag?.ToString(), Upstream(response));
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        tally.Failed(null, $"GET source {id}: {e.Message}");
        return (0, null, null, null);
    }
}

async Task Reader(int n)
{
    var random = new Random(n);
    while (stop.Elapsed < deadline)
    {
        var path = random.Next(2) == 0 ? listPaths[random.Next(listPaths.Length)] : recordPaths[random.Next(recordPaths.Length)];
        Interlocked.Increment(ref tally.Reads);
        try
        {
            using var response = await readClient.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK) tally.Failed(response.StatusCode, $"GET {path}: {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            tally.Failed(null, $"GET {path}: {e.Message}");
        }
    }
}

static async Task<string[]> RecordPaths(HttpClient client)
{
    var paths = new List<string>();
    foreach (var type in new[] { "sources", "figures", "statements", "events", "entities" })
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/{type}?limit=50&fields=id"));
        paths.AddRange(json.RootElement.GetProperty("items").EnumerateArray().Select(item => $"/api/v1/{type}/{item.GetProperty("id").GetString()}"));
    }
    return paths.Count > 0 ? [.. paths] : throw new InvalidOperationException("The API has no records to read.");
}

static HttpClient Client(string baseUrl) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    BaseAddress = new Uri(baseUrl),
    Timeout = TimeSpan.FromSeconds(30),
};

static string? Upstream(HttpResponseMessage response) =>
    response.Headers.TryGetValues("X-Upstream", out var values) ? values.FirstOrDefault() : null;

static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";

sealed class Tally
{
    public long Reads, ReadBacks, ReadBacksElsewhere, Writes, ServerErrors, Stale, Other;
    public readonly ConcurrentQueue<string> Notes = new();

    // A 5xx, or any other unexpected answer (a transport error has no status).
    public void Failed(HttpStatusCode? status, string note)
    {
        if (status is { } s && (int)s >= 500) Interlocked.Increment(ref ServerErrors);
        else Interlocked.Increment(ref Other);
        Note(note);
    }

    public void Note(string note)
    {
        if (Notes.Count < 100) Notes.Enqueue(note);
    }
}

sealed record Options(string Writes, string Reads, string Key, int Seconds, int Writers, int Readers, int Updates, string Label)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) Usage($"unexpected {args[i]}");
            values[args[i][2..]] = args[i + 1];
        }
        if (args.Length % 2 != 0) Usage($"{args[^1]} needs a value");
        var known = new[] { "writes", "reads", "key", "seconds", "writers", "readers", "updates", "label" };
        foreach (var name in values.Keys.Except(known)) Usage($"unknown option --{name}");
        var writes = values.GetValueOrDefault("writes");
        var key = values.GetValueOrDefault("key");
        if (writes is null || key is null) Usage("--writes and --key are needed");
        int Number(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        return new Options(writes, values.GetValueOrDefault("reads", writes), key, Number("seconds", 20), Number("writers", 4),
            Number("readers", 4), Number("updates", 3), values.GetValueOrDefault("label", "mixed load"));
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    static void Usage(string problem)
    {
        Console.Error.WriteLine($"MixedLoad: {problem}");
        Console.Error.WriteLine("usage: MixedLoad --key KEY --writes URL [--reads URL] [--seconds 20] [--writers 4] [--readers 4] [--updates 3] [--label TEXT]");
        Environment.Exit(2);
    }
}
