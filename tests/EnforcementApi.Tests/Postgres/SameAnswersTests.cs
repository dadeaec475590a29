using System.Net;
using System.Text.Json;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Postgres;

/// <summary>
/// The app with the bundled dataset on SQLite, and the app on PostgreSQL over a copy of that very file (every row,
/// the revisions' times included), so that nothing but the engine differs.
/// </summary>
public sealed class BothProviders : IAsyncDisposable
{
    public SqliteDatasetApiFactory Sqlite { get; } = new();
    public CopiedApiFactory Postgres { get; }

    public BothProviders() => Postgres = new CopiedApiFactory(Sqlite);

    public async ValueTask DisposeAsync()
    {
        await Postgres.DisposeAsync();
        await Sqlite.DisposeAsync();
    }

    public sealed class SqliteDatasetApiFactory : DatasetApiFactory
    {
        protected override bool OnPostgres => false;
    }

    public sealed class CopiedApiFactory(SqliteDatasetApiFactory from) : DatasetApiFactory
    {
        protected override string NewPostgresDatabase()
        {
            var database = TestPostgres.NewMigratedDatabase();
            using var source = (Microsoft.Data.Sqlite.SqliteConnection)from.OpenDatabase();
            using var target = new Npgsql.NpgsqlConnection(TestPostgres.ConnectionString(database));
            target.Open();
            EnforcementApi.Data.SqliteToPostgres.CopyAsync(source, target).GetAwaiter().GetResult();
            return database;
        }
    }
}

/// <summary>
/// Every read the README shows and every list query of the plan tests (each list unfiltered, with each filter's
/// documented example, with each sort each way, with the count and every facet), and the next page of each by its
/// cursor: the same status, body and ETag from PostgreSQL as from SQLite, over the same bundled data. The searches
/// ranked by relevance (<c>/api/v1/search</c>, <c>/search</c>) rank by each engine's own measure: SameSearchTests
/// compares what they find. A list's <c>q=</c> keeps the list's own order, and is compared here whole.
/// </summary>
public sealed class SameAnswersTests(BothProviders apps) : IClassFixture<BothProviders>
{
    readonly HttpClient sqlite = apps.Sqlite.CreateClient(new() { AllowAutoRedirect = false });
    readonly HttpClient postgres = apps.Postgres.CreateClient(new() { AllowAutoRedirect = false });

    /// <summary>The dataset download: a file made on each engine, compared by what it holds (<see cref="The_dataset_download_holds_the_same_rows_on_both"/>).</summary>
    const string Download = "/api/v1/dataset.sqlite";

    public static TheoryData<string> Requests()
    {
        var data = new TheoryData<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var url in ReadUrls())
            if (!SameSearchTests.Ranked(url) && url != Download && seen.Add(url)) data.Add(url);
        return data;
    }

    /// <summary>The README's reads, and each list query of the plan tests as a page of 3.</summary>
    public static IEnumerable<string> ReadUrls()
    {
        foreach (var row in ReadmeExamplesTests.Examples()) yield return (string)row[1];
        foreach (var row in QueryPlanTests.Queries)
        {
            var (resource, query) = ((string)row[0], (string)row[1]);
            yield return "/api/v1/" + resource + "?limit=3" + (query.Length > 0 ? "&" + query : "");
        }
    }

    [PostgresTheory, MemberData(nameof(Requests))]
    public async Task A_read_answers_the_same_on_both(string url)
    {
        var (fromSqlite, fromPostgres) = (await GetAsync(sqlite, url), await GetAsync(postgres, url));
        AssertSame(url, fromSqlite, fromPostgres);

        // The next page, by the cursor SQLite gave: the same cursor reads the same page on PostgreSQL (C collation, same keys).
        if (fromSqlite.Status == HttpStatusCode.OK && fromSqlite.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true
            && JsonDocument.Parse(fromSqlite.Body).RootElement.TryGetProperty("nextCursor", out var cursor) && cursor.ValueKind == JsonValueKind.String)
        {
            var next = url + (url.Contains('?') ? "&" : "?") + "cursor=" + Uri.EscapeDataString(cursor.GetString()!);
            AssertSame(next, await GetAsync(sqlite, next), await GetAsync(postgres, next));
        }
    }

    sealed record Answer(HttpStatusCode Status, string Body, string? ETag, string? ContentType);

    static async Task<Answer> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return new Answer(response.StatusCode, Normalized(await response.Content.ReadAsStringAsync()),
            response.Headers.ETag?.Tag, response.Content.Headers.ContentType?.ToString());
    }

    /// <summary>A problem's traceId is the request's own; nothing else of an answer may differ.</summary>
    static string Normalized(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "\"traceId\":\"…\"");

    static void AssertSame(string url, Answer sqlite, Answer postgres)
    {
        Assert.True(sqlite.Status == postgres.Status, $"{url}: SQLite answered {(int)sqlite.Status}, PostgreSQL {(int)postgres.Status}: {postgres.Body[..Math.Min(600, postgres.Body.Length)]}");
        Assert.True(sqlite.ContentType == postgres.ContentType, $"{url}: Content-Type {sqlite.ContentType} on SQLite, {postgres.ContentType} on PostgreSQL");
        if (sqlite.Body != postgres.Body)
        {
            var at = Enumerable.Range(0, Math.Min(sqlite.Body.Length, postgres.Body.Length)).FirstOrDefault(i => sqlite.Body[i] != postgres.Body[i]);
            var from = Math.Max(0, at - 200);
            Assert.Fail($"{url}: the bodies differ at character {at}:\nSQLite:     …{Excerpt(sqlite.Body, from)}\nPostgreSQL: …{Excerpt(postgres.Body, from)}");
        }
        Assert.True(sqlite.ETag == postgres.ETag, $"{url}: ETag {sqlite.ETag} on SQLite, {postgres.ETag} on PostgreSQL");
    }

    static string Excerpt(string body, int from) => body.Substring(from, Math.Min(400, body.Length - from));

    /// <summary>
    /// The download is a SQLite file on both engines. Its bytes differ (pages are laid out as each copy wrote them), but
    /// what a reader of it sees may not: every table's rows, in the order of their columns.
    /// </summary>
    [PostgresFact]
    public async Task The_dataset_download_holds_the_same_rows_on_both()
    {
        var (fromSqlite, fromPostgres) = (await DownloadAsync(sqlite), await DownloadAsync(postgres));
        try
        {
            var (a, b) = (Dump(fromSqlite), Dump(fromPostgres));
            Assert.Equal(a.Keys.Order(StringComparer.Ordinal), b.Keys.Order(StringComparer.Ordinal));
            Assert.Contains("revisions", a.Keys);
            Assert.Empty(a["api_keys"]);
            foreach (var table in a.Keys) Assert.True(a[table].SequenceEqual(b[table]), $"{table}: the rows differ ({a[table].Count} from SQLite, {b[table].Count} from PostgreSQL)");
        }
        finally
        {
            File.Delete(fromSqlite);
            File.Delete(fromPostgres);
        }
    }

    static async Task<string> DownloadAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Download);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.sqlite3", response.Content.Headers.ContentType?.MediaType);
        var path = Path.Combine(Path.GetTempPath(), $"enforcement-download-{Guid.NewGuid():N}.sqlite");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    /// <summary>Every table's rows as text, sorted (row order is the file's own), FTS5's shadow tables aside.</summary>
    internal static Dictionary<string, List<string>> Dump(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = Dapper.SqlMapper.Query<string>(connection,
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'search_text%'").ToList();
        return tables.ToDictionary(t => t, t =>
        {
            using var command = connection.CreateCommand();
            // When each engine applied its migrations is its own; which versions it applied is not.
            command.CommandText = t == "schema_migrations" ? "select version from schema_migrations" : $"select * from \"{t}\"";
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
                rows.Add(string.Join("\u001f", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i) is byte[] bytes ? Convert.ToHexString(bytes) : reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            rows.Sort(StringComparer.Ordinal);
            return rows;
        });
    }
}
