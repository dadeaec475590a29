using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using EnforcementApi.Data;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Querying;

/// <summary>
/// The SQL a list request becomes, and running it: the page with its keyset condition, the total, the
/// facet counts, and every page in turn for an export. The SQL is made only of fragments given in code
/// (the list's definition and the operators); every value is a bound parameter.
/// </summary>
internal sealed partial class ListQuery<TRow>
{
    string WhereClause(bool withKeyset)
    {
        var where = new List<string>(conditions);
        if (withKeyset && after is not null) where.Add(KeysetCondition());
        return where.Count == 0 ? "" : "\nwhere " + string.Join("\n  and ", where);
    }

    /// <summary>
    /// The page's SQL: the given select and from, then the filters, the keyset condition, the order and
    /// one row more than the limit (to learn whether a next page exists).
    /// </summary>
    public string Sql()
    {
        if (after is not null)
            for (var i = 0; i < sort.Count; i++)
                Parameters.Add("k" + i, sort[i].Field.Kind == SortKind.Number ? after.Keys[i].GetDouble() : after.Keys[i].GetString());
        Parameters.Add("limit", limit + 1);

        return new StringBuilder(definition.SelectFrom)
            .Append(WhereClause(withKeyset: true))
            .Append("\norder by ").AppendJoin(", ", sort.Select((s, i) => s.Field.Sql + (Descending(i) ? " desc" : "")))
            .Append("\nlimit @limit")
            .ToString();
    }

    /// <summary>
    /// Rows strictly after the cursor in the sort order. The first field's inclusive bound comes first and
    /// alone, because that is the term SQLite turns into a range on the sort index (it does not for a row
    /// value over an expression index): page 1,000 then starts where page 999 ended instead of scanning
    /// up to it.
    /// </summary>
    string KeysetCondition()
    {
        var bound = sort[0].Field.Sql + (Descending(0) ? " <= @k0" : " >= @k0");

        // One direction for every field: a row-value comparison.
        if (sort.All(s => s.Descending == sort[0].Descending))
        {
            var columns = string.Join(", ", sort.Select(s => s.Field.Sql));
            var keys = string.Join(", ", sort.Select((_, i) => "@k" + i));
            return bound + " and (" + columns + ") " + (Descending(0) ? "<" : ">") + " (" + keys + ")";
        }

        // Mixed directions: after on the first field, or equal on it and after on the next, and so on.
        var alternatives = new List<string>();
        for (var i = 0; i < sort.Count; i++)
        {
            var terms = sort.Take(i).Select((s, j) => s.Field.Sql + " = @k" + j).ToList();
            terms.Add(sort[i].Field.Sql + (Descending(i) ? " < @k" : " > @k") + i);
            alternatives.Add("(" + string.Join(" and ", terms) + ")");
        }
        return bound + " and (" + string.Join(" or ", alternatives) + ")";
    }

    /// <summary>The SQL that counts the matching records (all pages).</summary>
    public string CountSql() => "select count(*)\n" + definition.From + WhereClause(withKeyset: false);

    /// <summary>The SQL that counts the matching records per value of a facet, most frequent first.</summary>
    public static string FacetSql(ListDefinition<TRow> definition, Facet facet, string where) =>
        "select " + facet.ValueSql + " as value, " + (facet.LabelSql ?? "cast(null as text)") + " as label, " + facet.CountSql + " as count\n"
        + definition.From + (facet.JoinSql is null ? "" : "\n" + facet.JoinSql) + where
        + "\ngroup by 1\norder by 3 desc, 1\nlimit " + (QueryDocs.MaxFacetValues + 1).ToString(CultureInfo.InvariantCulture);

    public IEnumerable<(Facet Facet, string Sql)> FacetQueries() =>
        facets.Select(f => (f, FacetSql(definition, f, WhereClause(withKeyset: false))));

    /// <summary>
    /// Runs the page's query and what the client asked to add; sets the <c>Link</c> header and remembers
    /// the field selection for the response.
    /// </summary>
    public async Task<ListResult<TRow>> ExecuteAsync(SqliteConnection connection, HttpContext http, CancellationToken ct)
    {
        var result = await RunAsync(connection, http.RequestServices.GetRequiredService<QueryCache>(), ct);
        SetNextLink(http, result.NextCursor);
        FieldSelection.Remember(http, Fields);
        return result;
    }

    /// <summary>Runs the page's query and what the client asked to add, and nothing else: what an HTML page shows.</summary>
    public async Task<ListResult<TRow>> RunAsync(SqliteConnection connection, QueryCache cache, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<TRow>(new CommandDefinition(Sql(), Parameters, cancellationToken: ct))).AsList();
        var more = rows.Count > limit;
        // Going back, the row read past the page is the one before its first: a forward cursor after it
        // starts at the same place (what a link to this page in the API's own paging needs).
        var start = backward ? (more ? CursorAt(rows[limit]) : null) : after?.Encode();
        if (more) rows.RemoveRange(limit, rows.Count - limit);
        if (backward) rows.Reverse();
        // Going forward, a page after a cursor has one before it; going back, the page it came from follows.
        var next = rows.Count > 0 && (backward || more) ? CursorAt(rows[^1]) : null;
        var previous = rows.Count > 0 && (backward ? more : after is not null) ? CursorAt(rows[0]) : null;

        // Totals and facet counts read every matching record, and are the same for every request with
        // these filters until the data changes: they come from the cache when they can.
        var filters = definition.Resource + "\n" + string.Join("\n", fingerprint.Order(StringComparer.Ordinal));

        long? total = count
            ? await cache.GetOrAddAsync(filters + "\ncount", () =>
                connection.ExecuteScalarAsync<long>(new CommandDefinition(CountSql(), Parameters, cancellationToken: ct)))
            : null;

        Dictionary<string, FacetCounts>? counted = null;
        foreach (var (facet, sql) in FacetQueries())
            (counted ??= new())[facet.Name] = await cache.GetOrAddAsync(filters + "\nfacet:" + facet.Name, async () =>
            {
                var values = (await connection.QueryAsync<FacetRow>(new CommandDefinition(sql, Parameters, cancellationToken: ct)))
                    .Select(r => new FacetValue(r.Value, r.Label, r.Count)).ToList();
                var truncated = values.Count > QueryDocs.MaxFacetValues;
                if (truncated) values.RemoveAt(values.Count - 1);
                return new FacetCounts(values, truncated);
            });

        return new ListResult<TRow>(rows, next, total, counted, previous, start);
    }

    string CursorAt(TRow row) =>
        new Cursor(definition.Resource, QueryFingerprint(), sort.Select(s => JsonSerializer.SerializeToElement(s.Field.Key(row))).ToArray()).Encode();

    /// <summary>A cursor of this query that starts after a row with these sort values (the id last): for examples.</summary>
    public string CursorAfter(params object[] keys) =>
        new Cursor(definition.Resource, QueryFingerprint(), keys.Select(k => JsonSerializer.SerializeToElement(k)).ToArray()).Encode();

    /// <summary>
    /// Every matching row, a page at a time in the list's order, each page starting from the index after
    /// the last (as a client following cursors would): what an export streams, in constant memory.
    /// </summary>
    public async IAsyncEnumerable<List<TRow>> AllPagesAsync(
        SqliteConnection connection, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        limit = pageSize;
        after = null;
        while (true)
        {
            var rows = (await connection.QueryAsync<TRow>(new CommandDefinition(Sql(), Parameters, cancellationToken: ct))).AsList();
            var more = rows.Count > limit;
            if (more) rows.RemoveRange(limit, rows.Count - limit);
            if (rows.Count > 0) yield return rows;
            if (!more) yield break;
            var last = rows[^1];
            after = new Cursor(definition.Resource, QueryFingerprint(), sort.Select(s => JsonSerializer.SerializeToElement(s.Field.Key(last))).ToArray());
        }
    }

    /// <summary>Sets the <c>Link</c> header to the next page: this request's URL with the new cursor.</summary>
    static void SetNextLink(HttpContext http, string? nextCursor)
    {
        if (nextCursor is null) return;
        var request = http.Request;
        var query = new QueryBuilder(request.Query
            .Where(p => p.Key != "cursor")
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? ""))));
        query.Add("cursor", nextCursor);
        var url = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, query.ToQueryString());
        http.Response.Headers.Link = "<" + url + ">; rel=\"next\"";
    }
}

// A class, not the record: SQLite reports a NULL cell's type as a blob, which Dapper cannot pass to
// a constructor taking a string.
sealed class FacetRow
{
    public string? Value { get; init; }
    public string? Label { get; init; }
    public long Count { get; init; }
}

/// <summary>
/// What a page query found: its rows and what the client asked to add. <see cref="StartCursor"/> is the
/// forward cursor (<c>cursor=</c>) at which this page begins, null for the first page.
/// </summary>
internal sealed record ListResult<TRow>(
    List<TRow> Rows, string? NextCursor, long? Total, Dictionary<string, FacetCounts>? Facets,
    string? PreviousCursor = null, string? StartCursor = null)
{
    public Page<T> ToPage<T>(IReadOnlyList<T> items) => new(items, NextCursor, Total, Facets);
}
