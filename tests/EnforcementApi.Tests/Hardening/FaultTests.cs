using System.Net;
using System.Text.Json;
using Dapper;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Tests.Hardening;

/// <summary>
/// The database in trouble: missing at start (created), read-only (reads work, writes 503, readiness
/// says why), locked by another writer past the busy timeout (503 with Retry-After), full (507). Never
/// a 500, and the database stays sound.
/// </summary>
[SqliteOnly(NotOnPostgres.SqliteFile)]
public sealed class FaultTests
{
    static readonly Dictionary<string, string> NoSettings = [];

    static void AssertSound(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Assert.Equal("ok", connection.ExecuteScalar<string>("pragma integrity_check"));
    }

    [Fact]
    public async Task A_missing_database_file_is_created_with_its_directory_at_start()
    {
        var directory = Path.Combine(Path.GetTempPath(), "enforcement-api-tests", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(directory, "new", "enforcement.db");
        try
        {
            await using var factory = new ConfiguredApiFactory(NoSettings, path);
            var response = await factory.CreateClient().GetAsync("/api/v1/figures/dhs-removals-first-100-days");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(File.Exists(path));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_read_only_database_serves_reads_refuses_writes_with_503_and_readiness_says_so()
    {
        await using var writable = new ApiFactory();
        var seed = WriteApi.For(writable);
        var before = seed.Rows();

        await using var readOnly = new ConfiguredApiFactory(NoSettings, writable.DatabasePath, $"Data Source={writable.DatabasePath};Mode=ReadOnly");
        var client = readOnly.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/figures")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/search?q=deported")).StatusCode);

        // The key was made while the file was writable; the read-only app still knows it.
        using var write = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sources")
        {
            Content = WriteApi.Body(Make.Source(null, "Test source on a read-only database").ToJsonString(), WriteApi.Json),
        };
        write.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", seed.Key);
        var refused = await client.SendAsync(write);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)refused.StatusCode}: {body}");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("read-only", body);
        Assert.Equal(before, seed.Rows());

        var ready = JsonDocument.Parse(await readOnly.CreateClient().GetStringAsync("/health/ready")).RootElement;
        Assert.Equal("Degraded", ready.Str("status"));
        Assert.Contains("read-only", ready.GetProperty("checks").GetProperty("database").Str("description"));
        AssertSound(writable.DatabasePath);
    }

    [Fact]
    public async Task A_write_behind_a_lock_held_past_the_busy_timeout_is_a_503_with_retry_after_and_changes_nothing()
    {
        var path = TempDatabase.NewPath();
        try
        {
            await using var factory = new ConfiguredApiFactory(new Dictionary<string, string> { ["Database:BusyTimeoutSeconds"] = "1" }, path);
            var api = WriteApi.For(factory, factory.OpenDatabase);
            var before = api.Rows();

            using (var holder = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                holder.Open();
                using var transaction = holder.BeginTransaction(deferred: false);
                holder.Execute("insert into sources (id, kind, title, language) values ('test-held', 'report', 'Test held', 'en')", transaction: transaction);

                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sources")
                {
                    Content = WriteApi.Body(Make.Source(null, "Test source behind a lock").ToJsonString(), "application/json"),
                };
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", api.Key);
                var response = await api.Client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) > 0);

                // Reads go on while the lock is held (WAL).
                Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/figures")).StatusCode);
                transaction.Rollback();
            }

            Assert.Equal(before, api.Rows());
            WriteApi.AssertStatus(await api.PostAsync("sources", Make.Source(null, "Test source after the lock")), HttpStatusCode.Created);
            AssertSound(path);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDatabase.Delete(path);
        }
    }

    [Fact]
    public async Task A_request_that_runs_past_the_request_timeout_is_stopped_with_a_503_problem_and_writes_nothing()
    {
        await using var factory = new ConfiguredApiFactory(new Dictionary<string, string> { ["Limits:RequestTimeoutSeconds"] = "1" });
        var api = WriteApi.For(factory, factory.OpenDatabase);
        var before = api.Rows();

        // An import of 20,000 figures takes several seconds (about 1,000 records/s here), far past 1 s.
        var lines = new System.Text.StringBuilder();
        lines.Append("""{"type": "source", "id": "test-slow-src", "kind": "report", "title": "Test slow source", "language": "en"}""").Append('\n');
        for (var i = 0; i < 20_000; i++)
        {
            var figure = Make.Figure($"test-slow-{i}", "test-slow-src", "dhs", i);
            figure.Insert(0, "type", "figure");
            lines.Append(figure.ToJsonString()).Append('\n');
        }
        var started = System.Diagnostics.Stopwatch.StartNew();
        var reply = await api.SendAsync(HttpMethod.Post, "/api/v1/import", WriteApi.Body(lines.ToString(), "application/x-ndjson"));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"took {started.Elapsed}");
        Assert.Contains("Limits:RequestTimeoutSeconds", WriteApi.AssertProblem(reply, HttpStatusCode.ServiceUnavailable).Str("detail"));
        Assert.Equal(before, api.Rows());
    }

    [Fact]
    public async Task A_full_database_answers_507_for_the_write_that_does_not_fit_and_stays_sound()
    {
        var path = TempDatabase.NewPath();
        try
        {
            long pages;
            await using (var first = new ConfiguredApiFactory(NoSettings, path))
            {
                using var connection = first.OpenDatabase();
                connection.Execute("pragma wal_checkpoint(truncate); vacuum;");
                pages = connection.ExecuteScalar<long>("pragma page_count");
            }
            SqliteConnection.ClearAllPools();

            await using var full = new ConfiguredApiFactory(new Dictionary<string, string> { ["Database:MaxPageCount"] = (pages + 8).ToString() }, path);
            var api = WriteApi.For(full, full.OpenDatabase);
            Reply? refused = null;
            string? refusedId = null;
            var created = new List<string>();
            for (var i = 0; i < 40 && refused is null; i++)
            {
                var id = Make.Id("test-full");
                var source = Make.Source(id, "Test large source " + new string('x', 480));
                source["publisher"] = new string('p', 190);
                source["url"] = "https://example.org/" + new string('u', 1900);
                var reply = await api.PostAsync("sources", source);
                if (reply.Status == HttpStatusCode.Created) created.Add(id);
                else (refused, refusedId) = (reply, id);
            }

            Assert.NotNull(refused);
            var problem = WriteApi.AssertProblem(refused!, HttpStatusCode.InsufficientStorage);
            Assert.Contains("no room", problem.Str("detail"));
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/sources/{refusedId}")).Status);
            Assert.NotEmpty(created);
            foreach (var id in created) Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/sources/{id}")).Status);
            Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/sources")).StatusCode);
            AssertSound(path);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDatabase.Delete(path);
        }
    }
}
