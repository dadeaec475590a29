using System.Net;
using System.Text.Json;
using EnforcementApi.Tests.Search;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Postgres;

/// <summary>
/// Search on both engines over the same bundled data. Each ranks by its own measure (FTS5's bm25 on SQLite, ts_rank on
/// PostgreSQL), so scores, snippets and the order of hits may differ; the records a search finds, their total and
/// their counts by kind may not. A malformed query is refused before either engine sees it: the same 400, word for
/// word. Whatever the query holds (FTS5's, tsquery's or SQL's syntax, quotes, unbalanced parentheses, a lone NOT, the
/// longest query allowed), neither engine answers a 5xx.
/// </summary>
public sealed class SameSearchTests(BothProviders apps) : IClassFixture<BothProviders>
{
    readonly HttpClient sqlite = apps.Sqlite.CreateClient(new() { AllowAutoRedirect = false });
    readonly HttpClient postgres = apps.Postgres.CreateClient(new() { AllowAutoRedirect = false });

    /// <summary>Whether a request is a search ranked by relevance, whose order is each engine's own.</summary>
    public static bool Ranked(string url) =>
        url.StartsWith("/api/v1/search", StringComparison.Ordinal) || (url.StartsWith("/search?", StringComparison.Ordinal) && url.Contains("q="));

    public static TheoryData<string> RankedReads()
    {
        var data = new TheoryData<string>();
        foreach (var url in SameAnswersTests.ReadUrls().Where(Ranked).Distinct()) data.Add(url);
        return data;
    }

    [PostgresTheory, MemberData(nameof(RankedReads))]
    public async Task A_readme_search_finds_the_same_records_on_both(string url)
    {
        // The HTML page shows the API's hits: compared through the API.
        var api = url.StartsWith("/search?", StringComparison.Ordinal) ? "/api/v1" + url : url;
        var (fromSqlite, fromPostgres) = (await FoundAsync(sqlite, api), await FoundAsync(postgres, api));
        Assert.True(fromSqlite.Status == HttpStatusCode.OK, $"{api} answered {(int)fromSqlite.Status} on SQLite");
        Assert.NotEmpty(fromSqlite.Records);
        AssertSameFound(api, fromSqlite, fromPostgres);

        if (url != api)
        {
            using var page = await postgres.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }

    public static TheoryData<string> EdgeQueries()
    {
        string[] queries =
        [
            // tsquery's own syntax: every term reaches to_tsquery quoted.
            "a & b", "a | b", "!deport", "deport <-> removal", "deport <2> removal", "deport:*", "deport:A", "deport:*AB",
            "'deport'", "''", "'", "\\", "deport\\", "a\\' b", "'a' & 'b", "x:y:z", "deport & !ice | (removal",
            // FTS5's and SQL's.
            "NEAR(deported arrested)", "title:deport", "^deport", "-deport", "deport + removal", "\"deport\" * removal",
            "' OR 1=1 --", "'; drop table search_documents; --", "x'); delete from search_documents; --", "%", "_", "@q", "$1",
            // Quotes, parentheses and operators, well and badly formed.
            "\"first 100 days\"", "\"first 100\"*", "\"first 100 days", "\"\"", "\" \"", "\"!!\"", "(", ")", "a)", "(a", "((a)",
            "()", "NOT", "NOT deport", "deport NOT", "deport AND", "OR removal", "deport AND OR removal", "deport NOT NOT removal",
            "deport NOT (ice OR removal)", "(deport OR removal) NOT ice", "deport OR removal NOT ice", "ice NOT retirement",
            "*", "**", "deport**", "*deport", "de*port",
            // Letters of every kind, case and accents.
            "Noém", "NOEM", "e\u0301", "\U0001F600", "\U0001F600deport", "日本", "ª", "\u00A0deport\u2003",
            // Sizes: the longest query, one character more, the most terms, one more, deep parentheses.
            new string('a', 500), new string('a', 501), string.Join(" OR ", Enumerable.Repeat("deport", 32)),
            string.Join(" ", Enumerable.Repeat("deport", 33)), new string('(', 200) + "deport" + new string(')', 200),
        ];
        var data = new TheoryData<string>();
        foreach (var q in queries) data.Add(q);
        return data;
    }

    /// <summary>
    /// Queries whose words the two stemmers take apart differently (SQLite's Porter, PostgreSQL's Snowball English, its
    /// successor): the same status, not the same records. Known, and kept here so that each one is a decision.
    /// </summary>
    static readonly Dictionary<string, string> StemmedApart = new(StringComparer.Ordinal)
    {
        ["NEAR(deported arrested)"] = "Snowball stems \"nearly\" to near, Porter to nearli: only PostgreSQL finds \"near\" in \"nearly\"",
    };

    [PostgresTheory, MemberData(nameof(EdgeQueries))]
    public async Task An_odd_query_is_the_same_400_or_finds_the_same_records_on_both_never_a_5xx(string q)
    {
        foreach (var url in new[] { Searching.Url(q, "count=true&facet=type"), "/api/v1/statements?count=true&q=" + Uri.EscapeDataString(q) })
        {
            var (fromSqlite, fromPostgres) = (await FoundAsync(sqlite, url), await FoundAsync(postgres, url));
            Assert.True(fromSqlite.Status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{url} answered {(int)fromSqlite.Status} on SQLite: {fromSqlite.Body}");
            if (StemmedApart.ContainsKey(q))
                Assert.True(fromSqlite.Status == fromPostgres.Status, $"{url}: SQLite answered {(int)fromSqlite.Status}, PostgreSQL {(int)fromPostgres.Status}: {fromPostgres.Body}");
            else
                AssertSameFound(url, fromSqlite, fromPostgres);
            if (fromSqlite.Status == HttpStatusCode.BadRequest)
                Assert.Equal(WithoutTrace(fromSqlite.Body), WithoutTrace(fromPostgres.Body));
        }

        using var page = await postgres.GetAsync("/search?q=" + Uri.EscapeDataString(q));
        Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"/search?q={q} answered {(int)page.StatusCode} on PostgreSQL");
    }

    sealed record Found(HttpStatusCode Status, List<string> Records, string? Total, string? Facets, string Body);

    /// <summary>Every record a search or list finds, page by page (200 a page), with its total and facets: on any status, the first page's body.</summary>
    static async Task<Found> FoundAsync(HttpClient client, string url)
    {
        var query = url.Split('?', 2) is [var path, var rest]
            ? (path, rest.Split('&').Where(p => !p.StartsWith("limit=", StringComparison.Ordinal) && !p.StartsWith("cursor=", StringComparison.Ordinal)))
            : (url, []);
        var first = query.Item1 + "?" + string.Join("&", query.Item2.Append("limit=200"));
        var records = new List<string>();
        string? next = first, total = null, facets = null, body = "";
        var status = HttpStatusCode.OK;
        while (next is not null)
        {
            using var response = await client.GetAsync(next);
            var text = await response.Content.ReadAsStringAsync();
            if (next == first) (status, body) = (response.StatusCode, text);
            if (response.StatusCode != HttpStatusCode.OK) break;
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            if (next == first)
            {
                total = root.TryGetProperty("total", out var t) ? t.GetRawText() : null;
                facets = root.TryGetProperty("facets", out var f) ? f.GetRawText() : null;
            }
            records.AddRange(root.GetProperty("items").EnumerateArray()
                .Select(i => (i.TryGetProperty("type", out var type) ? type.GetString() + ":" : "") + i.GetProperty("id").GetString()));
            next = root.GetProperty("nextCursor").GetString() is { } cursor ? first + "&cursor=" + Uri.EscapeDataString(cursor) : null;
        }
        return new Found(status, records, total, facets, body);
    }

    static void AssertSameFound(string url, Found sqlite, Found postgres)
    {
        Assert.True((int)postgres.Status < 500, $"{url} answered {(int)postgres.Status} on PostgreSQL: {postgres.Body}");
        Assert.True(sqlite.Status == postgres.Status, $"{url}: SQLite answered {(int)sqlite.Status}, PostgreSQL {(int)postgres.Status}: {postgres.Body}");
        var (a, b) = (sqlite.Records.Order(StringComparer.Ordinal).ToList(), postgres.Records.Order(StringComparer.Ordinal).ToList());
        Assert.True(a.SequenceEqual(b), $"{url}: only on SQLite: {string.Join(", ", a.Except(b))}; only on PostgreSQL: {string.Join(", ", b.Except(a))}");
        Assert.Equal(a.Count, a.Distinct().Count());
        Assert.Equal(b.Count, b.Distinct().Count());
        Assert.Equal(sqlite.Total, postgres.Total);
        Assert.Equal(sqlite.Facets, postgres.Facets);
    }

    static string WithoutTrace(string body) => System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "");
}
