using System.Net;
using System.Net.Http.Headers;
using Dapper;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;
using Npgsql;

namespace EnforcementApi.Tests.Postgres;

/// <summary>
/// A write that waits on the write lock longer than the busy timeout (<c>Database:BusyTimeoutSeconds</c>, PostgreSQL's
/// <c>lock_timeout</c> there), as SQLite's busy file is tested in FaultTests: a 503 problem with <c>Retry-After</c>,
/// never a 500, and nothing written; once the lock is free the same write goes through.
/// </summary>
public sealed class BusyServerTests(BusyServerTests.OneSecondApiFactory factory) : IClassFixture<BusyServerTests.OneSecondApiFactory>
{
    public sealed class OneSecondApiFactory : ApiFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:BusyTimeoutSeconds", "1");
        }
    }

    /// <summary>The key of the advisory lock every write takes (Data/Dialect.cs).</summary>
    const long WriteLock = 0x456e666f7263;

    [PostgresFact]
    public async Task A_write_kept_waiting_past_the_busy_timeout_is_a_503_problem_with_retry_after()
    {
        var api = WriteApi.For(factory);
        var before = api.Rows();
        using (var holder = (NpgsqlConnection)factory.OpenDatabase())
        using (var transaction = holder.BeginTransaction())
        {
            holder.Execute("select pg_advisory_xact_lock(@key)", new { key = WriteLock }, transaction);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sources")
            {
                Content = new StringContent(Make.Source(Make.Id("test-busy")).ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Key);
            using var response = await api.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"a write kept waiting answered {(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("busy", body);
            Assert.NotNull(response.Headers.RetryAfter);
            transaction.Rollback();
        }
        Assert.Equal(before, api.Rows());
        await api.CreateAsync("sources", Make.Source(Make.Id("test-busy-after")));
    }
}
