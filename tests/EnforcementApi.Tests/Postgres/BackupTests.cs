using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EnforcementApi.Auth;
using EnforcementApi.Tests.Hardening;
using EnforcementApi.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EnforcementApi.Tests.Postgres;

/// <summary>
/// A backup as an operator takes it: <c>pg_dump -Fc</c> of a database the API has written to, restored with
/// <c>pg_restore</c> into a new database, answers the same: every export in every format (taken from the contract's
/// paths), the change feed, a search, a record with its ETag. And the restored database goes on: a write there gets
/// a new revision after the old ones and is found by search.
/// </summary>
public sealed class BackupTests
{
    static string Bin(string tool) =>
        Path.Combine(Environment.GetEnvironmentVariable("PGBIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin", tool);

    static ConfiguredApiFactory On(string database) => new(new Dictionary<string, string>
    {
        ["Database:Provider"] = "postgres",
        ["Database:LoadBundledDatasets"] = "false",
    }, connectionString: TestPostgres.ConnectionString(database));

    /// <summary>The exports the contract offers, each in each format its <c>format</c> parameter names.</summary>
    static IEnumerable<string> Exports()
    {
        using var contract = JsonDocument.Parse(File.ReadAllText(Repo.PathOf("openapi", "enforcement-api.v1.json")));
        foreach (var path in contract.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/v1/export/", StringComparison.Ordinal)))
        {
            var formats = path.Value.GetProperty("get").GetProperty("parameters").EnumerateArray()
                .Where(p => p.Str("name") == "format")
                .SelectMany(p => p.GetProperty("schema").TryGetProperty("enum", out var values) ? values.EnumerateArray().Select(v => v.GetString()!) : ["csv"]);
            foreach (var format in formats) yield return $"{path.Name}?format={format}";
        }
    }

    [PostgresFact]
    public async Task A_pg_dump_restored_into_a_new_database_answers_the_same_and_takes_new_writes()
    {
        var original = TestPostgres.NewDatabase(withDataset: true);
        var restored = "t_restored_" + Guid.NewGuid().ToString("N")[..12];
        var dump = Path.Combine(Path.GetTempPath(), restored + ".dump");
        try
        {
            await using var before = On(original);
            _ = before.Server;
            var key = before.Services.GetRequiredService<ApiKeys>().Create("backup-test", KeyScope.Write);
            using var writer = before.CreateClient();
            writer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var kept = Make.Id("test-backup-kept");
            var gone = Make.Id("test-backup-gone");
            await SendAsync(writer, HttpMethod.Post, "/api/v1/sources", Make.Source(kept).ToJsonString(), "application/json", HttpStatusCode.Created);
            await SendAsync(writer, HttpMethod.Patch, $"/api/v1/sources/{kept}", """{"title": "Backup test retitled"}""", "application/merge-patch+json", HttpStatusCode.OK);
            await SendAsync(writer, HttpMethod.Post, "/api/v1/sources", Make.Source(gone).ToJsonString(), "application/json", HttpStatusCode.Created);
            await SendAsync(writer, HttpMethod.Delete, $"/api/v1/sources/{gone}", null, null, HttpStatusCode.NoContent);

            var server = new NpgsqlConnectionStringBuilder(TestPostgres.Server);
            string[] at = ["-h", server.Host!, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", server.Username!];
            await RunAsync(Bin("pg_dump"), [.. at, "-Fc", "-f", dump, original]);
            await RunAsync(Bin("createdb"), [.. at, restored]);
            await RunAsync(Bin("pg_restore"), [.. at, "--no-owner", "--exit-on-error", "-d", restored, dump]);

            await using var after = On(restored);
            using var reader = after.CreateClient();
            using var readerBefore = before.CreateClient();
            var urls = Exports().ToList();
            Assert.True(urls.Count >= 6, "the contract names the exports: " + string.Join(", ", urls));
            urls.AddRange([
                $"/api/v1/sources/{kept}", $"/api/v1/sources/{kept}/revisions", $"/api/v1/sources/{gone}",
                "/api/v1/search?q=removals&limit=50", "/api/v1/figures?count=true&facet=metric&limit=100", "/api/v1/dimensions",
            ]);
            foreach (var url in urls)
            {
                using var was = await readerBefore.GetAsync(url);
                using var now = await reader.GetAsync(url);
                Assert.True(was.StatusCode == now.StatusCode, $"{url}: {(int)was.StatusCode} before the backup, {(int)now.StatusCode} after the restore");
                if (was.StatusCode != HttpStatusCode.OK) continue;
                Assert.Equal(was.Headers.ETag?.Tag, now.Headers.ETag?.Tag);
                var (wasBody, nowBody) = (await was.Content.ReadAsStringAsync(), await now.Content.ReadAsStringAsync());
                Assert.True(wasBody == nowBody, $"{url} answers otherwise after the restore");
            }
            Assert.Equal("Backup test retitled", (await reader.GetJsonAsync($"/api/v1/sources/{kept}")).Str("title"));
            // The whole change feed, in commit order, and the cursor at its end.
            var (feedBefore, endBefore) = await FeedAsync(readerBefore, null);
            var (feedAfter, endAfter) = await FeedAsync(reader, null);
            Assert.True(feedBefore.Count > 100, $"the feed has {feedBefore.Count} changes");
            Assert.Equal(feedBefore, feedAfter);
            Assert.Equal(endBefore, endAfter);

            // The restored database takes writes: its key came along, its sequences go on after the old revisions,
            // and the search index keeps up.
            using var restoredWriter = after.CreateClient();
            restoredWriter.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var fresh = Make.Id("test-backup-after");
            await SendAsync(restoredWriter, HttpMethod.Post, "/api/v1/sources", Make.Source(fresh, title: "Zyzzogeton backup probe").ToJsonString(), "application/json", HttpStatusCode.Created);
            await SendAsync(restoredWriter, HttpMethod.Post, "/api/v1/sources", Make.Source(gone).ToJsonString(), "application/json", HttpStatusCode.Conflict);
            Assert.Single((await reader.GetJsonAsync($"/api/v1/sources/{fresh}/revisions")).Items());
            // The cursor taken before the backup goes on in the restored feed with the one new change.
            var (news, _) = await FeedAsync(reader, endBefore);
            Assert.Single(news);
            Assert.Contains(fresh, news[0]);
            Assert.Contains(fresh, (await reader.GetJsonAsync("/api/v1/search?q=zyzzogeton")).Items().Select(i => i.Str("id")));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            TestPostgres.Drop(original);
            TestPostgres.Drop(restored);
            File.Delete(dump);
        }
    }

    /// <summary>Every change after <paramref name="since"/> (each as its JSON text), following the cursors, and the cursor to poll next.</summary>
    static async Task<(List<string> Changes, string? End)> FeedAsync(HttpClient client, string? since)
    {
        var changes = new List<string>();
        while (true)
        {
            var page = await client.GetJsonAsync("/api/v1/changes?limit=200" + (since is null ? "" : "&since=" + Uri.EscapeDataString(since)));
            var items = page.Items().Select(i => i.GetRawText()).ToList();
            changes.AddRange(items);
            if (page.Str("nextCursor") is { } next) since = next;
            if (items.Count < 200) return (changes, since);
        }
    }

    static async Task SendAsync(HttpClient client, HttpMethod method, string url, string? body, string? contentType, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType!);
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == expected, $"{method} {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    static async Task RunAsync(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var said = (await errors).Trim();
        Assert.True(process.ExitCode == 0 && said.Length == 0, $"{Path.GetFileName(tool)} {string.Join(' ', arguments)} exited {process.ExitCode}: {said} {await output}");
    }
}
