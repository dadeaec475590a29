using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Search;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Http;

/// <summary>
/// One request for a page of a list: the filters it applies, its sort, its limit, where it starts and
/// what it adds (count, facets, selected fields). Parameters are checked as they are added and every
/// problem lands in <see cref="Errors"/>; the SQL it builds is made only of fragments given in code,
/// and every value is a bound parameter.
/// </summary>
internal sealed partial class ListQuery<TRow>(ListDefinition<TRow> definition)
{
    // The number syntax the OpenAPI document states: no exponent, no leading '+', no bare '.'.
    [GeneratedRegex(@"^-?[0-9]{1,20}(\.[0-9]{1,20})?$")]
    private static partial Regex NumberSyntax();

    readonly List<string> conditions = [];
    readonly List<string> fingerprint = [];
    readonly List<(SortField<TRow> Field, bool Descending)> sort = [];
    readonly List<Facet> facets = [];
    int limit = definition.DefaultLimit;
    int parameterCount;
    bool count;
    Cursor? after;

    public QueryErrors Errors { get; } = new();
    public DynamicParameters Parameters { get; } = new();

    /// <summary>The fields the client selected; null for all of them.</summary>
    public FieldSelection? Fields { get; private set; }

    /// <summary>Whether the answer carries this field (a handler can skip loading what it does not).</summary>
    public bool Includes(string field) => Fields?.Includes(field) ?? true;

    /// <summary>Adds a filter whose value the condition names as <c>@parameter</c>.</summary>
    public void Where(string parameter, string condition, object value)
    {
        conditions.Add(condition);
        Parameters.Add(parameter, value);
        fingerprint.Add(parameter + "=" + (value is string[] values
            ? string.Join(",", values)
            : Convert.ToString(value, CultureInfo.InvariantCulture)));
    }

    string NewParameter(string filter, object value, string normalized)
    {
        var name = "p" + parameterCount++;
        Parameters.Add(name, value);
        fingerprint.Add(filter + "=" + normalized);
        return "@" + name;
    }

    /// <summary>An enum field: <c>kind=actual</c>, <c>kind=ne:target</c>, <c>kind=in:actual,estimate</c>.</summary>
    public void Enum<T>(string parameter, string? raw, Match match) where T : struct, Enum
    {
        if (raw is null) return;
        if (!Operators.TryParse(raw, Operators.Memberships, out var op, out var text, out var error))
        {
            Errors.Add(parameter, error!);
            return;
        }

        var values = op == Op.In ? (Operators.TrySplit(text, out var list, out error) ? list : null) : [text];
        if (values is null)
        {
            Errors.Add(parameter, error!);
            return;
        }
        var unknown = values.Where(v => !Wire<T>.TryParse(v, out _)).ToList();
        if (unknown.Count > 0)
        {
            Errors.Add(parameter, $"Must be one of {string.Join(", ", Wire<T>.Names)}; got {string.Join(", ", unknown.Select(QueryErrors.Quote))}.");
            return;
        }
        AddMatch(parameter, op, values, match);
    }

    /// <summary>
    /// A field that holds the id of another record: <c>reportedBy=dhs</c>, <c>ne:</c> and <c>in:</c> as for
    /// enums. Every id must exist: a mistyped id is a 400 that says so, not an empty list that looks like
    /// an answer.
    /// </summary>
    public async Task ReferenceAsync(SqliteConnection connection, string parameter, string? raw, Reference reference, Match match)
    {
        if (raw is null) return;
        if (!Operators.TryParse(raw, Operators.Memberships, out var op, out var text, out var error))
        {
            Errors.Add(parameter, error!);
            return;
        }

        var values = op == Op.In ? (Operators.TrySplit(text, out var list, out error) ? list : null) : [text];
        if (values is null)
        {
            Errors.Add(parameter, error!);
            return;
        }
        var malformed = values.Where(v => !reference.IsValidId(v)).ToList();
        if (malformed.Count > 0)
        {
            Errors.Add(parameter, $"Must be {reference.IdShape}; got {string.Join(", ", malformed.Select(QueryErrors.Quote))}.");
            return;
        }

        var found = (await connection.QueryAsync<string>(reference.ExistingSql, new { ids = values })).ToHashSet(StringComparer.Ordinal);
        var missing = values.Where(v => !found.Contains(v)).ToList();
        if (missing.Count > 0)
            Errors.Add(parameter, reference.Missing(missing) + (reference.AllSql is null
                ? ""
                : " Known: " + string.Join(", ", await connection.QueryAsync<string>(reference.AllSql)) + "."));
        else
            AddMatch(parameter, op, values, match);
    }

    void AddMatch(string parameter, Op op, string[] values, Match match)
    {
        var normalized = Operators.Name(op) + ":" + string.Join(",", values);
        var name = op == Op.In ? NewParameter(parameter, values, normalized) : NewParameter(parameter, values[0], normalized);
        conditions.Add(match.Sql(op, name));
    }

    /// <summary>
    /// A date or number field with comparison operators, each occurrence one more condition:
    /// <c>value=gte:100000&amp;value=lt:200000</c>. <paramref name="sql"/> is the expression the sort index
    /// is built on; for a nullable date it is <c>ifnull(column, '')</c>, and an unknown date never matches.
    /// </summary>
    public void Compare(string parameter, string[]? raws, SortKind kind, string sql)
    {
        foreach (var raw in raws ?? [])
        {
            if (!Operators.TryParse(raw, Operators.Comparisons, out var op, out var text, out var error))
            {
                Errors.Add(parameter, error!);
                continue;
            }

            if (kind == SortKind.Number)
            {
                if (!NumberSyntax().IsMatch(text)
                    || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                {
                    Errors.Add(parameter, $"Must be a number such as 65600 or 656.5, optionally after an operator (gte:100000); got {QueryErrors.Quote(text)}.");
                    continue;
                }
                var name = NewParameter(parameter, (double)number, Operators.Name(op) + ":" + number.ToString(CultureInfo.InvariantCulture));
                conditions.Add(sql + " " + Operators.Sql(op) + " " + name);
            }
            else
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    Errors.Add(parameter, $"Must be a date as YYYY-MM-DD, such as 2025-01-20, optionally after an operator (gte:2025-01-20); got {QueryErrors.Quote(text)}.");
                    continue;
                }
                var iso = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var name = NewParameter(parameter, iso, Operators.Name(op) + ":" + iso);
                // '' stands for an unknown date and sorts first: below and not-equal need to leave it out.
                var known = op is Op.Lt or Op.Lte or Op.Ne ? " and " + sql + " > ''" : "";
                conditions.Add("(" + sql + " " + Operators.Sql(op) + " " + name + known + ")");
            }
        }
    }

    /// <summary>A date range on the record's own date; either end may be open.</summary>
    public void DateRange(string? rawFrom, string? rawTo, string fromCondition, string toCondition)
    {
        var from = ParseDate("from", rawFrom);
        var to = ParseDate("to", rawTo);
        if (from is { } f && to is { } t && t < f)
            Errors.Add("to", $"Must not be before from ({f:yyyy-MM-dd}); got {t:yyyy-MM-dd}.");
        if (Errors.Has("from") || Errors.Has("to")) return;
        if (from is { } start) Where("from", fromCondition, start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (to is { } end) Where("to", toCondition, end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    DateOnly? ParseDate(string parameter, string? raw)
    {
        if (raw is null) return null;
        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        Errors.Add(parameter, $"Must be a date as YYYY-MM-DD, such as 2025-01-20; got {QueryErrors.Quote(raw)}.");
        return null;
    }

    /// <summary>
    /// Full-text search within the list (<c>q=</c>): <paramref name="condition"/> keeps the records whose
    /// index entry matches <c>@q</c>.
    /// </summary>
    public void FullText(string? raw, string condition)
    {
        if (raw is null) return;
        if (SearchQuery.TryParse(raw, out var match, out var error))
            Where("q", condition, match);
        else
            Errors.Add("q", error);
    }

    /// <summary>Reads sort, limit and cursor. Call it after the filters: a cursor is bound to them.</summary>
    public void Paging(string? rawSort, string? rawLimit, string? rawCursor)
    {
        ParseSort(rawSort ?? definition.DefaultSort);
        ParseLimit(rawLimit);
        if (rawCursor is not null && !Errors.Any) ParseCursor(rawCursor);
    }

    /// <summary>Reads what the answer adds or leaves out: <c>fields</c>, <c>count</c>, <c>facet</c>.</summary>
    public void Output(string? rawFields, string? rawCount, string[]? rawFacets)
    {
        Fields = FieldSelection.Parse(rawFields, definition.RecordType, Errors);

        if (rawCount is "true") count = true;
        else if (rawCount is not (null or "false")) Errors.Add("count", $"Must be true or false; got {QueryErrors.Quote(rawCount)}.");

        var allowed = string.Join(", ", definition.Facets.Select(f => f.Name));
        foreach (var name in (rawFacets ?? []).SelectMany(f => f.Split(',')))
        {
            var facet = definition.Facets.FirstOrDefault(f => f.Name == name);
            if (facet is null)
                Errors.Add("facet", definition.Facets.Count == 0
                    ? "This list has no facets."
                    : $"Cannot count by {QueryErrors.Quote(name)}; facets are {allowed}.");
            else if (facets.Contains(facet))
                Errors.Add("facet", $"Names {QueryErrors.Quote(name)} more than once.");
            else
                facets.Add(facet);
        }
    }

    void ParseSort(string raw)
    {
        var allowed = string.Join(", ", definition.Sorts.Select(f => f.Name).Append("id"));
        if (raw.Length == 0)
        {
            Errors.Add("sort", $"Must name a field to sort by, with a leading '-' for descending order; one of {allowed}.");
            return;
        }

        foreach (var part in raw.Split(','))
        {
            var descending = part.StartsWith('-');
            var name = descending ? part[1..] : part;
            var field = name == "id" ? definition.IdField : definition.Sorts.FirstOrDefault(f => f.Name == name);
            if (field is null)
                Errors.Add("sort", $"Cannot sort by {QueryErrors.Quote(name)}; sortable fields are {allowed}, each optionally with a leading '-' for descending order.");
            else if (sort.Any(s => s.Field.Name == field.Name))
                Errors.Add("sort", $"Sorts by {QueryErrors.Quote(name)} more than once.");
            else
                sort.Add((field, descending));
        }

        // Ties are broken by id, in the direction of the last field, so every record has one place.
        if (sort.Count > 0 && !sort.Any(s => s.Field.Name == "id"))
            sort.Add((definition.IdField, sort[^1].Descending));
    }

    void ParseLimit(string? raw)
    {
        if (raw is null) return;
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= ClientBounds.MaxPageSize)
            limit = value;
        else
            Errors.Add("limit", $"Must be a whole number from 1 to {ClientBounds.MaxPageSize}; got {QueryErrors.Quote(raw)}.");
    }

    void ParseCursor(string raw)
    {
        const string Altered = "Is not a cursor this API issued, or was altered; pass nextCursor exactly as it was returned.";
        if (!Cursor.TryDecode(raw, out var cursor) || cursor is null)
        {
            Errors.Add("cursor", Altered);
            return;
        }
        if (cursor.Resource != definition.Resource)
        {
            Errors.Add("cursor", $"Belongs to the list of {cursor.Resource}, not of {definition.Resource}.");
            return;
        }
        if (cursor.Query != QueryFingerprint() || cursor.Keys.Length != sort.Count)
        {
            Errors.Add("cursor", "Belongs to a query with other filters or another sort; send it with the same parameters as the request that returned it, or start again without a cursor.");
            return;
        }

        for (var i = 0; i < sort.Count; i++)
        {
            var expected = sort[i].Field.Kind == SortKind.Number ? JsonValueKind.Number : JsonValueKind.String;
            if (cursor.Keys[i].ValueKind != expected)
            {
                Errors.Add("cursor", Altered);
                return;
            }
        }
        after = cursor;
    }

    string QueryFingerprint() =>
        Cursor.Fingerprint(fingerprint.Order(StringComparer.Ordinal)
            .Append("sort=" + string.Join(',', sort.Select(s => (s.Descending ? "-" : "") + s.Field.Name))));

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
    public string Sql(string selectFrom)
    {
        if (after is not null)
            for (var i = 0; i < sort.Count; i++)
                Parameters.Add("k" + i, sort[i].Field.Kind == SortKind.Number ? after.Keys[i].GetDouble() : after.Keys[i].GetString());
        Parameters.Add("limit", limit + 1);

        return new StringBuilder(selectFrom)
            .Append(WhereClause(withKeyset: true))
            .Append("\norder by ").AppendJoin(", ", sort.Select(s => s.Field.Sql + (s.Descending ? " desc" : "")))
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
        var bound = sort[0].Field.Sql + (sort[0].Descending ? " <= @k0" : " >= @k0");

        // One direction for every field: a row-value comparison.
        if (sort.All(s => s.Descending == sort[0].Descending))
        {
            var columns = string.Join(", ", sort.Select(s => s.Field.Sql));
            var keys = string.Join(", ", sort.Select((_, i) => "@k" + i));
            return bound + " and (" + columns + ") " + (sort[0].Descending ? "<" : ">") + " (" + keys + ")";
        }

        // Mixed directions: after on the first field, or equal on it and after on the next, and so on.
        var alternatives = new List<string>();
        for (var i = 0; i < sort.Count; i++)
        {
            var terms = sort.Take(i).Select((s, j) => s.Field.Sql + " = @k" + j).ToList();
            terms.Add(sort[i].Field.Sql + (sort[i].Descending ? " < @k" : " > @k") + i);
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
    public async Task<ListResult<TRow>> ExecuteAsync(SqliteConnection connection, string selectFrom, HttpContext http, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<TRow>(new CommandDefinition(Sql(selectFrom), Parameters, cancellationToken: ct))).AsList();
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveRange(limit, rows.Count - limit);
            var last = rows[^1];
            var keys = sort.Select(s => JsonSerializer.SerializeToElement(s.Field.Key(last))).ToArray();
            next = new Cursor(definition.Resource, QueryFingerprint(), keys).Encode();
        }

        // Totals and facet counts read every matching record, and are the same for every request with
        // these filters until the data changes: they come from the cache when they can.
        var cache = http.RequestServices.GetRequiredService<QueryCache>();
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

        SetNextLink(http, next);
        FieldSelection.Remember(http, Fields);
        return new ListResult<TRow>(rows, next, total, counted);
    }

    /// <summary>A cursor of this query that starts after a row with these sort values (the id last): for examples.</summary>
    public string CursorAfter(params object[] keys) =>
        new Cursor(definition.Resource, QueryFingerprint(), keys.Select(k => JsonSerializer.SerializeToElement(k)).ToArray()).Encode();

    /// <summary>
    /// Every matching row, a page at a time in the list's order, each page starting from the index after
    /// the last (as a client following cursors would): what an export streams, in constant memory.
    /// </summary>
    public async IAsyncEnumerable<List<TRow>> AllPagesAsync(
        SqliteConnection connection, string selectFrom, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        limit = pageSize;
        after = null;
        while (true)
        {
            var rows = (await connection.QueryAsync<TRow>(new CommandDefinition(Sql(selectFrom), Parameters, cancellationToken: ct))).AsList();
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

/// <summary>What a page query found: its rows and what the client asked to add.</summary>
internal sealed record ListResult<TRow>(
    List<TRow> Rows, string? NextCursor, long? Total, Dictionary<string, FacetCounts>? Facets)
{
    public Page<T> ToPage<T>(IReadOnlyList<T> items) => new(items, NextCursor, Total, Facets);
}

/// <summary>A kind of record a filter can refer to by id, and how to check that the ids exist.</summary>
internal sealed record Reference(string Noun, string ExistingSql, Func<string, bool> IsValidId, string IdShape, string? AllSql = null)
{
    public static readonly Reference Entity = new(
        "entity", "select id from entities where id in @ids", Ids.IsValid, Ids.Shape);

    public static readonly Reference Source = new(
        "source", "select id from sources where id in @ids", Ids.IsValid, Ids.Shape);

    public static readonly Reference Metric = new(
        "metric", "select id from metrics where id in @ids",
        id => id.Length is > 0 and <= Ids.MaxLength && id.All(c => c is (>= 'a' and <= 'z') or '_'),
        "a metric id (lowercase letters and underscores) from GET /api/v1/metrics",
        "select id from metrics order by id");

    public string Missing(IReadOnlyList<string> ids) => ids.Count == 1
        ? $"No {Noun} has the id {QueryErrors.Quote(ids[0])}."
        : $"No {Noun} has the ids {string.Join(", ", ids.Select(QueryErrors.Quote))}.";
}

/// <summary>The shape of record ids: readable slugs.</summary>
internal static class Ids
{
    public const int MaxLength = 100;
    public const string Shape = "an id: 1 to 100 lowercase letters, digits and dashes";

    /// <summary>
    /// Ids as one JSON array parameter, read in SQL with <c>json_each(@ids)</c>: one statement text and
    /// one bound value however many ids a page holds.
    /// </summary>
    public static string Json(IEnumerable<string> ids) => JsonSerializer.Serialize(ids);

    public static bool IsValid(string id) =>
        id.Length is > 0 and <= MaxLength && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
