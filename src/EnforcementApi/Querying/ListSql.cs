using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using EnforcementApi.Data;
using Microsoft.AspNetCore.Http.Extensions;
using System.Data.Common;

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
        var selectFrom = index is null ? definition.SelectFrom : definition.SelectFromIndexed(index);
        if (after is not null)
            for (var i = 0; i < sort.Count; i++)
                Parameters.Add("k" + i, sort[i].Field.Kind == SortKind.Number ? after.Keys[i].GetDouble() : after.Keys[i].GetString());
        Parameters.Add("limit", limit + 1);

        return new StringBuilder(selectFrom)
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
        + "\ngroup by 1\norder by 3 desc, 1 nulls first\nlimit " + (QueryDocs.MaxFacetValues + 1).ToString(CultureInfo.InvariantCulture);

    public IEnumerable<(Facet Facet, string Sql)> FacetQueries() =>
        facets.Select(f => (f, FacetSql(definition, f, WhereClause(withKeyset: false))));

    /// <summary>
    /// Runs the page's query and what the client asked to add; sets the <c>Link</c> header and remembers
    /// the field selection for the response.
    /// </summary>
    public async Task<ListResult<TRow>> ExecuteAsync(DbConnection connection, HttpContext http, CancellationToken ct)
    {
        var result = await RunAsync(connection, http.RequestServices.GetRequiredService<QueryCache>(), ct);
        SetNextLink(http, result.NextCursor);
        FieldSelection.Remember(http, Fields);
        return result;
    }

    /// <summary>Runs the page's query and what the client asked to add, and nothing else: what an HTML page shows.</summary>
    public async Task<ListResult<TRow>> RunAsync(DbConnection connection, QueryCache cache, CancellationToken ct)
    {
        await ChoosePlanAsync(connection, cache, ct);
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
        DbConnection connection, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct,
        QueryCache? cache = null)
    {
        limit = pageSize;
        after = null;
        await ChoosePlanAsync(connection, cache, ct);
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

    /// <summary>The index the page is read through (the SQL says <c>indexed by</c> it); null leaves the plan to SQLite.</summary>
    string? index;

    /// <summary>The index the page's query reads, once <see cref="ChoosePlanAsync"/> has chosen it: for the plan tests and the benchmark.</summary>
    public string? Index => index;

    /// <summary>
    /// Chooses how the page is read, so that it costs a bounded amount whatever the filters, the sort and the data,
    /// and the same with or without SQLite's statistics (an import leaves none):
    /// <list type="bullet">
    /// <item>one index gives both (the records of one value, already in the page's order: <c>metric=…</c> sorted by
    /// <c>periodEnd</c> reads <c>figures_metric</c>): read it;</item>
    /// <item>else count the records of each filter that an index finds, up to a bound (cached until the data
    /// changes): when the fewest are under the bound, read those through their index and sort them, at most
    /// bound records; otherwise walk the sort's index and test each record, which fills a page after about
    /// limit × total ÷ matches ≤ limit × total ÷ bound records.</item>
    /// </list>
    /// The bound is √(limit × total), where the two ways cost the same. A list without named indexes (search,
    /// revisions, drafts) is left to SQLite.
    /// </summary>
    public async Task ChoosePlanAsync(DbConnection connection, QueryCache? cache, CancellationToken ct)
    {
        index = null;
        var order = sort[0].Field;
        if (definition.Select is null || order.Index is null || !Dialect.Of(connection).ChoosesListPlans) return;

        var seekable = new List<(string Index, string Condition, string Key)>();
        foreach (var (parameter, condition, seek, key) in applied)
        {
            if (seek == Seek.Not) continue;
            if (IndexOf(parameter) is not { } indexed) continue;
            var (byIndex, orders) = indexed;
            // One value of an index whose next columns are the sort's: the page is its first rows.
            if (seek == Seek.Equal && orders.Contains(order.Name))
            {
                index = byIndex;
                return;
            }
            seekable.Add((byIndex, condition, key));
        }
        index = order.Index;
        if (seekable.Count == 0) return;

        var total = await CachedAsync(cache, definition.Resource + "\nplan:rows",
            () => connection.ExecuteScalarAsync<long>(new CommandDefinition("select coalesce(max(rowid), 0) " + definition.From, cancellationToken: ct)));
        var bound = (long)Math.Clamp(Math.Sqrt((double)limit * total), 1_000, 1_000_000);
        // The index of the filter with the fewest records, when it has fewer than cap (each count stops at cap).
        async Task<string?> FewestUnderAsync(long cap)
        {
            var fewest = (Count: long.MaxValue, Index: (string?)null);
            foreach (var (byIndex, condition, key) in seekable)
            {
                var count = await CachedAsync(cache, definition.Resource + "\nplan:" + cap + ":" + key, () => connection.ExecuteScalarAsync<long>(
                    new CommandDefinition(ProbeSql(byIndex, condition, cap), Parameters, cancellationToken: ct)));
                if (count < fewest.Count) fewest = (count, byIndex);
            }
            return fewest.Count < cap ? fewest.Index : null;
        }

        if (await FewestUnderAsync(bound) is { } few)
        {
            index = few;
            return;
        }

        // The walk fills a page after limit × rows ÷ matches entries only when the matches are spread along the sort's
        // index. Where they are not (the figures without a period come first in ascending order; a period filter's
        // matches sit at one end of the other period's index), count them among the walk's first `bound` entries: too
        // few, and a filter whose records are at most WalkFactor × bound is read and sorted instead.
        var walked = await CachedAsync(cache, definition.Resource + "\nwalk:" + bound + ":" + QueryFingerprint(), () => connection.ExecuteScalarAsync<long>(
            new CommandDefinition(WalkProbeSql(order.Index, bound), Parameters, cancellationToken: ct)));
        if (walked < limit && await FewestUnderAsync(bound * WalkFactor) is { } fewer) index = fewer;
    }

    /// <summary>How many more records than the first probe's bound a filter may have and still be read and sorted when the walk finds too few.</summary>
    const long WalkFactor = 20;

    /// <summary>How many of the first <paramref name="bound"/> entries of the sort's index, in the page's order, every filter keeps.</summary>
    string WalkProbeSql(string sortIndex, long bound)
    {
        // "from figures f" gives the table and its alias; the filters are written against the alias.
        var from = definition.From.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (table, alias) = (from[1], from[2]);
        var direction = Descending(0) ? " desc" : "";
        return "select count(*) from (select " + alias + ".rowid as walked_rowid from " + table + " " + alias + " indexed by " + sortIndex
            + "\norder by " + sort[0].Field.Sql + direction + ", " + definition.IdSql + direction
            + "\nlimit " + bound.ToString(CultureInfo.InvariantCulture) + ") w\ncross join " + table + " " + alias + " on " + alias + ".rowid = w.walked_rowid"
            + WhereClause(withKeyset: false);
    }

    /// <summary>The index that finds the records of a parameter's condition, and the sorts it gives; null for none.</summary>
    (string Index, string[] Orders)? IndexOf(string parameter) =>
        definition.Filters.FirstOrDefault(f => f.Parameters.Contains(parameter))?.IndexOf(parameter) is { } found
            ? (found.Index == Filter.ById ? definition.IdIndex ?? throw new InvalidOperationException($"The {definition.Resource} list names no IdIndex.") : found.Index, found.Orders)
            : null;

    /// <summary>How many records of one condition its index finds, counting no further than <paramref name="bound"/>.</summary>
    string ProbeSql(string byIndex, string condition, long bound) =>
        "select count(*) from (select 1 " + definition.From + " indexed by " + byIndex + "\nwhere " + condition
        + "\nlimit " + bound.ToString(CultureInfo.InvariantCulture) + ")";

    static Task<long> CachedAsync(QueryCache? cache, string key, Func<Task<long>> compute) =>
        cache is null ? compute() : cache.GetOrAddAsync(key, compute);

    /// <summary>
    /// The indexes a page of this query may be read through, each with its SQL: the sort's own, and that of each
    /// filter an index finds. What <see cref="ChoosePlanAsync"/> chooses among; the plan tests check each.
    /// </summary>
    public IEnumerable<(string Index, string Sql, bool Ordered)> PlanCandidates()
    {
        var chosen = index;
        var order = sort[0].Field;
        var candidates = new List<(string, bool)>();
        if (order.Index is not null) candidates.Add((order.Index, true));
        foreach (var (parameter, _, seek, _) in applied)
        {
            if (seek == Seek.Not) continue;
            if (IndexOf(parameter) is not { } indexed) continue;
            candidates.Add((indexed.Index, seek == Seek.Equal && indexed.Orders.Contains(order.Name)));
        }
        foreach (var (candidate, ordered) in candidates.Distinct())
        {
            index = candidate;
            yield return (candidate, Sql(), ordered);
        }
        index = chosen;
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
