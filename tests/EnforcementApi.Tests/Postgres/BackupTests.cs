using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using EnforcementApi.Bulk;
using EnforcementApi.Data;
using EnforcementApi.Tests.Hardening;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;
using Npgsql;

namespace EnforcementApi.Tests.Postgres;

/// <summary>
/// A backup as the README gives it: <c>pg_dump -Fc</c> of a live database with the bundled records and writes of its
/// own, <c>createdb</c> and <c>pg_restore --no-owner --no-privileges</c> into a new database by a role that is not a
/// superuser (as the role an API connects as is), without an error. A second app on the copy then answers what the
/// first answers, byte for byte: every export in every format the contract offers, the dataset download's rows, the
/// whole change feed, searches, records with their ETags and revisions. And the copy is a database to go on with:
/// the old API key and an old ETag work, a write gets ids after every restored one, and search finds it.
/// </summary>
public sealed class BackupTests
{
    sealed class OnDatabase(string database) : ApiFactory
    {
        protected override bool LoadsBundledDataset => true;
        protected override string NewPostgresDatabase() => database;
    }

    [PostgresFact]
    public async Task A_pg_dump_restored_into_a_new_database_answers_the_same_and_takes_writes()
    {
        await using var original = new OnDatabase(TestPostgres.NewDatabase(withDataset: true));
        var api = WriteApi.For(original);
        var word = Make.Word();
        var written = await WriteBeyondTheBundledDataAsync(api, word);

        var server = new NpgsqlConnectionStringBuilder(TestPostgres.Server);
        var originalDatabase = new NpgsqlConnectionStringBuilder(original.DatabaseEnvironment["ConnectionStrings__Enforcement"]).Database!;
        var restored = "t_restored_" + Guid.NewGuid().ToString("N")[..12];
        var role = "t_restorer_" + Guid.NewGuid().ToString("N")[..12];
        var password = Guid.NewGuid().ToString("N");
        var dump = Path.Combine(Path.GetTempPath(), $"enforcement-{Guid.NewGuid():N}.dump");
        await AdminAsync($"create role {role} login createdb nosuperuser password '{password}'");
        try
        {
            // The backup, taken while the first app is serving: pg_dump reads one snapshot.
            await RunAsync("pg_dump", server.Username!, server.Password, "-Fc", "-f", dump, "-d", originalDatabase);
            // The restore, by the role the second app connects as: its database, its objects (--no-owner), no grants
            // to roles this server may not have (--no-privileges); all or nothing, stopping at the first error.
            await RunAsync("createdb", role, password, "-T", "template0", "-E", "UTF8", restored);
            await RunAsync("pg_restore", role, password, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
                "-d", restored, dump);

            var copyConnection = new NpgsqlConnectionStringBuilder(TestPostgres.Server) { Database = restored, Username = role, Password = password }.ToString();
            await using var copy = new ConfiguredApiFactory(new Dictionary<string, string> { ["Database:Provider"] = "postgres" }, connectionString: copyConnection);
            using var before = original.CreateClient(new() { AllowAutoRedirect = false });
            using var after = copy.CreateClient(new() { AllowAutoRedirect = false });

            await AssertSameExportsAsync(before, after);
            var feedEnd = await AssertSameChangeFeedAsync(before, after);
            foreach (var url in ReadUrls(written, word)) AssertSame(url, await GetAsync(before, url), await GetAsync(after, url));
            var originalConnection = original.DatabaseEnvironment["ConnectionStrings__Enforcement"];
            Assert.Equal(await SequencesAsync(originalConnection), await SequencesAsync(copyConnection));
            // The extensions came along too: unaccent, which search's text configuration uses, where the server has it.
            Assert.Equal(await ExtensionsAsync(originalConnection), await ExtensionsAsync(copyConnection));

            // What was compared holds the writes: the replaced figure, and not the deleted one.
            var figures = Encoding.UTF8.GetString((await GetAsync(after, "/api/v1/export/figures", ExportApi.Ndjson)).Body);
            Assert.Contains($"\"id\":\"{written.Figure}\"", figures);
            Assert.DoesNotContain($"\"id\":\"{written.DeletedFigure}\"", figures);

            await AssertTheCopyTakesWritesAsync(before, after, api.Key, written, feedEnd);
        }
        finally
        {
            File.Delete(dump);
            NpgsqlConnection.ClearAllPools();
            await AdminAsync($"drop database if exists {restored} with (force)");
            await AdminAsync($"drop role if exists {role}");
        }
    }

    /// <summary>The records and ids that the writes made, for the reads to compare.</summary>
    sealed record Written(string Source, string Figure, string PatchedSource, string DeletedFigure, string DeletedEvent, string Person);

    /// <summary>A record of each kind of change on top of the bundled records: created, replaced, patched and deleted.</summary>
    static async Task<Written> WriteBeyondTheBundledDataAsync(WriteApi api, string word)
    {
        var source = await api.CreateIdAsync("sources", Make.Source(Make.Id("test-backup"), title: $"Test backup {word} report"));
        var person = await api.CreateIdAsync("entities", Make.Person(Make.Id("test-backup-person"), roleTitle: "Test director", roleOrganization: "ice"));
        var figure = await api.CreateIdAsync("figures", Make.Figure(Make.Id("test-backup-figure"), source, "ice"));
        var etag = (await api.ReadAsync("figures", figure)).ETag;
        await api.ReplaceAsync("figures", figure, Make.Figure(figure, source, "ice", value: 250, period: "2024-02"), etag);

        var bundledSource = (await api.Client.GetJsonAsync("/api/v1/sources?limit=1")).Ids().Single();
        await api.ChangeAsync("sources", bundledSource, new JsonObject { ["title"] = $"Test retitled {word} source" });
        var bundledFigure = (await api.Client.GetJsonAsync("/api/v1/figures?limit=1")).Ids().Single();
        await api.RemoveAsync("figures", bundledFigure);
        var shortLived = await api.CreateIdAsync("events", Make.Event(Make.Id("test-backup-event"), source, "Test office announcement", ("ice", "announcer")));
        await api.RemoveAsync("events", shortLived);
        return new Written(source, figure, bundledSource, bundledFigure, shortLived, person);
    }

    /// <summary>
    /// Every bulk read the served contract offers (its GET operations tagged Bulk without a path parameter), in every
    /// media type its 200 lists, asked for by <c>Accept</c>: the exports byte for byte, the SQLite download by its rows.
    /// </summary>
    static async Task AssertSameExportsAsync(HttpClient before, HttpClient after)
    {
        using var contract = JsonDocument.Parse(await before.GetStringAsync("/swagger/v1/swagger.json"));
        var exports = new List<(string Path, string MediaType)>();
        foreach (var path in contract.RootElement.GetProperty("paths").EnumerateObject().Where(p => !p.Name.Contains('{')))
            if (path.Value.TryGetProperty("get", out var get) && get.GetProperty("tags").EnumerateArray().Any(t => t.GetString() == "Bulk"))
                foreach (var type in get.GetProperty("responses").GetProperty("200").GetProperty("content").EnumerateObject())
                    exports.Add((path.Name, type.Name));

        // The contract's list is the app's: every exportable resource in both formats, the citations, the download.
        foreach (var exportable in Exportables.All)
            foreach (var type in new[] { ExportApi.Ndjson, ExportApi.Csv })
                Assert.Contains(("/api/v1/export/" + exportable.Resource, type), exports);
        Assert.Contains(("/api/v1/export/citations", ExportApi.Csv), exports);
        Assert.Contains(("/api/v1/dataset.sqlite", ExportApi.Sqlite), exports);

        foreach (var (path, type) in exports)
        {
            var (a, b) = (await GetAsync(before, path, type), await GetAsync(after, path, type));
            Assert.True(a.Status == HttpStatusCode.OK, $"{path} as {type} answered {(int)a.Status}: {Text(a.Body)}");
            Assert.Equal(type, a.MediaType);
            Assert.True(a.Body.Length > 0, $"{path} as {type} is empty");
            if (type == ExportApi.Sqlite) AssertSameDownload(a, b);
            else AssertSame($"{path} as {type}", a, b);
        }
    }

    static void AssertSameDownload(Answer before, Answer after)
    {
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.MediaType, after.MediaType);
        var (a, b) = (Path.GetTempFileName(), Path.GetTempFileName());
        try
        {
            File.WriteAllBytes(a, before.Body);
            File.WriteAllBytes(b, after.Body);
            var (rowsBefore, rowsAfter) = (SameAnswersTests.Dump(a), SameAnswersTests.Dump(b));
            Assert.Equal(rowsBefore.Keys.Order(StringComparer.Ordinal), rowsAfter.Keys.Order(StringComparer.Ordinal));
            Assert.NotEmpty(rowsBefore["revisions"]);
            foreach (var table in rowsBefore.Keys)
                Assert.True(rowsBefore[table].SequenceEqual(rowsAfter[table]),
                    $"the download's {table} differs: {rowsBefore[table].Count} rows from the original, {rowsAfter[table].Count} from the copy");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(a);
            File.Delete(b);
        }
    }

    /// <summary>The whole change feed, page by page by its cursors; returns the last cursor, where a new change will come.</summary>
    static async Task<string> AssertSameChangeFeedAsync(HttpClient before, HttpClient after)
    {
        var url = "/api/v1/changes?limit=200";
        var changes = 0;
        while (true)
        {
            var (a, b) = (await GetAsync(before, url), await GetAsync(after, url));
            AssertSame(url, a, b);
            var page = JsonDocument.Parse(a.Body).RootElement;
            var items = page.GetProperty("items").GetArrayLength();
            var next = "/api/v1/changes?limit=200&since=" + Uri.EscapeDataString(page.GetProperty("nextCursor").GetString()!);
            if (items == 0)
            {
                Assert.True(changes > 700, $"the change feed has {changes} changes: not the bundled records and the writes");
                return page.GetProperty("nextCursor").GetString()!;
            }
            changes += items;
            url = next;
        }
    }

    /// <summary>Reads of what the writes touched and of the bundled records, their revisions, lists and searches.</summary>
    static IEnumerable<string> ReadUrls(Written written, string word) =>
    [
        $"/api/v1/sources/{written.Source}",
        $"/api/v1/sources/{written.PatchedSource}",
        $"/api/v1/sources/{written.PatchedSource}/revisions",
        $"/api/v1/figures/{written.Figure}",
        $"/api/v1/figures/{written.Figure}/revisions",
        $"/api/v1/figures/{written.DeletedFigure}",
        $"/api/v1/figures/{written.DeletedFigure}/revisions",
        $"/api/v1/events/{written.DeletedEvent}",
        $"/api/v1/entities/{written.Person}",
        "/api/v1/entities/ice",
        "/api/v1/figures?count=true&facet=metric&limit=20&sort=-periodEnd",
        "/api/v1/statements?limit=5",
        $"/api/v1/search?q={word}",
        "/api/v1/search?q=removals&limit=20",
        "/api/v1/search?q=deportation",
        "/api/v1/figures?q=arrests&limit=10",
        "/api/v1/metrics",
    ];

    /// <summary>
    /// The copy is a database to go on with: the original's key writes, an ETag read from the original is the copy's
    /// current one for If-Match, new rows take ids after the restored ones (the identity sequences came with the dump),
    /// the change feed goes on from the cursor it ended at, and search finds the new record. The original sees none of it.
    /// </summary>
    static async Task AssertTheCopyTakesWritesAsync(HttpClient before, HttpClient after, string key, Written written, string feedEnd)
    {
        var etag = (await before.GetAsync($"/api/v1/entities/{written.Person}")).Headers.ETag!.Tag;
        var patched = await SendAsync(after, key, HttpMethod.Patch, $"/api/v1/entities/{written.Person}",
            """{"summary": "A synthetic official, changed on the restored copy."}""", WriteApi.MergePatch, etag);
        Assert.True(patched.Status == HttpStatusCode.OK, $"PATCH with the original's ETag on the copy answered {(int)patched.Status}: {Text(patched.Body)}");

        var newWord = Make.Word();
        var source = Make.Id("test-after-restore");
        var created = await SendAsync(after, key, HttpMethod.Post, "/api/v1/sources",
            Make.Source(source, title: $"Test restored {newWord} report").ToJsonString(), WriteApi.Json);
        Assert.True(created.Status == HttpStatusCode.Created, $"POST on the copy answered {(int)created.Status}: {Text(created.Body)}");
        // A figure and a person: rows of citations and entity_roles, whose ids come from identity sequences.
        var figure = await SendAsync(after, key, HttpMethod.Post, "/api/v1/figures",
            Make.Figure(Make.Id("test-after-restore-figure"), source, "ice").ToJsonString(), WriteApi.Json);
        Assert.True(figure.Status == HttpStatusCode.Created, $"POST of a figure on the copy answered {(int)figure.Status}: {Text(figure.Body)}");
        var person = await SendAsync(after, key, HttpMethod.Post, "/api/v1/entities",
            Make.Person(Make.Id("test-after-restore-person"), roleTitle: "Test deputy", roleOrganization: "ice").ToJsonString(), WriteApi.Json);
        Assert.True(person.Status == HttpStatusCode.Created, $"POST of a person on the copy answered {(int)person.Status}: {Text(person.Body)}");
        var figureId = JsonDocument.Parse(figure.Body).RootElement.GetProperty("id").GetString()!;

        var feed = await after.GetJsonAsync("/api/v1/changes?since=" + Uri.EscapeDataString(feedEnd));
        Assert.Equal(
            new (string?, string?, string?)[] { ("entity", written.Person, "updated"), ("source", source, "created"), ("figure", figureId, "created"),
                ("entity", JsonDocument.Parse(person.Body).RootElement.GetProperty("id").GetString(), "created") },
            feed.Items().Select(c => (c.Str("type"), c.Str("id"), c.Str("change"))).ToList());
        Assert.Empty((await before.GetJsonAsync("/api/v1/changes?since=" + Uri.EscapeDataString(feedEnd))).Items());

        Assert.Equal(new string?[] { source }, (await after.GetJsonAsync($"/api/v1/search?q={newWord}")).Items().Select(h => h.Str("id")).ToList());
        Assert.Empty((await before.GetJsonAsync($"/api/v1/search?q={newWord}")).Items());
        var read = await GetAsync(after, $"/api/v1/figures/{figureId}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Contains(source, Encoding.UTF8.GetString(read.Body));
    }

    /// <summary>Each identity column's sequence and where it stands (pg_dump carries them with setval).</summary>
    static async Task<List<(string, long?)>> SequencesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return (await connection.QueryAsync<(string, long?)>(
            "select sequencename, last_value from pg_sequences where schemaname = current_schema() order by sequencename")).AsList();
    }

    static async Task<List<string>> ExtensionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return (await connection.QueryAsync<string>("select extname from pg_extension order by extname")).AsList();
    }

    sealed record Answer(HttpStatusCode Status, byte[] Body, string? ETag, string? MediaType, string? ContentType, string? Disposition);

    static async Task<Answer> GetAsync(HttpClient client, string url, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await client.SendAsync(request);
        return new Answer(response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Headers.ETag?.Tag,
            response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.ToString(),
            response.Content.Headers.ContentDisposition?.ToString());
    }

    static async Task<Answer> SendAsync(HttpClient client, string key, HttpMethod method, string url, string body, string contentType, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = WriteApi.Body(body, contentType) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await client.SendAsync(request);
        return new Answer(response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Headers.ETag?.Tag,
            response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.ToString(), null);
    }

    /// <summary>The same status, headers that describe the body, and body; a problem's traceId is the request's own.</summary>
    static void AssertSame(string what, Answer before, Answer after)
    {
        var (a, b) = (Normalized(before.Body), Normalized(after.Body));
        Assert.True(before.Status == after.Status, $"{what}: the original answered {(int)before.Status}, the copy {(int)after.Status}: {Text(after.Body)}");
        Assert.True(before.ContentType == after.ContentType, $"{what}: Content-Type {before.ContentType} from the original, {after.ContentType} from the copy");
        Assert.True(before.Disposition == after.Disposition, $"{what}: Content-Disposition {before.Disposition} from the original, {after.Disposition} from the copy");
        if (a != b)
        {
            var at = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
            var from = Math.Max(0, at - 200);
            Assert.Fail($"{what}: the bodies differ at character {at} ({a.Length} and {b.Length} long):\noriginal: …{Excerpt(a, from)}\ncopy:     …{Excerpt(b, from)}");
        }
        Assert.True(before.ETag == after.ETag, $"{what}: ETag {before.ETag} from the original, {after.ETag} from the copy");
    }

    static string Normalized(byte[] body) => Regex.Replace(Encoding.UTF8.GetString(body), "\"traceId\":\"[^\"]*\"", "\"traceId\":\"…\"");

    static string Text(byte[] body) { var text = Encoding.UTF8.GetString(body); return text[..Math.Min(600, text.Length)]; }

    static string Excerpt(string body, int from) => body.Substring(from, Math.Min(400, body.Length - from));

    /// <summary>
    /// Runs one of PostgreSQL's client programs against the run's server as <paramref name="user"/>; it must end with 0 and
    /// write nothing to standard error (pg_restore reports each failed statement there, and goes on without --exit-on-error).
    /// </summary>
    static async Task RunAsync(string program, string user, string? password, params string[] arguments)
    {
        var server = new NpgsqlConnectionStringBuilder(TestPostgres.Server);
        var start = new ProcessStartInfo(ClientProgram(program)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-h", server.Host!, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", user, .. arguments])
            start.ArgumentList.Add(argument);
        if (password is not null) start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start)!;
        var (output, error) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var command = program + " " + string.Join(' ', start.ArgumentList);
        Assert.True(process.ExitCode == 0, $"{command} ended with {process.ExitCode}:\n{await error}\n{await output}");
        Assert.True((await error).Length == 0, $"{command} wrote to standard error:\n{await error}");
    }

    /// <summary>The program from $PGBIN, else Debian's newest PostgreSQL (as .ci/postgres.sh finds its server), else the PATH.</summary>
    static string ClientProgram(string name)
    {
        var directories = new List<string>();
        if (Environment.GetEnvironmentVariable("PGBIN") is { Length: > 0 } pgbin) directories.Add(pgbin);
        if (Directory.Exists("/usr/lib/postgresql"))
            directories.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists) ?? name;
    }

    static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestPostgres.Server) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await connection.ExecuteAsync(sql);
    }
}
