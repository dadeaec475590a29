using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Baseline;

/// <summary>
/// The read cases of bench/compare.sh. Each statement is the API's own text (the file it comes from is
/// named), with the WHERE, ORDER BY and LIMIT that the API's ListQuery appends for the benchmark's
/// requests, so that SQLite does the same work for both servers. The API's validation queries (does the
/// metric exist) are left out: they are a feature, and this app is the limit without features.
/// </summary>
sealed class Reads(string connectionString)
{
    // FigureDefinition.SelectFrom.
    const string FigureSelect = """
        select f.id, f.metric, f.kind, f.value, f.value_qualifier, f.unit, f.period_start, f.period_end, f.period_label,
               f.scope, f.dimension, f.dimension_value, f.reported_by, f.stated_as, f.rank, f.counted_by, f.rank_note, f.revision,
               dv.label as dimension_label, e.kind as reported_by_kind, e.name as reported_by_name,
               ce.kind as counted_by_kind, ce.name as counted_by_name
        from figures f
        cross join entities e on e.id = f.reported_by
        left join dimension_values dv on dv.dimension_id = f.dimension and dv.value = f.dimension_value
        left join entities ce on ce.id = f.counted_by
        """;

    const string FigureById = FigureSelect + "\nwhere f.id = @id";

    // ListQuery: the filter, the keyset after the cursor's row (sort -periodEnd, then -id), the order, limit + 1.
    const string AfterKeys = "\n  and coalesce(f.period_end, '') <= @k0 and (coalesce(f.period_end, ''), f.id) < (@k0, @k1)";
    const string ByPeriodEnd = "\norder by coalesce(f.period_end, '') desc, f.id desc\nlimit @limit";
    const string FiguresOfMetric = FigureSelect + "\nwhere f.metric = @p0" + ByPeriodEnd;
    const string FiguresOfMetricAfter = FigureSelect + "\nwhere f.metric = @p0" + AfterKeys + ByPeriodEnd;
    const string FiguresOfKind = FigureSelect + "\nwhere f.kind = @p0" + ByPeriodEnd;
    const string FiguresOfKindAfter = FigureSelect + "\nwhere f.kind = @p0" + AfterKeys + ByPeriodEnd;

    // Citations.OfRecords, for figures.
    const string CitationsOfFigures = """
        select c.record_id, c.source_id, s.title as source_title, c.excerpt,
               c.char_start, c.char_end, c.page, c.paragraph
        from citations c
        cross join sources s on s.id = c.source_id
        where c.record_type = 'figure' and c.record_id in (select value from json_each(@ids))
        order by c.record_id, c.id
        """;

    // SearchApi.SelectFrom, with the default sort (rank, then id) and limit (20 + 1).
    const string SearchHits = """
        select d.id, d.type, d.record_id, d.label,
               snippet(search_text, -1, char(57344), char(57345), '…', 16) as snippet,
               bm25(search_text, 10.0, 4.0, 1.0) as rank
        from search_text
        cross join search_documents d on d.id = search_text.rowid
        where search_text match @q
        order by bm25(search_text, 10.0, 4.0, 1.0), d.id
        limit @limit
        """;

    // PaceApi.PaceSql and PaceOfScopeSql.
    const string PaceFigures = """
        select f.id, f.kind, f.value, f.value_qualifier, f.unit, f.period_start, f.period_end, f.period_label,
               f.scope, f.dimension, f.dimension_value, dv.label as dimension_label,
               f.rank, f.reported_by, e.kind as reported_by_kind, e.name as reported_by_name,
               f.counted_by, ce.kind as counted_by_kind, ce.name as counted_by_name,
               null as latest_published_on
        from figures f
        cross join entities e on e.id = f.reported_by
        left join dimension_values dv on dv.dimension_id = f.dimension and dv.value = f.dimension_value
        left join entities ce on ce.id = f.counted_by
        where f.metric = @metric and f.kind in ('actual', 'target') and f.rank <> 'deprecated'
          and f.dimension is null and f.dimension_value is null
        order by f.id
        """;

    const string PaceFiguresOfScope = """
        select f.id, f.kind, f.value, f.value_qualifier, f.unit, f.period_start, f.period_end, f.period_label,
               f.scope, f.dimension, f.dimension_value, dv.label as dimension_label,
               f.rank, f.reported_by, e.kind as reported_by_kind, e.name as reported_by_name,
               f.counted_by, ce.kind as counted_by_kind, ce.name as counted_by_name,
               null as latest_published_on
        from figures f
        cross join entities e on e.id = f.reported_by
        left join dimension_values dv on dv.dimension_id = f.dimension and dv.value = f.dimension_value
        left join entities ce on ce.id = f.counted_by
        where f.metric = @metric and f.scope = @scope and f.kind in ('actual', 'target') and f.rank <> 'deprecated'
          and f.dimension is null and f.dimension_value is null
        order by f.id
        """;

    public async Task<IResult> GetFigure(string id, HttpContext http)
    {
        await using var connection = await OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<FigureRow>(FigureById, new { id });
        if (row is null) return Results.NotFound();
        var figure = (await ToFiguresAsync(connection, [row]))[0];
        // The conditional-GET case: the API hashes the serialised body and the revision for every answer;
        // here only a request that asks for it pays.
        return http.Request.Headers.IfNoneMatch.Count == 0 ? Results.Ok(figure) : Conditional(http, figure, row.Revision);
    }

    public async Task<FigurePage> ListFigures(string? metric, string? kind, int? limit, string? afterPeriodEnd, string? afterId)
    {
        var after = afterId is not null;
        var sql = metric is not null
            ? (after ? FiguresOfMetricAfter : FiguresOfMetric)
            : (after ? FiguresOfKindAfter : FiguresOfKind);
        var take = limit ?? 50;
        await using var connection = await OpenAsync();
        var rows = (await connection.QueryAsync<FigureRow>(sql,
            new { p0 = metric ?? kind, k0 = afterPeriodEnd ?? "", k1 = afterId, limit = take + 1 })).AsList();
        var more = rows.Count > take;
        if (more) rows.RemoveRange(take, rows.Count - take);
        var next = more ? new Keyset(rows[^1].PeriodEnd ?? "", rows[^1].Id) : null;
        return new FigurePage(await ToFiguresAsync(connection, rows), next);
    }

    public async Task<HitsPage> Search(string q)
    {
        // The FTS5 query the API's SearchQuery writes for plain words: each quoted, joined by AND.
        var match = string.Join(" AND ", q.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => "\"" + w.Replace("\"", "\"\"") + "\""));
        await using var connection = await OpenAsync();
        var rows = (await connection.QueryAsync<HitRow>(SearchHits, new { q = match, limit = 21 })).AsList();
        var more = rows.Count > 20;
        if (more) rows.RemoveRange(20, rows.Count - 20);
        return new HitsPage(rows.Select(Hits.ToHit).ToList(), more);
    }

    public async Task<PaceReport> Pace(string metric, string? scope, string? reportedBy, string? from, string? to)
    {
        await using var connection = await OpenAsync();
        var figures = (await connection.QueryAsync<PaceRow>(scope is null ? PaceFigures : PaceFiguresOfScope, new { metric, scope })).AsList();
        var (actuals, targets) = Baseline.Pace.Select(figures, scope, reportedBy, from, to);
        var citations = await CitationsAsync(connection, actuals.Concat(targets).Select(f => f.Id).ToArray());
        return Baseline.Pace.Report(metric, actuals, targets, citations);
    }

    async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    static async Task<List<Figure>> ToFiguresAsync(SqliteConnection connection, List<FigureRow> rows)
    {
        var citations = await CitationsAsync(connection, rows.Select(r => r.Id).ToArray());
        return rows.Select(r => new Figure(r.Id, r.Metric, r.Kind, r.Value, r.ValueQualifier, r.Unit, r.PeriodStart, r.PeriodEnd,
            r.PeriodLabel, r.Scope, r.Dimension is null ? null : new Breakdown(r.Dimension, r.DimensionValue!, r.DimensionLabel!), new EntityRef(r.ReportedBy, r.ReportedByKind, r.ReportedByName),
            r.CountedBy is null ? null : new EntityRef(r.CountedBy, r.CountedByKind!, r.CountedByName!), r.StatedAs, r.Rank, r.RankNote,
            citations[r.Id].ToList())).ToList();
    }

    static async Task<ILookup<string, Citation>> CitationsAsync(SqliteConnection connection, string[] ids)
    {
        if (ids.Length == 0) return Array.Empty<Citation>().ToLookup(_ => "");
        var rows = await connection.QueryAsync<CitationRow>(CitationsOfFigures, new { ids = JsonSerializer.Serialize(ids) });
        return rows.ToLookup(r => r.RecordId, r => new Citation(r.SourceId, r.SourceTitle, r.Excerpt,
            new Location(r.CharStart, r.CharEnd, r.Page, r.Paragraph)));
    }

    /// <summary>The API's strong ETag (ETags.Of: SHA-256 of the revision and the body, 16 bytes, base64url), and 304 when it matches.</summary>
    static IResult Conditional(HttpContext http, Figure figure, long revision)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(figure, JsonSerializerOptions.Web);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(BitConverter.GetBytes(revision));
        hash.AppendData(body);
        var etag = "\"" + Base64Url.EncodeToString(hash.GetHashAndReset().AsSpan(0, 16)) + "\"";
        http.Response.Headers.ETag = etag;
        return http.Request.Headers.IfNoneMatch.ToString() == etag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(body, "application/json; charset=utf-8");
    }
}
