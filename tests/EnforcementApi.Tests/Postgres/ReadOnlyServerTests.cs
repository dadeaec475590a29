using System.Net;
using System.Net.Http.Headers;
using EnforcementApi.Auth;
using EnforcementApi.Tests.Hardening;
using EnforcementApi.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EnforcementApi.Tests.Postgres;

/// <summary>
/// PostgreSQL's read-only server (a hot standby, or a database set <c>default_transaction_read_only</c>), as SQLite's
/// read-only file is tested in Hardening: reads answer as ever, and a write answers 503 with <c>Retry-After</c> and a
/// problem that says the database is read-only here (SQLSTATE 25006), never a 500; nothing is written.
/// </summary>
public sealed class ReadOnlyServerTests
{
    [PostgresFact]
    public async Task On_a_read_only_server_reads_answer_and_a_write_is_a_503_problem_with_retry_after()
    {
        var database = TestPostgres.NewDatabase(withDataset: false);
        try
        {
            var writable = TestPostgres.ConnectionString(database);
            string key;
            await using (var app = new ConfiguredApiFactory(new Dictionary<string, string> { ["Database:Provider"] = "postgres" }, connectionString: writable))
            {
                _ = app.Server;
                key = app.Services.GetRequiredService<ApiKeys>().Create("reader-test", KeyScope.Write);
                // A use of the key now: its "last used" is noted, so the read-only server has nothing to note for a minute.
                using var client = app.CreateClient();
                using var noted = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sources?limit=1");
                noted.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(noted)).StatusCode);
            }

            var readOnly = new NpgsqlConnectionStringBuilder(writable) { Options = "-c default_transaction_read_only=on" }.ToString();
            await using var standby = new ConfiguredApiFactory(new Dictionary<string, string> { ["Database:Provider"] = "postgres" }, connectionString: readOnly);
            using var reader = standby.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/figures?limit=1")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/search?q=removals")).StatusCode);

            using var write = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sources")
            {
                Content = new StringContent(Make.Source(Make.Id("test-read-only")).ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            };
            write.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var refused = await reader.SendAsync(write);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"a write on a read-only server answered {(int)refused.StatusCode}: {body}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Contains("read-only", body);

            await using var check = new NpgsqlConnection(writable);
            await check.OpenAsync();
            await using var count = new NpgsqlCommand("select count(*) from sources where id like 'test-read-only%'", check);
            Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            TestPostgres.Drop(database);
        }
    }
}
