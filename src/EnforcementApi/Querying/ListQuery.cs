using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Http;
using EnforcementApi.Json;
using EnforcementApi.Search;
using System.Data.Common;

namespace EnforcementApi.Querying;

/// <summary>
/// One request for a page of a list: the filters it applies, its sort, its limit, where it starts and
/// what it adds (count, facets, selected fields). This file reads the request's parameters: each is
/// checked as it is added, and every problem lands in <see cref="Errors"/>. What it becomes, the SQL
/// and its execution, is in ListSql.cs.
/// </summary>
internal sealed partial class ListQuery<TRow>(ListDefinition<TRow> definition)
{
    // The number syntax the OpenAPI document states: no exponent, no leading '+', no bare '.'.
    [GeneratedRegex(@"^-?[0-9]{1,20}(\.[0-9]{1,20})?$")]
    private static partial Regex NumberSyntax();

    readonly List<string> conditions = [];
    // Each condition with the parameter it came from and how an index can find its records: what the plan is chosen from.
    readonly List<(string Parameter, string Condition, Seek Seek, string Key)> applied = [];
    readonly List<string> fingerprint = [];
    readonly List<(SortField<TRow> Field, bool Descending)> sort = [];
    readonly List<Facet> facets = [];
    int limit = definition.DefaultLimit;
    int parameterCount;
    bool count;
    Cursor? after;
    // A page that ends where the given cursor starts (the page before it): the sort runs the other way
    // from the cursor, and the rows are turned round. Only the HTML pages ask for one (their Previous link).
    bool backward;

    public QueryErrors Errors { get; } = new();
    public DynamicParameters Parameters { get; } = new();

    /// <summary>The engine the conditions are written for: set before the filters, by whoever holds the connection.</summary>
    public Data.Dialect Dialect { get; set; } = Data.Dialect.Sqlite;

    /// <summary>The fields the client selected; null for all of them.</summary>
    public FieldSelection? Fields { get; private set; }

    /// <summary>Whether the answer carries this field (a handler can skip loading what it does not).</summary>
    public bool Includes(string field) => Fields?.Includes(field) ?? true;

    /// <summary>Adds a filter whose value the condition names as <c>@parameter</c>.</summary>
    public void Where(string parameter, string condition, object value, Seek seek = Seek.Equal)
    {
        Parameters.Add(parameter, value);
        fingerprint.Add(parameter + "=" + (value is string[] values
            ? string.Join(",", values)
            : Convert.ToString(value, CultureInfo.InvariantCulture)));
        Add(parameter, condition, seek);
    }

    /// <summary>Adds a filter that takes no value, such as <c>f.dimension is null</c>; <paramref name="normalized"/> stands for it in cursors.</summary>
    public void Condition(string parameter, string condition, string normalized, Seek seek)
    {
        fingerprint.Add(parameter + "=" + normalized);
        Add(parameter, condition, seek);
    }

    /// <summary>Adds a condition, after its entry in the fingerprint (which also keys what is cached of it).</summary>
    void Add(string parameter, string condition, Seek seek)
    {
        conditions.Add(condition);
        applied.Add((parameter, condition, seek, fingerprint[^1]));
    }

    static Seek SeekOf(Op op) => op switch { Op.Eq => Seek.Equal, Op.Ne => Seek.Not, _ => Seek.Range };

    string NewParameter(string filter, object value, string normalized)
    {
        var name = "p" + parameterCount++;
        Parameters.Add(name, value);
        fingerprint.Add(filter + "=" + normalized);
        return "@" + name;
    }

    /// <summary>
    /// The operator and values of a membership filter (<c>eq</c>, <c>ne:</c>, <c>in:a,b</c>); null when there is
    /// none, or it is malformed (the error is noted).
    /// </summary>
    (Op Op, string[] Values)? Membership(string parameter, string? raw)
    {
        if (raw is null) return null;
        if (!Operators.TryParse(raw, Operators.Memberships, out var op, out var text, out var error))
        {
            Errors.Add(parameter, error!);
            return null;
        }
        var values = op == Op.In ? (Operators.TrySplit(text, out var list, out error) ? list : null) : [text];
        if (values is null)
        {
            Errors.Add(parameter, error!);
            return null;
        }
        return (op, values);
    }

    /// <summary>An enum field: <c>kind=actual</c>, <c>kind=ne:target</c>, <c>kind=in:actual,estimate</c>.</summary>
    public void Enum<T>(string parameter, string? raw, Match match) where T : struct, Enum
    {
        if (Membership(parameter, raw) is not (var op, var values)) return;
        var unknown = values.Where(v => !Wire<T>.TryParse(v, out _)).ToList();
        if (unknown.Count > 0)
        {
            Errors.Add(parameter, $"Must be one of {string.Join(", ", Wire<T>.Names)}; got {string.Join(", ", unknown.Select(QueryErrors.Quote))}.");
            return;
        }
        AddMatch(parameter, op, values, match);
    }

    /// <summary>
    /// A field of free text compared whole: <c>scope=US</c>, <c>ne:</c> and <c>in:</c> as for enums. Any value up to
    /// <paramref name="maxLength"/> characters is taken; a value no record has is an empty list, as it is a fact
    /// about the records rather than a mistake.
    /// </summary>
    public void Text(string parameter, string? raw, Match match, int maxLength)
    {
        if (Membership(parameter, raw) is not (var op, var values)) return;
        var bad = values.Where(v => v.Length == 0 || v.Length > maxLength || v.Any(char.IsControl)).ToList();
        if (bad.Count > 0)
        {
            Errors.Add(parameter, $"Must be 1 to {maxLength} characters without control characters; got {string.Join(", ", bad.Select(QueryErrors.Quote))}.");
            return;
        }
        AddMatch(parameter, op, values, match);
    }

    /// <summary>
    /// A field that holds the id of another record: <c>reportedBy=dhs</c>, <c>ne:</c> and <c>in:</c> as for
    /// enums. Every id must exist: a mistyped id is a 400 that says so, not an empty list that looks like
    /// an answer.
    /// </summary>
    public async Task ReferenceAsync(DbConnection connection, string parameter, string? raw, Reference reference, Match match)
    {
        if (Membership(parameter, raw) is not (var op, var values)) return;
        var malformed = values.Where(v => !reference.IsValidId(v)).ToList();
        if (malformed.Count > 0)
        {
            Errors.Add(parameter, $"Must be {reference.IdShape}; got {string.Join(", ", malformed.Select(QueryErrors.Quote))}.");
            return;
        }

        var found = (await connection.QueryAsync<string>(reference.ExistingSql + " " + Data.Dialect.Of(connection).InJsonArray("@ids"), new { ids = Ids.Json(values) })).ToHashSet(StringComparer.Ordinal);
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
        Add(parameter, match.Sql(op, name, Dialect), op switch { Op.In => Seek.Many, Op.Ne => Seek.Not, _ => Seek.Equal });
    }

    /// <summary>
    /// A date or number field with comparison operators, each occurrence one more condition:
    /// <c>value=gte:100000&amp;value=lt:200000</c>. <paramref name="sql"/> is the expression the sort index
    /// is built on; for a nullable date it is <c>coalesce(column, '')</c>, and an unknown date never matches.
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
                Add(parameter, sql + " " + Operators.Sql(op) + " " + name, SeekOf(op));
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
                Add(parameter, "(" + sql + " " + Operators.Sql(op) + " " + name + known + ")", SeekOf(op));
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
        if (from is { } start) Where("from", fromCondition, start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Seek.Range);
        if (to is { } end) Where("to", toCondition, end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Seek.Range);
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
    /// index entry matches <c>@q</c>, the query in the form this dialect's search takes. Cursors and caches know
    /// it by its FTS5 form, the same on both engines.
    /// </summary>
    public void FullText(string? raw, string condition)
    {
        if (raw is null) return;
        if (SearchQuery.Parse(raw, out var error) is not { } query)
        {
            Errors.Add("q", error);
            return;
        }
        Parameters.Add("q", SearchSql.Of(Dialect).Bind(query));
        Condition("q", condition, query.Fts5, Seek.Many);
    }

    /// <summary>
    /// Reads sort, limit and cursor; <paramref name="rawBefore"/>, a cursor too, asks for the page that ends
    /// just before the record it names. Call it after the filters: a cursor is bound to them.
    /// </summary>
    public void Paging(string? rawSort, string? rawLimit, string? rawCursor, string? rawBefore = null)
    {
        ParseSort(rawSort ?? definition.DefaultSort);
        ParseLimit(rawLimit);
        if (rawCursor is not null && rawBefore is not null)
            Errors.Add("before", "Cannot go with cursor: a page either follows one cursor or precedes another.");
        if (Errors.Any) return;
        if (rawCursor is not null) ParseCursor("cursor", rawCursor);
        else if (rawBefore is not null && ParseCursor("before", rawBefore)) backward = true;
    }

    /// <summary>Whether the sort field at <paramref name="i"/> runs descending in this query's SQL (the other way for a page before a cursor).</summary>
    bool Descending(int i) => sort[i].Descending ^ backward;

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

    bool ParseCursor(string parameter, string raw)
    {
        const string Altered = "Is not a cursor this API issued, or was altered; pass nextCursor exactly as it was returned.";
        if (!Cursor.TryDecode(raw, out var cursor) || cursor is null)
        {
            Errors.Add(parameter, Altered);
            return false;
        }
        if (cursor.Resource != definition.Resource)
        {
            Errors.Add(parameter, $"Belongs to the list of {cursor.Resource}, not of {definition.Resource}.");
            return false;
        }
        if (cursor.Query != QueryFingerprint() || cursor.Keys.Length != sort.Count)
        {
            Errors.Add(parameter, "Belongs to a query with other filters or another sort; send it with the same parameters as the request that returned it, or start again without a cursor.");
            return false;
        }

        for (var i = 0; i < sort.Count; i++)
        {
            var expected = sort[i].Field.Kind == SortKind.Number ? JsonValueKind.Number : JsonValueKind.String;
            if (cursor.Keys[i].ValueKind != expected)
            {
                Errors.Add(parameter, Altered);
                return false;
            }
        }
        after = cursor;
        return true;
    }

    string QueryFingerprint() =>
        Cursor.Fingerprint(fingerprint.Order(StringComparer.Ordinal)
            .Append("sort=" + string.Join(',', sort.Select(s => (s.Descending ? "-" : "") + s.Field.Name))));


}

/// <summary>How an index finds the records of a condition: by one value, by several, by a range; or not at all (<c>ne:</c>).</summary>
internal enum Seek { Equal, Many, Range, Not }
