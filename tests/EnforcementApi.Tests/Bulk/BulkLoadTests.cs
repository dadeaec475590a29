using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using EnforcementApi.Bulk;
using EnforcementApi.Data;
using EnforcementApi.Tests.Curation;
using EnforcementApi.Tests.Hardening;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnforcementApi.Tests.Bulk;

/// <summary>
/// An import larger than <see cref="BulkLoad.Threshold"/> lines is written in bulk (the indexes only reads use
/// are dropped and built again before the commit): what it writes is all there, in lists, facets, search, the
/// revisions and the change feed, the schema is the schema of a fresh database with its plans, and a bad last
/// line, a database that runs out of room or a killed import leaves the database exactly as it was.
/// PostgreSQL's bulk path (binary COPY) has its own: Postgres/PostgresImportTests.
/// </summary>
[SqliteOnly(NotOnPostgres.SqliteFile)]
public sealed class BulkLoadTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    const int Figures = BulkLoad.Threshold + 2_000;
    readonly WriteApi api = WriteApi.For(factory);

    /// <summary>A source, then figures citing it (half removals, half arrests), each excerpt holding <paramref name="word"/>.</summary>
    internal static StringBuilder FiguresFile(string source, string prefix, string word, int count = Figures)
    {
        var lines = new StringBuilder();
        lines.Append(Line("source", Make.Source(source, "Test bulk bulletin"))).Append('\n');
        for (var i = 0; i < count; i++)
        {
            var figure = Make.Figure($"{prefix}-{i}", source, "dhs", i, metric: i % 2 == 0 ? "removals" : "arrests", period: $"2031-{i % 12 + 1:00}");
            figure["citations"] = Make.Cite(source, $"{word} {i} people were counted");
            lines.Append(Line("figure", figure)).Append('\n');
        }
        return lines;
    }

    internal static string Line(string type, JsonObject body)
    {
        var line = new JsonObject { ["type"] = type };
        foreach (var (name, value) in body) line[name] = value?.DeepClone();
        return line.ToJsonString();
    }

    Task<Reply> ImportAsync(StringBuilder lines) => ImportAsync(api, lines);

    internal static Task<Reply> ImportAsync(WriteApi api, StringBuilder lines) =>
        api.SendAsync(HttpMethod.Post, "/api/v1/import", WriteApi.Body(lines.ToString(), "application/x-ndjson"));

    /// <summary>
    /// That the <paramref name="count"/> figures of a <see cref="FiguresFile"/> import are in their list, its count and
    /// its facet, in search and the list's search, and found by value.
    /// </summary>
    internal static async Task AssertListedAsync(WriteApi api, string source, string prefix, string word, int count)
    {
        var list = await api.Client.GetJsonAsync($"/api/v1/figures?source={source}&count=true&facet=metric&limit=1");
        Assert.Equal(count, list.GetProperty("total").GetInt32());
        var byMetric = list.GetProperty("facets").GetProperty("metric").GetProperty("values").EnumerateArray()
            .ToDictionary(f => f.Str("value")!, f => f.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["removals"] = count / 2, ["arrests"] = count / 2 }, byMetric);
        Assert.Equal(count, (await api.Client.GetJsonAsync($"/api/v1/search?q={word}&count=true&limit=1")).GetProperty("total").GetInt32());
        Assert.Equal(count, (await api.Client.GetJsonAsync($"/api/v1/figures?q={word}&count=true&limit=1")).GetProperty("total").GetInt32());
        Assert.Equal([$"{prefix}-7"], await api.ListIdsAsync($"/api/v1/figures?source={source}&value=7"));
    }

    /// <summary>The schema as sqlite_master has it, less where each object's pages start.</summary>
    static List<string> Schema(System.Data.Common.DbConnection connection) =>
        connection.Query<string>("select type || ' ' || name || ' on ' || tbl_name || ': ' || ifnull(sql, '') from sqlite_master order by type, name").AsList();

    /// <summary>Everything that must be as it was after an import that wrote nothing.</summary>
    string State() => State(api);

    static string State(WriteApi api)
    {
        using var connection = api.OpenDatabase();
        return api.Rows() + "\n" + string.Join("\n", connection.Query<string>(
            "select type || ' ' || name || ' ' || rootpage || ': ' || ifnull(sql, '') from sqlite_master order by type, name"))
            + $"\nsearch documents {connection.ExecuteScalar<long>("select count(*) from search_documents")}";
    }

    static void AssertSound(System.Data.Common.DbConnection connection)
    {
        Assert.Equal("ok", connection.ExecuteScalar<string>("pragma integrity_check"));
        // The full-text index agrees with the documents it indexes (an error is thrown when it does not).
        connection.Execute("insert into search_text (search_text) values ('integrity-check')");
    }

    [Fact]
    public async Task A_large_import_is_all_in_lists_facets_search_revisions_and_the_feed_with_the_schema_of_a_fresh_database()
    {
        var (source, prefix, word) = (Make.Id("test-bulk-load-src"), Make.Id("test-bulk-load-fig"), Make.Word());
        var (_, feedBefore) = await api.Client.FeedAsync();

        var reply = await ImportAsync(FiguresFile(source, prefix, word));

        WriteApi.AssertStatus(reply, HttpStatusCode.OK);
        Assert.Equal(Figures, reply.Json.GetProperty("created").GetProperty("figure").GetInt32());

        await AssertListedAsync(api, source, prefix, word, Figures);

        // Every figure has its one revision, and the change feed has each (and the source) once.
        using (var connection = api.OpenDatabase())
            Assert.Equal(Figures, connection.ExecuteScalar<long>(
                "select count(*) from revisions where record_type = 'figure' and record_id like @prefix || '-%' and revision = 1 and change = 'created'", new { prefix }));
        foreach (var i in new[] { 0, Figures / 2, Figures - 1 })
        {
            var served = await api.ReadAsync("figures", $"{prefix}-{i}");
            var revision = (await api.Client.GetJsonAsync($"/api/v1/figures/{prefix}-{i}/revisions")).Items().Single();
            Assert.Equal(served.Body, revision.GetProperty("record").GetRawText());
        }
        var (feed, _) = await api.Client.FeedAsync(feedBefore);
        var fed = feed.Select(c => c.Str("type") + ":" + c.Str("id")).ToList();
        Assert.Equal(Figures + 1, fed.Count);
        Assert.Equal(Figures + 1, fed.Distinct().Count());
        Assert.Contains($"source:{source}", fed);

        // The indexes are back, as a fresh database has them, and the lists' queries read them.
        var fresh = TempDatabase.NewPath();
        try
        {
            new Migrator(new Db($"Data Source={fresh};Foreign Keys=True;Pooling=False"), NullLogger<Migrator>.Instance).ApplyPending();
            using var freshConnection = new SqliteConnection($"Data Source={fresh};Pooling=False");
            freshConnection.Open();
            using var connection = api.OpenDatabase();
            Assert.Equal(Schema(freshConnection), Schema(connection));
            AssertSound(connection);
            foreach (var (resource, query) in QueryPlanTests.Queries.Select(q => ((string)q[0], (string)q[1])))
                if (resource is "figures" or "search")
                    await QueryPlanTests.AssertQueryUsesIndexesAsync(connection, resource, query);
        }
        finally
        {
            TempDatabase.Delete(fresh);
        }
    }

    [Fact]
    public async Task A_bad_last_line_of_a_large_import_is_listed_and_leaves_the_database_exactly_as_it_was()
    {
        var before = State();
        var (source, prefix) = (Make.Id("test-bulk-bad-src"), Make.Id("test-bulk-bad-fig"));
        var lines = FiguresFile(source, prefix, Make.Word());
        lines.Append(Line("figure", Make.Figure($"{prefix}-last", source, "dhs", metric: "test_no_such_metric"))).Append('\n');

        var problem = WriteApi.AssertProblem(await ImportAsync(lines), HttpStatusCode.BadRequest);

        Assert.Equal(1, problem.GetProperty("badLines").GetInt32());
        Assert.Equal([$"lines[{Figures + 2}].metric"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, State());
        using var connection = api.OpenDatabase();
        AssertSound(connection);
    }

    [Fact]
    public async Task A_large_import_that_runs_out_of_room_answers_507_and_leaves_the_database_exactly_as_it_was()
    {
        var (path, probe) = (TempDatabase.NewPath(), TempDatabase.NewPath());
        var lines = FiguresFile(Make.Id("test-bulk-full-src"), Make.Id("test-bulk-full-fig"), Make.Word());
        try
        {
            long pages, needed;
            await using (var first = new ConfiguredApiFactory(new Dictionary<string, string>(), path))
            {
                using var connection = first.OpenDatabase();
                connection.Execute("pragma wal_checkpoint(truncate); vacuum;");
                pages = connection.ExecuteScalar<long>("pragma page_count");
            }
            SqliteConnection.ClearAllPools();

            // The pages the whole import takes, measured on a copy of the file.
            File.Copy(path, probe);
            await using (var roomy = new ConfiguredApiFactory(new Dictionary<string, string>(), probe))
            {
                var roomyApi = WriteApi.For(roomy, roomy.OpenDatabase);
                WriteApi.AssertStatus(await ImportAsync(roomyApi, lines), HttpStatusCode.OK);
                using var connection = roomy.OpenDatabase();
                needed = connection.ExecuteScalar<long>("pragma page_count") - pages;
            }
            SqliteConnection.ClearAllPools();

            // Room for all but the last few per cent: the import runs out of it well past the lines it writes before
            // it drops indexes, while it writes the rest, builds the search entries or builds the indexes again.
            await using var full = new ConfiguredApiFactory(
                new Dictionary<string, string> { ["Database:MaxPageCount"] = (pages + needed * 95 / 100).ToString() }, path);
            var fullApi = WriteApi.For(full, full.OpenDatabase);
            var before = State(fullApi);

            var problem = WriteApi.AssertProblem(await ImportAsync(fullApi, lines), HttpStatusCode.InsufficientStorage);

            Assert.Contains("no room", problem.Str("detail"));
            Assert.Equal(before, State(fullApi));
            using (var connection = full.OpenDatabase()) AssertSound(connection);
            Assert.Equal(HttpStatusCode.OK, (await fullApi.Client.GetAsync("/api/v1/figures?limit=1")).StatusCode);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDatabase.Delete(path);
            TempDatabase.Delete(probe);
        }
    }

    [Fact]
    public async Task A_large_import_killed_part_way_leaves_the_database_exactly_as_it_was_and_sound()
    {
        var file = Path.Combine(Path.GetTempPath(), "enforcement-api-tests", Guid.NewGuid().ToString("N") + ".ndjson");
        await File.WriteAllTextAsync(file, FiguresFile("test-bulk-killed-src", "test-bulk-killed-fig", Make.Word(), count: 200_000).ToString());
        try
        {
            var before = State();
            using var process = ImportProcess.Start(factory.DatabasePath, file);

            // Killed once the import has written 16 MiB to the write-ahead log: well past the lines it writes
            // before it drops indexes, with the page cache spilling.
            var wal = factory.DatabasePath + "-wal";
            var walBefore = File.Exists(wal) ? new FileInfo(wal).Length : 0;
            var started = Stopwatch.StartNew();
            while (!process.HasExited && started.Elapsed < TimeSpan.FromSeconds(120)
                   && (!File.Exists(wal) || new FileInfo(wal).Length < walBefore + 16 * 1024 * 1024))
                await Task.Delay(20);
            Assert.False(process.HasExited, "the import finished before it could be killed; make the file larger");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();

            SqliteConnection.ClearAllPools();
            Assert.Equal(before, State());
            using var connection = api.OpenDatabase();
            AssertSound(connection);
            Assert.Equal(0, connection.ExecuteScalar<long>("select count(*) from figures where id like 'test-bulk-killed-%'"));
            var after = await api.CreateIdAsync("sources", Make.Source(Make.Id("test-after-kill")));
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/sources/{after}")).Status);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
