using System.Net;
using EnforcementApi.Tests.Hardening;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests;

/// <summary>
/// No N+1 queries: a page costs the same few SQL statements whether it holds one record or fifty, with
/// one statement for the records and one for all their citations. The statements are counted from the
/// app's own statement log (<c>Database:LogStatements</c>), with the output cache off so that every
/// request reaches the database, over a generated database with enough records of every kind.
/// </summary>
[SqliteOnly(NotOnPostgres.SqliteFile)]
public sealed class StatementCountTests(StatementCountTests.LoggedApi api) : IClassFixture<StatementCountTests.LoggedApi>
{
    /// <summary>The app with its statement log on, over a generated database of 300 records of each kind.</summary>
    public sealed class LoggedApi : IAsyncLifetime
    {
        public ConfiguredApiFactory Factory { get; private set; } = null!;

        public Task InitializeAsync()
        {
            var path = TempDatabase.NewPath();
            EnforcementApi.Bench.BenchDatabase.Write(path, records: 300, seed: 11);
            Factory = new ConfiguredApiFactory(new Dictionary<string, string>
            {
                ["Database:LogStatements"] = "true",
                ["Logging:LogLevel:EnforcementApi.Sql"] = "Debug",
                ["Caching:OutputCacheMegabytes"] = "0",
            }, path, captureLogs: true);
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            await Factory.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TempDatabase.Delete(Factory.DatabasePath);
        }
    }

    readonly ConfiguredApiFactory factory = api.Factory;
    readonly HttpClient client = api.Factory.CreateClient();

    /// <summary>The statements SQLite ran for one GET, with how many records the page held.</summary>
    async Task<(List<string> Statements, int Records)> RunAsync(string url)
    {
        var before = factory.Logs.Messages.Count;
        var page = await client.GetJsonAsync(url);
        // What this request's query runs: the statements logged in its scope (not those of work in the background
        // at the same moment), and not the connection's own setup: Microsoft.Data.Sqlite sends PRAGMA foreign_keys
        // when the pool opens a new connection, which happens on some requests and not others.
        var path = " RequestPath=" + url.Split('?')[0];
        var statements = factory.Logs.Messages.Skip(before)
            .Where(m => m.StartsWith("EnforcementApi.Sql ", StringComparison.Ordinal)
                        && (m.Contains(path + " ", StringComparison.Ordinal) || m.EndsWith(path, StringComparison.Ordinal))
                        && !m.Contains("PRAGMA foreign_keys", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return (statements, page.TryGetProperty("items", out var items) ? items.GetArrayLength() : 1);
    }

    [Theory]
    [InlineData("figures")]
    [InlineData("statements")]
    [InlineData("events")]
    [InlineData("entities")]
    [InlineData("sources")]
    public async Task A_page_of_many_records_runs_as_many_statements_as_a_page_of_one(string resource)
    {
        await RunAsync($"/api/v1/{resource}?limit=2"); // whatever runs once per process is not the page's cost
        var one = await RunAsync($"/api/v1/{resource}?limit=1");
        var many = await RunAsync($"/api/v1/{resource}?limit=50");

        Assert.Equal(1, one.Records);
        Assert.True(many.Records > 3, $"{resource}: the bundled records give a page of {many.Records}; the test needs several");
        Assert.True(many.Statements.Count > 0, $"{resource}: no statement was logged");
        Assert.True(one.Statements.Count == many.Statements.Count,
            $"{resource}: one record took {one.Statements.Count} statements, {many.Records} took {many.Statements.Count}:\n{string.Join("\n", many.Statements)}");
        Assert.True(many.Statements.Count <= 4, $"{resource}: {many.Statements.Count} statements:\n{string.Join("\n", many.Statements)}");
    }

    [Theory]
    [InlineData("figures")]
    [InlineData("statements")]
    [InlineData("events")]
    public async Task Citations_of_a_whole_page_come_from_one_statement(string resource)
    {
        var many = await RunAsync($"/api/v1/{resource}?limit=50");
        Assert.Single(many.Statements, s => s.Contains("from citations c", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_statement_log_holds_the_sql_as_written_never_a_value_from_the_request()
    {
        var id = (await client.GetJsonAsync("/api/v1/figures?limit=1")).Ids()[0];
        var (statements, _) = await RunAsync("/api/v1/figures/" + id);
        // What the app logged, without the request scope that the test's log capture appends (it names the path).
        var logged = statements.Select(s => s.Split(" | scope:")[0]).ToList();
        Assert.NotEmpty(logged);
        Assert.Contains(logged, s => s.Contains("@id", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, s => s.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_setting_nothing_is_logged()
    {
        await using var quiet = new ConfiguredApiFactory(new Dictionary<string, string>
        {
            ["Logging:LogLevel:EnforcementApi.Sql"] = "Debug",
        }, captureLogs: true);
        var response = await quiet.CreateClient().GetAsync("/api/v1/figures");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(quiet.Logs.Messages, m => m.StartsWith("EnforcementApi.Sql "));
    }
}
