using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Http;

/// <summary>How a sort key compares: as text (ids, names, ISO dates) or as a number.</summary>
internal enum SortKind { Text, Number }

/// <summary>
/// A field a list can be sorted by: its public name, the SQL expression an index is built on, and
/// how to read the same value from a row for the next page's cursor.
/// </summary>
internal sealed record SortField<TRow>(string Name, string Sql, SortKind Kind, Func<TRow, object> Key);

/// <summary>What one resource's list can be sorted by and how its records are identified.</summary>
internal sealed class ListDefinition<TRow>(
    string resource, string idSql, Func<TRow, string> id, string defaultSort, params SortField<TRow>[] fields)
{
    public string Resource => resource;
    public string DefaultSort => defaultSort;
    public IReadOnlyList<SortField<TRow>> Fields => fields;
    public SortField<TRow> IdField { get; } = new("id", idSql, SortKind.Text, row => id(row));
}

/// <summary>
/// One request for a page of a list: the filters it applies, its sort, its limit and where it starts.
/// Parameters are checked as they are added and every problem lands in <see cref="Errors"/>; the SQL it
/// builds is made only of the fragments given in code, and every value is a bound parameter.
/// </summary>
internal sealed class ListQuery<TRow>(ListDefinition<TRow> definition)
{
    readonly List<string> conditions = [];
    readonly List<string> fingerprint = [];
    readonly List<(SortField<TRow> Field, bool Descending)> sort = [];
    int limit = QueryDocs.DefaultLimit;
    Cursor? after;

    public QueryErrors Errors { get; } = new();
    public DynamicParameters Parameters { get; } = new();

    /// <summary>Adds a filter: <paramref name="condition"/> names its value as <c>@parameter</c>.</summary>
    public void Where(string parameter, string condition, object value)
    {
        conditions.Add(condition);
        Parameters.Add(parameter, value);
        fingerprint.Add(parameter + "=" + Convert.ToString(value, CultureInfo.InvariantCulture));
    }

    public void Enum<T>(string parameter, string? raw, string condition) where T : struct, Enum
    {
        if (raw is null) return;
        if (Wire<T>.TryParse(raw, out var value))
            Where(parameter, condition, Wire<T>.Name(value));
        else
            Errors.Add(parameter, $"Must be one of {string.Join(", ", Wire<T>.Names)}; got {QueryErrors.Quote(raw)}.");
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
    /// A filter by the id of another record. The id must exist: a mistyped id is a 400 that says so,
    /// not an empty list that looks like an answer.
    /// </summary>
    public async Task ReferenceAsync(
        SqliteConnection connection, string parameter, string? raw, Reference reference, string condition)
    {
        if (raw is null) return;
        if (!Ids.IsValid(raw))
        {
            Errors.Add(parameter, $"Must be an id: 1 to {Ids.MaxLength} lowercase letters, digits and dashes; got {QueryErrors.Quote(raw)}.");
            return;
        }

        var exists = await connection.ExecuteScalarAsync<long>(reference.ExistsSql, new { id = raw });
        if (exists == 0)
            Errors.Add(parameter, $"No {reference.Noun} has the id {QueryErrors.Quote(raw)}.");
        else
            Where(parameter, condition, raw);
    }

    /// <summary>Reads sort, limit and cursor. Call it after the filters: a cursor is bound to them.</summary>
    public void Paging(string? rawSort, string? rawLimit, string? rawCursor)
    {
        ParseSort(rawSort ?? definition.DefaultSort);
        ParseLimit(rawLimit);
        if (rawCursor is not null && !Errors.Any) ParseCursor(rawCursor);
    }

    void ParseSort(string raw)
    {
        var allowed = string.Join(", ", definition.Fields.Select(f => f.Name).Append("id"));
        if (raw.Length == 0)
        {
            Errors.Add("sort", $"Must name a field to sort by, with a leading '-' for descending order; one of {allowed}.");
            return;
        }

        foreach (var part in raw.Split(','))
        {
            var descending = part.StartsWith('-');
            var name = descending ? part[1..] : part;
            var field = name == "id" ? definition.IdField : definition.Fields.FirstOrDefault(f => f.Name == name);
            if (field is null)
                Errors.Add("sort", $"Cannot sort by {QueryErrors.Quote(name)}; sortable fields are {allowed}, each optionally with a leading '-' for descending order.");
            else if (sort.Any(s => s.Field.Name == field.Name))
                Errors.Add("sort", $"Sorts by {QueryErrors.Quote(name)} more than once.");
            else
                sort.Add((field, descending));
        }

        // Ties are broken by id, in the direction of the last field, so every record has one place.
        if (sort.Count > 0 && sort[^1].Field != definition.IdField && !sort.Any(s => s.Field == definition.IdField))
            sort.Add((definition.IdField, sort[^1].Descending));
    }

    void ParseLimit(string? raw)
    {
        if (raw is null) return;
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= QueryDocs.MaxLimit)
            limit = value;
        else
            Errors.Add("limit", $"Must be a whole number from 1 to {QueryDocs.MaxLimit}; got {QueryErrors.Quote(raw)}.");
    }

    void ParseCursor(string raw)
    {
        if (!Cursor.TryDecode(raw, out var cursor) || cursor is null)
        {
            Errors.Add("cursor", "Is not a cursor this API issued, or was altered; pass nextCursor exactly as it was returned.");
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
            var key = cursor.Keys[i];
            var expected = sort[i].Field.Kind == SortKind.Number ? JsonValueKind.Number : JsonValueKind.String;
            if (key.ValueKind != expected)
            {
                Errors.Add("cursor", "Is not a cursor this API issued, or was altered; pass nextCursor exactly as it was returned.");
                return;
            }
        }
        after = cursor;
    }

    string QueryFingerprint() =>
        Cursor.Fingerprint(fingerprint.Append("sort=" + string.Join(',', sort.Select(s => (s.Descending ? "-" : "") + s.Field.Name))));

    /// <summary>
    /// The page's SQL: the given select and from, then the filters, the keyset condition, the order and
    /// one row more than the limit (to learn whether a next page exists).
    /// </summary>
    public string Sql(string selectFrom)
    {
        var where = new List<string>(conditions);
        if (after is not null)
        {
            for (var i = 0; i < sort.Count; i++)
                Parameters.Add("k" + i, sort[i].Field.Kind == SortKind.Number ? after.Keys[i].GetDouble() : after.Keys[i].GetString());
            where.Add(KeysetCondition());
        }
        Parameters.Add("limit", limit + 1);

        var sql = new StringBuilder(selectFrom);
        if (where.Count > 0) sql.Append("\nwhere ").AppendJoin("\n  and ", where);
        sql.Append("\norder by ").AppendJoin(", ", sort.Select(s => s.Field.Sql + (s.Descending ? " desc" : "")));
        sql.Append("\nlimit @limit");
        return sql.ToString();
    }

    /// <summary>Rows strictly after the cursor in the sort order.</summary>
    string KeysetCondition()
    {
        // One direction for every field: a row-value comparison, which SQLite answers from the index.
        if (sort.All(s => s.Descending == sort[0].Descending))
        {
            var columns = string.Join(", ", sort.Select(s => s.Field.Sql));
            var keys = string.Join(", ", sort.Select((_, i) => "@k" + i));
            return "(" + columns + ") " + (sort[0].Descending ? "<" : ">") + " (" + keys + ")";
        }

        // Mixed directions: a > b on the first field, or equal on it and after on the next, and so on.
        var alternatives = new List<string>();
        for (var i = 0; i < sort.Count; i++)
        {
            var terms = sort.Take(i).Select((s, j) => s.Field.Sql + " = @k" + j).ToList();
            terms.Add(sort[i].Field.Sql + (sort[i].Descending ? " < @k" : " > @k") + i);
            alternatives.Add("(" + string.Join(" and ", terms) + ")");
        }
        return "(" + string.Join(" or ", alternatives) + ")";
    }

    /// <summary>Runs the page's query; returns at most limit rows and the cursor of the next page.</summary>
    public async Task<(List<TRow> Rows, string? NextCursor)> ExecuteAsync(
        SqliteConnection connection, string selectFrom, CancellationToken ct)
    {
        var sql = Sql(selectFrom);
        var rows = (await connection.QueryAsync<TRow>(new CommandDefinition(sql, Parameters, cancellationToken: ct))).AsList();
        if (rows.Count <= limit) return (rows, null);

        rows.RemoveRange(limit, rows.Count - limit);
        var last = rows[^1];
        var keys = sort.Select(s => JsonSerializer.SerializeToElement(s.Field.Key(last))).ToArray();
        return (rows, new Cursor(definition.Resource, QueryFingerprint(), keys).Encode());
    }

    /// <summary>Sets the <c>Link</c> header to the next page: this request's URL with the new cursor.</summary>
    public static void SetNextLink(HttpContext http, string? nextCursor)
    {
        if (nextCursor is null) return;
        var request = http.Request;
        var query = new QueryBuilder(request.Query
            .Where(p => !string.Equals(p.Key, "cursor", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? ""))));
        query.Add("cursor", nextCursor);
        var url = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, query.ToQueryString());
        http.Response.Headers.Link = "<" + url + ">; rel=\"next\"";
    }
}

/// <summary>A kind of record a filter can refer to by id, and how to check that the id exists.</summary>
internal sealed record Reference(string Noun, string ExistsSql)
{
    public static readonly Reference Entity = new("entity", "select count(*) from entities where id = @id");
    public static readonly Reference Source = new("source", "select count(*) from sources where id = @id");
}

/// <summary>The shape of record ids: readable slugs.</summary>
internal static class Ids
{
    public const int MaxLength = 100;

    public static bool IsValid(string id) =>
        id.Length is > 0 and <= MaxLength && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
