using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using EnforcementApi.Tests.Curation;
using EnforcementApi.Tests.Support;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Tests.Bulk;

/// <summary>
/// <c>import</c>, <c>export</c> and <c>migrate</c> run as the real app process on the database file of an
/// in-process app; and an import killed part-way leaves none of itself and a sound database.
/// </summary>
public sealed class BulkCommandTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.CreateClient();

    Task<AppProcess.Outcome> Run(params string[] args) => AppProcess.RunAsync(factory, args);

    static string FiguresFile(int count, string source, string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), "enforcement-api-tests", Guid.NewGuid().ToString("N") + ".ndjson");
        using var writer = new StreamWriter(path);
        writer.WriteLine(new JsonObject { ["type"] = "source", ["id"] = source, ["kind"] = "report", ["title"] = "Test bulk bulletin", ["language"] = "en" }.ToJsonString());
        for (var i = 0; i < count; i++)
            writer.WriteLine(new JsonObject
            {
                ["type"] = "figure", ["id"] = $"{prefix}-{i}", ["metric"] = "removals", ["kind"] = "actual", ["value"] = i, ["unit"] = "people",
                ["periodStart"] = "2030-01-01", ["periodEnd"] = "2030-01-31", ["scope"] = "Test Bulk Area", ["reportedBy"] = new JsonObject { ["id"] = "dhs" },
                ["citations"] = new JsonArray(new JsonObject { ["sourceId"] = source, ["excerpt"] = $"{i} people were removed" }),
            }.ToJsonString());
        return path;
    }

    [Fact]
    public async Task Import_writes_the_file_and_prints_the_counts_and_export_prints_what_the_api_exports()
    {
        var file = FiguresFile(3, "test-cli-src", "test-cli-fig");
        try
        {
            var imported = await Run("import", file);
            Assert.True(imported.ExitCode == 0, imported.ToString());
            var counts = JsonDocument.Parse(imported.Lines[^1]).RootElement;
            Assert.Equal(3, counts.GetProperty("created").GetProperty("figure").GetInt32());
            Assert.True(imported.Stderr.Length == 0, "progress goes only to a terminal: " + imported.Stderr); // standard error is redirected here

            var revisions = await client.GetJsonAsync("/api/v1/figures/test-cli-fig-0/revisions");
            Assert.Equal("command-line", Assert.Single(revisions.Items()).Str("keyName"));

            var again = await Run("import", "--quiet", file);
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Equal(3, JsonDocument.Parse(again.Lines[^1]).RootElement.GetProperty("replaced").GetProperty("figure").GetInt32());

            foreach (var format in new[] { "ndjson", "csv" })
            {
                var exported = await Run("export", "--type", "figures", "--format", format);
                Assert.True(exported.ExitCode == 0, exported.ToString());
                Assert.Equal(await client.GetStringAsync($"/api/v1/export/figures?format={format}"), exported.Stdout);
                Assert.True(exported.Stderr.Length == 0, exported.Stderr);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_bad_file_is_listed_on_standard_error_with_a_non_zero_exit_and_nothing_written()
    {
        var file = Path.Combine(Path.GetTempPath(), "enforcement-api-tests", Guid.NewGuid().ToString("N") + ".ndjson");
        await File.WriteAllTextAsync(file, """{"type": "source", "id": "test-cli-bad", "kind": "report", "title": "T", "language": "en"}""" + "\n{\"type\": \"moon\"}\n");
        try
        {
            var outcome = await Run("import", file);
            Assert.Equal(1, outcome.ExitCode);
            Assert.Contains("lines[2].type", outcome.Stderr);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/sources/test-cli-bad")).StatusCode);

            var missing = await Run("import", file + ".missing");
            Assert.NotEqual(0, missing.ExitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("import")]
    [InlineData("export")]
    [InlineData("migrate")]
    [InlineData("keys")]
    public async Task Every_command_has_help(string command)
    {
        var outcome = await Run(command, "--help");
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("Usage:", outcome.Stdout);
        Assert.Contains(command, outcome.Stdout);
    }

    [Fact]
    public async Task Migrate_brings_the_database_to_the_current_version_and_export_refuses_an_unknown_type()
    {
        var outcome = await Run("migrate");
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var unknown = await Run("export", "--type", "planets");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.DoesNotContain("{\"type\"", unknown.Stdout);
        Assert.Contains("planets", unknown.Stderr);
    }

    [Fact]
    public async Task A_command_on_a_database_from_a_newer_build_says_so_in_one_line_and_changes_nothing()
    {
        var path = TempDatabase.NewPath();
        try
        {
            Assert.Equal(0, (await AppProcess.RunAsync(path, ["migrate"])).ExitCode);
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
                connection.Execute("insert into schema_migrations (version, name, applied_at) values (999, 'from_a_newer_build', '2030-01-01T00:00:00Z')");

            foreach (var command in new[] { new[] { "migrate" }, ["export", "--type", "figures"] })
            {
                var outcome = await AppProcess.RunAsync(path, command);
                Assert.True(outcome.ExitCode == 1, outcome.ToString());
                Assert.Contains("has schema version 999", outcome.Stderr);
                Assert.DoesNotContain("   at ", outcome.Stderr);
                Assert.DoesNotContain("Unhandled exception", outcome.Stderr);
            }
            using var after = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
            Assert.Equal(999, after.ExecuteScalar<long>("select max(version) from schema_migrations"));
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    // Watches SQLite's write-ahead log; PostgresImportTests kills an import on PostgreSQL.
    [Fact]
    [SqliteOnly(NotOnPostgres.SqliteFile)]
    public async Task An_import_killed_part_way_leaves_none_of_itself_and_a_sound_database()
    {
        var file = FiguresFile(200_000, "test-killed-src", "test-killed-fig");
        try
        {
            using var process = ImportProcess.Start(factory.DatabasePath, file);

            // Kill it once the import has written to the database file (its write-ahead log grows).
            var wal = factory.DatabasePath + "-wal";
            var started = Stopwatch.StartNew();
            var before = File.Exists(wal) ? new FileInfo(wal).Length : 0;
            while (!process.HasExited && started.Elapsed < TimeSpan.FromSeconds(60)
                   && (!File.Exists(wal) || new FileInfo(wal).Length < before + 4 * 1024 * 1024))
                await Task.Delay(50);
            Assert.False(process.HasExited, "the import finished before it could be killed; make the file larger");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();

            using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
            connection.Open();
            Assert.Equal("ok", connection.ExecuteScalar<string>("pragma integrity_check"));
            Assert.Equal(0, connection.ExecuteScalar<long>("select count(*) from figures where id like 'test-killed-fig-%'"));
            Assert.Equal(0, connection.ExecuteScalar<long>("select count(*) from sources where id = 'test-killed-src'"));
            Assert.Equal(0, connection.ExecuteScalar<long>("select count(*) from revisions where record_id like 'test-killed-%'"));
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/api/v1/figures?limit=1")).StatusCode);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
