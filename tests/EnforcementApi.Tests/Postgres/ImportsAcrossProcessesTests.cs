using System.Net;
using System.Text.Json;
using Dapper;
using EnforcementApi.Bulk;
using EnforcementApi.Tests.Hardening;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;
using Microsoft.Extensions.DependencyInjection;

namespace EnforcementApi.Tests.Postgres;

/// <summary>
/// Imports with several API processes on one PostgreSQL database: one at a time across all of them (an advisory lock
/// held for the import), and a process that starts fails only the jobs of processes that are gone.
/// </summary>
public sealed class ImportsAcrossProcessesTests
{
    /// <summary>Another process on the database that leaves it in place when it stops.</summary>
    static ConfiguredApiFactory AlsoOn(string database) => new(new Dictionary<string, string>
    {
        ["Database:Provider"] = "postgres",
        ["Database:LoadBundledDatasets"] = "false",
    }, connectionString: TestPostgres.ConnectionString(database));

    static string Lines(string prefix) =>
        $$"""{"type": "source", "id": "{{prefix}}-src", "kind": "report", "title": "Import across processes", "language": "en"}""" + "\n";

    static async Task<Reply> ImportAsync(HttpClient client, string ndjson, bool async)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/import") { Content = WriteApi.Body(ndjson, "application/x-ndjson") };
        if (async) request.Headers.Add("Prefer", "respond-async");
        using var response = await client.SendAsync(request);
        return new Reply(HttpMethod.Post, "/api/v1/import", response.StatusCode, await response.Content.ReadAsStringAsync(),
            response.Content.Headers.ContentType?.MediaType, null, response.Headers.Location?.OriginalString);
    }

    static async Task<JsonElement> JobAsync(HttpClient client, string location)
    {
        using var response = await client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    static async Task<string> StateAsync(HttpClient client, string location) => (await JobAsync(client, location)).Str("state")!;

    /// <summary>A client of the app that sends the key (one key for every process: they share the database).</summary>
    static HttpClient KeyedClient(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    [PostgresFact]
    public async Task An_import_in_one_process_holds_the_others_and_a_starting_process_fails_only_the_jobs_of_gone_ones()
    {
        var database = TestPostgres.NewDatabase(withDataset: false);
        await using var first = new ApiFactoryOn(database);
        await using var second = new ApiFactoryOn(database);
        var one = WriteApi.For(first);
        using var other = KeyedClient(second, one.Key);

        // As if an import were running in the first process.
        var slot = await first.Services.GetRequiredService<ImportJobs>().TryStartAsync(CancellationToken.None);
        Assert.NotNull(slot);
        try
        {
            var refused = WriteApi.AssertProblem(await ImportAsync(other, Lines("across-refused"), async: false), HttpStatusCode.Conflict);
            Assert.Contains("One import runs at a time", refused.Str("detail"));
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/v1/sources/across-refused-src")).StatusCode);

            var queued = await ImportAsync(other, Lines("across-queued"), async: true);
            WriteApi.AssertStatus(queued, HttpStatusCode.Accepted);
            await Task.Delay(1500);
            Assert.Equal("queued", await StateAsync(other, queued.Location!));

            // A third process starting now leaves the second's queued job alone: its process is there.
            await using (var third = AlsoOn(database))
            {
                _ = third.Server;
                Assert.Equal("queued", await StateAsync(other, queued.Location!));
            }

            await slot.DisposeAsync();
            slot = null;
            for (var i = 0; i < 300 && await StateAsync(other, queued.Location!) is "queued" or "running"; i++) await Task.Delay(100);
            Assert.Equal("succeeded", await StateAsync(other, queued.Location!));
            Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/api/v1/sources/across-queued-src")).Status);
        }
        finally
        {
            if (slot is not null) await slot.DisposeAsync();
        }

        // A job whose process is gone is failed by the next process that starts.
        await using (var connection = first.OpenDatabase())
            connection.Execute("""
                insert into import_jobs (id, state, dry_run, bytes, created_by, created_at, started_at, runner)
                values ('import-of-a-gone-process', 'running', 0, 10, 'tester', '2026-12-07T12:00:00.000Z', '2026-12-07T12:00:01.000Z', 'elsewhere/1/00000000')
                """);
        await using var restarted = AlsoOn(database);
        using var after = KeyedClient(restarted, one.Key);
        var job = await JobAsync(after, "/api/v1/imports/import-of-a-gone-process");
        Assert.Equal("failed", job.Str("state"));
        Assert.Contains("interrupted", job.GetProperty("problem").Str("title"));
        Assert.Equal(JsonValueKind.String, job.GetProperty("finishedAt").ValueKind);
    }
}
