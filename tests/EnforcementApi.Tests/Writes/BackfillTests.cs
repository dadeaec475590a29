using Dapper;
using EnforcementApi.Tests.Hardening;
using EnforcementApi.Tests.Support;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Tests.Writes;

/// <summary>
/// A record added without a revision (by SQL written by hand, as the benchmark's generator does) gets one
/// at the next start; each start looks only at records added since the last one (<c>history_checked</c>).
/// </summary>
public sealed class BackfillTests
{
    static long Mark(string path, string type)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection.ExecuteScalar<long>("select max_rowid from history_checked where record_type = @type", new { type });
    }

    [Fact]
    public async Task A_record_added_by_sql_between_starts_gets_a_created_revision_and_the_mark_moves_past_it()
    {
        var path = TempDatabase.NewPath();
        try
        {
            await using (var first = new ConfiguredApiFactory(new Dictionary<string, string>(), path))
                _ = first.Server;
            var before = Mark(path, "source");
            Assert.True(before > 0, "the first start marks the bundled sources as checked");

            using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                connection.Open();
                connection.Execute("insert into sources (id, kind, title, language) values ('test-added-by-sql', 'report', 'Added by SQL', 'en')");
            }

            await using (var second = new ConfiguredApiFactory(new Dictionary<string, string>(), path))
            {
                var revisions = await second.CreateClient().GetJsonAsync("/api/v1/sources/test-added-by-sql/revisions");
                var revision = Assert.Single(revisions.Items());
                Assert.Equal("created", revision.Str("change"));
                Assert.Equal("migration", revision.Str("keyName"));
                Assert.Equal("Added by SQL", revision.GetProperty("record").Str("title"));
            }
            Assert.True(Mark(path, "source") > before, "the mark moves past the record it backfilled");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDatabase.Delete(path);
        }
    }
}
