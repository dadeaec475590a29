using System.Diagnostics;
using System.Net;
using Dapper;
using EnforcementApi.Bulk;
using EnforcementApi.Tests.Bulk;
using EnforcementApi.Tests.Curation;
using EnforcementApi.Tests.Hardening;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;

namespace EnforcementApi.Tests.Postgres;

/// <summary>
/// What BulkLoadTests shows of SQLite's bulk path, on PostgreSQL's: a large import (its new figures held and written
/// with binary COPY) is all there, in lists, facets, search, the revisions and the change feed; and a bad last line,
/// a database that runs out of room, or an import killed part way leaves the database exactly as it was. "Room" is a
/// size trigger raising PostgreSQL's disk_full (53100) once the import has written a number of rows, as a full disk
/// or a tablespace quota would part way through.
/// </summary>
public sealed class PostgresImportTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    const int Figures = 12_000;
    readonly WriteApi api = WriteApi.For(factory);

    /// <summary>
    /// Everything that must be as it was after an import that wrote nothing: the rows, the search documents, the schema.
    /// (Not the data version: a key's first use in a minute notes the time, a commit of its own.)
    /// </summary>
    string State()
    {
        using var connection = factory.OpenDatabase();
        return api.Rows()
            + $"\nsearch documents {connection.ExecuteScalar<long>("select count(*) from search_documents")}"
            + "\n" + string.Join("\n", connection.Query<string>("""
                select indexname || ': ' || indexdef from pg_indexes where schemaname = current_schema()
                union all
                select tgname || ' on ' || tgrelid::regclass::text from pg_trigger where not tgisinternal
                order by 1
                """));
    }

    [PostgresFact]
    public async Task A_large_import_is_all_in_lists_facets_search_revisions_and_the_feed()
    {
        var (source, prefix, word) = (Make.Id("test-pg-bulk-src"), Make.Id("test-pg-bulk-fig"), Make.Word());
        var (_, feedBefore) = await api.Client.FeedAsync();

        var reply = await BulkLoadTests.ImportAsync(api, BulkLoadTests.FiguresFile(source, prefix, word, Figures));

        WriteApi.AssertStatus(reply, HttpStatusCode.OK);
        Assert.Equal(Figures, reply.Json.GetProperty("created").GetProperty("figure").GetInt32());
        await BulkLoadTests.AssertListedAsync(api, source, prefix, word, Figures);

        foreach (var i in new[] { 0, Figures / 2, Figures - 1 })
        {
            var served = await api.ReadAsync("figures", $"{prefix}-{i}");
            var revision = (await api.Client.GetJsonAsync($"/api/v1/figures/{prefix}-{i}/revisions")).Items().Single();
            Assert.Equal(served.Body, revision.GetProperty("record").GetRawText());
        }
        // The change feed has the source and every figure once, in the file's order (commit order, as on SQLite).
        var (feed, _) = await api.Client.FeedAsync(feedBefore);
        var fed = feed.Select(c => c.Str("type") + ":" + c.Str("id")).ToList();
        Assert.Equal([$"source:{source}", .. Enumerable.Range(0, Figures).Select(i => $"figure:{prefix}-{i}")], fed);
        using var connection = factory.OpenDatabase();
        Soundness.Assert(connection);
    }

    [PostgresFact]
    public async Task A_bad_last_line_of_a_large_import_is_listed_and_leaves_the_database_exactly_as_it_was()
    {
        var before = State();
        var (source, prefix) = (Make.Id("test-pg-bad-src"), Make.Id("test-pg-bad-fig"));
        var lines = BulkLoadTests.FiguresFile(source, prefix, Make.Word(), Figures);
        lines.Append(BulkLoadTests.Line("figure", Make.Figure($"{prefix}-last", source, "dhs", metric: "test_no_such_metric"))).Append('\n');

        var problem = WriteApi.AssertProblem(await BulkLoadTests.ImportAsync(api, lines), HttpStatusCode.BadRequest);

        Assert.Equal(1, problem.GetProperty("badLines").GetInt32());
        Assert.Equal([$"lines[{Figures + 2}].metric"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, State());
    }

    [PostgresFact]
    public async Task A_rule_only_the_schema_knows_refuses_the_line_that_breaks_it_even_inside_a_copied_batch()
    {
        var before = State();
        var (source, prefix) = (Make.Id("test-pg-rule-src"), Make.Id("test-pg-rule-fig"));
        var lines = BulkLoadTests.FiguresFile(source, prefix, Make.Word(), 3_000);
        using (var connection = factory.OpenDatabase())
            connection.Execute("""
                create function test_refuse_one() returns trigger language plpgsql as $$
                begin
                    if new.id like '%-1234' then raise exception 'test rule: figure % is refused', new.id using errcode = 'check_violation'; end if;
                    return new;
                end $$;
                create trigger test_refuse_one before insert on figures for each row execute function test_refuse_one();
                """);
        try
        {
            var problem = WriteApi.AssertProblem(await BulkLoadTests.ImportAsync(api, lines), HttpStatusCode.BadRequest);

            // Line 1 is the source: figure 1234 is line 1236.
            Assert.Equal(["lines[1236]"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
            Assert.Contains("test rule", problem.GetProperty("errors").GetProperty("lines[1236]")[0].GetString());
        }
        finally
        {
            using var connection = factory.OpenDatabase();
            connection.Execute("drop trigger test_refuse_one on figures; drop function test_refuse_one();");
        }
        Assert.Equal(before, State());
    }

    [PostgresFact]
    public async Task A_large_import_that_runs_out_of_room_answers_507_and_leaves_the_database_exactly_as_it_was()
    {
        var (source, prefix) = (Make.Id("test-pg-full-src"), Make.Id("test-pg-full-fig"));
        using (var connection = factory.OpenDatabase())
            connection.Execute("""
                create sequence test_room;
                create function test_room() returns trigger language plpgsql as $$
                begin
                    if nextval('test_room') > 9000 then
                        raise exception 'could not extend file: No space left on device' using errcode = 'disk_full';
                    end if;
                    return null;
                end $$;
                create trigger test_room after insert on revisions for each row execute function test_room();
                """);
        try
        {
            var before = State();
            var problem = WriteApi.AssertProblem(
                await BulkLoadTests.ImportAsync(api, BulkLoadTests.FiguresFile(source, prefix, Make.Word(), Figures)), HttpStatusCode.InsufficientStorage);

            Assert.Contains("no room", problem.Str("detail"));
            Assert.Equal(before, State());
            var write = await api.SendAsync(HttpMethod.Post, "/api/v1/sources", WriteApi.Body(Make.Source(Make.Id("test-pg-full-one")).ToJsonString(), "application/json"));
            WriteApi.AssertProblem(write, HttpStatusCode.InsufficientStorage);
            Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/figures?limit=1")).StatusCode);
        }
        finally
        {
            using var connection = factory.OpenDatabase();
            connection.Execute("drop trigger test_room on revisions; drop function test_room(); drop sequence test_room;");
        }
    }

    [PostgresFact]
    public async Task A_large_import_killed_part_way_leaves_the_database_exactly_as_it_was()
    {
        var file = Path.Combine(Path.GetTempPath(), "enforcement-api-tests", Guid.NewGuid().ToString("N") + ".ndjson");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, BulkLoadTests.FiguresFile("test-pg-killed-src", "test-pg-killed-fig", Make.Word(), 200_000).ToString());
        try
        {
            var before = State();
            using var process = ImportProcess.Start(factory.DatabaseEnvironment, file);

            // Killed once the import's transaction has written figures (pg_stat_activity shows its COPY), well into the file.
            var started = Stopwatch.StartNew();
            using (var watch = factory.OpenDatabase())
                while (!process.HasExited && started.Elapsed < TimeSpan.FromSeconds(120)
                       && watch.ExecuteScalar<long>("select count(*) from pg_stat_activity where datname = current_database() and query like 'copy figures%'") == 0)
                    await Task.Delay(20);
            Assert.False(process.HasExited, "the import finished before it could be killed; make the file larger");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();

            // The server rolls back the killed client's transaction when its connection drops.
            using var connection = factory.OpenDatabase();
            while (connection.ExecuteScalar<long>("select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle' and query like 'copy%'") > 0)
                await Task.Delay(20);
            Assert.Equal(before, State());
            Soundness.Assert(connection);
            var after = await api.CreateIdAsync("sources", Make.Source(Make.Id("test-pg-after-kill")));
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/sources/{after}")).Status);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
