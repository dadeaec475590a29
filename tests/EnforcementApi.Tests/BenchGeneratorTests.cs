using System.Net;
using EnforcementApi.Tests.Hardening;
using EnforcementApi.Tests.Support;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Tests;

/// <summary>
/// The benchmark's generator still writes a database the app serves: a migration that adds a column
/// must not break it silently (one did, until this test).
/// </summary>
[SqliteOnly(NotOnPostgres.SqliteFile)]
public sealed class BenchGeneratorTests
{
    [Fact]
    public async Task A_generated_database_opens_and_serves_its_records_lists_and_search()
    {
        var path = TempDatabase.NewPath();
        try
        {
            EnforcementApi.Bench.BenchDatabase.Write(path, records: 300, seed: 7);
            await using var factory = new ConfiguredApiFactory(new Dictionary<string, string>(), path);
            var client = factory.CreateClient();

            foreach (var resource in new[] { "figures", "statements", "events" })
            {
                var page = await client.GetJsonAsync($"/api/v1/{resource}?count=true&limit=5");
                Assert.True(page.GetProperty("total").GetInt64() >= 300, resource);
                var first = page.Items().First().Str("id");
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/{resource}/{first}")).StatusCode);
            }
            var figure = (await client.GetJsonAsync("/api/v1/figures?limit=1")).Items().First();
            Assert.Equal("normal", figure.Str("rank"));
            var parts = await client.GetJsonAsync("/api/v1/figures?dimension=ne:none&count=true&limit=1");
            Assert.True(parts.GetProperty("total").GetInt64() >= 30, "a quarter of the figures are breakdowns");
            Assert.False(string.IsNullOrEmpty(parts.Items().First().GetProperty("breakdown").Str("label")));
            var changes = await client.GetJsonAsync("/api/v1/changes?limit=1");
            Assert.Single(changes.Items());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDatabase.Delete(path);
        }
    }
}
