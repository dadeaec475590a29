using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EnforcementApi.Auth;
using EnforcementApi.Tests.Hardening;
using EnforcementApi.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EnforcementApi.Tests.Postgres;

/// <summary>
/// A real streaming replica: a cluster of the test's own as the primary, and a second made from it with
/// <c>pg_basebackup -R</c> (<c>.ci/postgres.sh standby</c>), replaying its WAL as a hot standby. One API process has
/// both (<c>ConnectionStrings:EnforcementRead</c>); another has the standby alone. Which server answered is shown by
/// pausing the standby's replay: a write is then on the primary and not on the standby, so what an anonymous read
/// answers says where it was read.
/// </summary>
public sealed class StreamingReplicaTests
{
    // Wide enough that a loaded machine does not stall past it between pausing replay and the reads that must come from the standby.
    const int BoundSeconds = 12;

    [PostgresFact]
    public async Task Anonymous_reads_go_to_the_standby_within_its_lag_bound_and_writes_keys_and_a_writers_next_reads_to_the_primary()
    {
        await using var clusters = await Clusters.StartAsync();
        var primary = clusters.Primary("enforcement");
        var standby = clusters.Standby("enforcement");

        await using var app = new ConfiguredApiFactory(new Dictionary<string, string>
        {
            ["Database:Provider"] = "postgres",
            ["Database:LoadBundledDatasets"] = "false",
            ["ConnectionStrings:EnforcementRead"] = standby,
            ["Database:ReplicaMaxLagSeconds"] = BoundSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, connectionString: primary);
        _ = app.Server;
        var key = app.Services.GetRequiredService<ApiKeys>().Create("replica-test", KeyScope.Write);
        using var writer = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        writer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        var ready = await UntilReplicaAsync(anonymous, "Healthy");
        Assert.True(ready.GetProperty("lagSeconds").GetDouble() <= BoundSeconds, ready.ToString());

        // A write through the primary is on the standby within the bound.
        var first = Make.Id("test-replica");
        using (var created = await PostSourceAsync(writer, first)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var written = Stopwatch.StartNew();
        while (await CountAsync(standby, first) == 0)
        {
            Assert.True(written.Elapsed < TimeSpan.FromSeconds(BoundSeconds), $"the write was not on the standby after {BoundSeconds} s");
            await Task.Delay(50);
        }

        // Replay paused: what the primary has now, the standby has not.
        await ExecuteAsync(standby, "select pg_wal_replay_pause()");
        var second = Make.Id("test-replica");
        using var write = await PostSourceAsync(writer, second);
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
        var wroteCookie = write.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("enforcement-wrote=", StringComparison.Ordinal));
        Assert.Contains("Max-Age=", wroteCookie);
        Assert.Equal(1, await CountAsync(primary, second));

        // An anonymous read and list are the standby's: the second record is not there yet, the first is.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/sources/{second}")).StatusCode);
        var list = await anonymous.GetJsonAsync("/api/v1/sources?limit=200&sort=id");
        Assert.Contains(first, list.Ids());
        Assert.DoesNotContain(second, list.Ids());
        // A read with a key, and the writer's next read with its cookie, are the primary's.
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync($"/api/v1/sources/{second}")).StatusCode);
        using (var withCookie = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/sources/{second}"))
        {
            withCookie.Headers.Add("Cookie", wroteCookie.Split(';')[0]);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(withCookie)).StatusCode);
        }

        // The standby falls behind past the bound: readiness says so, and anonymous reads leave it for the primary.
        var behind = await UntilReplicaAsync(anonymous, "Degraded");
        Assert.True(behind.GetProperty("lagSeconds").GetDouble() > BoundSeconds, behind.ToString());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/sources/{second}")).StatusCode);
        Assert.Contains(second, (await anonymous.GetJsonAsync("/api/v1/sources?limit=200&sort=id")).Ids());

        // Replay resumed: it catches up, and anonymous reads go back to it, with what it now holds.
        await ExecuteAsync(standby, "select pg_wal_replay_resume()");
        await UntilReplicaAsync(anonymous, "Healthy");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/sources/{second}")).StatusCode);

        // A process on the standby alone reads, and answers a write with a 503 problem; nothing is written.
        await using var standbyOnly = new ConfiguredApiFactory(new Dictionary<string, string> { ["Database:Provider"] = "postgres" }, connectionString: standby);
        using var reader = standbyOnly.CreateClient();
        Assert.Contains(second, (await reader.GetJsonAsync("/api/v1/sources?limit=200&sort=id")).Ids());
        var health = await reader.GetJsonAsync("/health/ready");
        Assert.Equal("Degraded", health.GetProperty("checks").GetProperty("database").Str("status"));
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/sources/{second}")).StatusCode);
        var refusedId = Make.Id("test-replica-refused");
        using var refused = await PostSourceAsync(reader, refusedId);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"a write on the standby answered {(int)refused.StatusCode}: {body}");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("read-only", body);
        Assert.Equal(0, await CountAsync(primary, refusedId));
    }

    static Task<HttpResponseMessage> PostSourceAsync(HttpClient client, string id) =>
        client.PostAsync("/api/v1/sources", new StringContent(Make.Source(id).ToJsonString(), Encoding.UTF8, "application/json"));

    /// <summary>Polls readiness until the replica check has the status; answers that check.</summary>
    static async Task<JsonElement> UntilReplicaAsync(HttpClient client, string status)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync("/health/ready");
            var ready = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var replica = ready.GetProperty("checks").GetProperty("replica");
            if (replica.Str("status") == status) return replica.Clone();
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"the replica check is not {status} after 60 s: {ready}");
            await Task.Delay(200);
        }
    }

    static async Task<long> CountAsync(string connectionString, string id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from sources where id = @id", connection);
        count.Parameters.AddWithValue("id", id);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A primary cluster and its streaming standby, both stopped and removed at the end.</summary>
    sealed class Clusters : IAsyncDisposable
    {
        readonly string root = Directory.CreateTempSubdirectory("pgr").FullName;
        string? primary, standby;

        string PrimaryDir => Path.Combine(root, "p");
        string StandbyDir => Path.Combine(root, "s");

        public static async Task<Clusters> StartAsync()
        {
            var clusters = new Clusters();
            try
            {
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(clusters.root, (UnixFileMode)0b111_101_101); // the cluster's owner must reach its folder
                clusters.primary = await Script("start", clusters.PrimaryDir);
                await using (var connection = new NpgsqlConnection(clusters.primary))
                {
                    await connection.OpenAsync();
                    await using var create = new NpgsqlCommand("create database enforcement", connection);
                    await create.ExecuteNonQueryAsync();
                }
                clusters.standby = await Script("standby", clusters.PrimaryDir, clusters.StandbyDir);
                return clusters;
            }
            catch
            {
                await clusters.DisposeAsync();
                throw;
            }
        }

        public string Primary(string database) => new NpgsqlConnectionStringBuilder(primary) { Database = database }.ToString();

        public string Standby(string database) => new NpgsqlConnectionStringBuilder(standby) { Database = database }.ToString();

        static async Task<string> Script(params string[] arguments)
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Repo.PathOf(".ci", "postgres.sh"));
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $".ci/postgres.sh {string.Join(' ', arguments)} failed: {await errors}");
            return (await output).Trim();
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            if (standby is not null) await Script("stop", StandbyDir);
            if (primary is not null) await Script("stop", PrimaryDir);
            Directory.Delete(root, recursive: true);
        }
    }
}
