using EnforcementApi.Data;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using System.Data.Common;

namespace EnforcementApi.Writes;

/// <summary>
/// What is wrong with a request body, by the path of each field (<c>citations[0].excerpt</c>), so one
/// 400 answer lists every problem at once.
/// </summary>
internal sealed class BodyErrors
{
    readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);
    readonly List<(string Path, Referenced Kind, string Id)> references = [];

    public bool Any => errors.Count > 0;

    /// <summary>Notes an id the body refers to, checked by <see cref="CheckReferencesAsync"/>.</summary>
    public void Refer(string path, Referenced kind, string id) => references.Add((path, kind, id));

    /// <summary>
    /// Checks that every id the body refers to exists, whatever else is wrong with the body, so that one
    /// answer lists a missing source beside an empty excerpt. One query per kind of record, for the ids
    /// not in <paramref name="known"/> (an import's earlier finds), which gains those found.
    /// </summary>
    public async Task CheckReferencesAsync(DbConnection connection, DbTransaction transaction, ReferencesFound? known = null)
    {
        foreach (var group in references.Where(r => known is null || !known.Contains(r.Kind, r.Id)).GroupBy(r => r.Kind))
        {
            var ids = group.Select(r => r.Id).Distinct().ToArray();
            var found = (await connection.QueryAsync<(string Id, long Fits)>(ExistingIn(group.Key, Dialect.Of(connection)), new { ids }, transaction))
                .ToDictionary(r => r.Id, r => r.Fits == 1, StringComparer.Ordinal);
            foreach (var (id, fits) in found)
                if (fits) known?.Add(group.Key, id);
            foreach (var (path, kind, id) in group)
            {
                if (!found.TryGetValue(id, out var fits))
                    Add(path, kind switch
                    {
                        Referenced.Metric => $"No metric has the id '{id}'; the metrics are listed at GET /api/v1/metrics.",
                        Referenced.Dimension => $"No dimension has the id '{id}'; the dimensions are listed at GET /api/v1/dimensions.",
                        Referenced.DimensionValue => DimensionValues.Missing(id),
                        Referenced.Source => $"No source has the id '{id}'.",
                        Referenced.Entity or Referenced.Organization => $"No entity has the id '{id}'.",
                        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
                    });
                else if (!fits)
                    Add(path, $"'{id}' is a person; only an organization can contain others or have roles held at it.");
            }
        }
    }

    /// <summary>The ids among <c>@ids</c> that exist, each with 1 when it fits where it is referred to (an organization), else 0.</summary>
    static string ExistingIn(Referenced kind, Dialect dialect) => kind switch
    {
        Referenced.Entity => "select id, 1 from entities where id " + dialect.InList("@ids"),
        Referenced.Organization => "select id, case when kind = 'organization' then 1 else 0 end from entities where id " + dialect.InList("@ids"),
        Referenced.Source => "select id, 1 from sources where id " + dialect.InList("@ids"),
        Referenced.Dimension => "select id, 1 from dimensions where id " + dialect.InList("@ids"),
        Referenced.DimensionValue => "select dimension_id || ':' || value, 1 from dimension_values where dimension_id || ':' || value " + dialect.InList("@ids"),
        Referenced.Metric => "select id, 1 from metrics where id " + dialect.InList("@ids"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public void Add(string path, string message)
    {
        if (!errors.TryGetValue(path, out var messages)) errors[path] = messages = [];
        messages.Add(message);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public Microsoft.AspNetCore.Http.HttpResults.ValidationProblem ToProblem() => TypedResults.ValidationProblem(
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
        title: "The request body is invalid; nothing was written.",
        detail: string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
}

/// <summary>The kinds of record a body can refer to by id.</summary>
internal enum Referenced { Entity, Organization, Source, Metric, Dimension, DimensionValue }

/// <summary>A dimension's value as a reference check names it: <c>citizenship:MX</c>.</summary>
internal static class DimensionValues
{
    public static string Key(string dimension, string value) => dimension + ":" + value;

    public static string Missing(string key)
    {
        var (dimension, value) = (key[..key.IndexOf(':')], key[(key.IndexOf(':') + 1)..]);
        return $"'{value}' is not a value of the dimension '{dimension}'; its values are listed at GET /api/v1/dimensions.";
    }
}

/// <summary>
/// Reads one JSON object of a request body field by field, checking each as it goes: type, presence,
/// length, enum value, date. Fields it was not asked about are refused when <see cref="Done"/> is
/// called, except those named as read-only (parts of a served record that a client may send back, such
/// as a reference's name), which are accepted and ignored.
/// </summary>
internal sealed class JsonBody(JsonObject json, string path, BodyErrors errors)
{
    // Sized for the fields a body has and a few it leaves out, so that it is not grown field by field (an
    // import reads a million bodies).
    readonly HashSet<string> read = new(json.Count + 4, StringComparer.Ordinal);

    public BodyErrors Errors => errors;

    /// <summary>Where this object stands in the body: <c>citations[0]</c>, or empty at the top.</summary>
    public string Path => path;

    string PathOf(string name) => path.Length == 0 ? name : path + "." + name;

    JsonNode? Take(string name, bool required)
    {
        read.Add(name);
        var node = json.TryGetPropertyValue(name, out var value) ? value : null;
        if (node is null && required) errors.Add(PathOf(name), "Is required.");
        return node;
    }

    bool Is(JsonNode node, JsonValueKind kind, string name, string expected)
    {
        if (node.GetValueKind() == kind) return true;
        errors.Add(PathOf(name), $"Must be {expected}; got {Describe(node)}.");
        return false;
    }

    /// <summary>What a wrong value is, with the value itself when it is short enough to show.</summary>
    static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String when node.GetValue<string>() is { Length: <= 40 } text => "the string " + JsonSerializer.Serialize(text),
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "the number " + node.ToJsonString(),
        JsonValueKind.True or JsonValueKind.False => "the boolean " + node.ToJsonString(),
        _ => "null",
    };

    /// <summary>A reference as a write gives it, for the messages about a wrong shape.</summary>
    static string ReferenceExample(Referenced kind) => kind == Referenced.Organization ? """{"id": "dhs"}""" : """{"id": "ice"}""";

    public string? String(string name, int maxLength, bool required = true, string expected = "a string")
    {
        var node = Take(name, required);
        if (node is null || !Is(node, JsonValueKind.String, name, expected)) return null;
        var value = node.GetValue<string>();
        if (value.Trim().Length == 0) errors.Add(PathOf(name), "Must not be empty or only spaces.");
        else if (value.Length > maxLength) errors.Add(PathOf(name), $"Has {value.Length} characters; at most {maxLength} are allowed.");
        else if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) errors.Add(PathOf(name), "Contains a control character.");
        else return value;
        return null;
    }

    public T? Enum<T>(string name, bool required = true, T? fallback = null) where T : struct, System.Enum
    {
        var node = Take(name, required && fallback is null);
        if (node is null) return fallback;
        if (!Is(node, JsonValueKind.String, name, "a string")) return null;
        if (Wire<T>.TryParse(node.GetValue<string>(), out var value)) return value;
        errors.Add(PathOf(name), $"Must be one of {string.Join(", ", Wire<T>.Names)}; got {QueryErrors.Quote(node.GetValue<string>())}.");
        return null;
    }

    public DateOnly? Date(string name)
    {
        var node = Take(name, required: false);
        if (node is null || !Is(node, JsonValueKind.String, name, "a date as YYYY-MM-DD or null")) return null;
        if (DateOnly.TryParseExact(node.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        errors.Add(PathOf(name), $"Must be a date as YYYY-MM-DD, such as 2025-01-20; got {QueryErrors.Quote(node.GetValue<string>())}.");
        return null;
    }

    public DateTimeOffset? Timestamp(string name)
    {
        var node = Take(name, required: false);
        if (node is null || !Is(node, JsonValueKind.String, name, "a UTC timestamp as YYYY-MM-DDTHH:MM:SSZ or null")) return null;
        if (DateTimeOffset.TryParseExact(node.GetValue<string>(), ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:sszzz"],
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            return time.ToUniversalTime();
        errors.Add(PathOf(name), $"Must be an ISO 8601 timestamp such as 2025-05-01T12:00:00Z; got {QueryErrors.Quote(node.GetValue<string>())}.");
        return null;
    }

    public decimal? Number(string name, decimal minimum, decimal maximum, int maxDecimals = 28)
    {
        var node = Take(name, required: true);
        if (node is null || !Is(node, JsonValueKind.Number, name, "a number such as 65600 or 656.5 (not in quotes)")) return null;
        if (!node.AsValue().TryGetValue<decimal>(out var value))
            errors.Add(PathOf(name), "Is not a number this API can store exactly.");
        else if (value < minimum || value > maximum)
            errors.Add(PathOf(name), $"Must be from {minimum} to {maximum}; got {value.ToString(CultureInfo.InvariantCulture)}.");
        else if (value.Scale > maxDecimals && value != Math.Round(value, maxDecimals))
            errors.Add(PathOf(name), $"Has more than {maxDecimals} decimal places; got {value.ToString(CultureInfo.InvariantCulture)}.");
        else
            return value;
        return null;
    }

    public int? Integer(string name, int minimum)
    {
        var node = Take(name, required: false);
        if (node is null || !Is(node, JsonValueKind.Number, name, "a whole number such as 12, or null")) return null;
        if (node.AsValue().TryGetValue<int>(out var value) && value >= minimum) return value;
        errors.Add(PathOf(name), $"Must be a whole number of at least {minimum}.");
        return null;
    }

    /// <summary>An id: a slug of lowercase letters, digits and dashes.</summary>
    public string? Id(string name, bool required = true, string expected = "an id (a string) such as \"dhs-removals-first-100-days\"")
    {
        var value = String(name, Ids.MaxLength, required, expected);
        if (value is null) return null;
        if (Ids.IsValid(value)) return value;
        errors.Add(PathOf(name), $"Must be {Ids.Shape}; got {QueryErrors.Quote(value)}.");
        return null;
    }

    /// <summary>
    /// A reference to an entity, written as a served reference is: <c>{"id": "dhs"}</c>; the served
    /// reference's kind and name may be sent back. The entity must exist (and, if asked, be an organization).
    /// </summary>
    public string? Reference(string name, bool required = true, Referenced kind = Referenced.Entity)
    {
        var body = Object(name, required, "a reference such as " + ReferenceExample(kind));
        if (body is null) return null;
        var id = body.Id("id", expected: $"an id (a string), as in {ReferenceExample(kind)}");
        body.ReadOnly("kind", "name").Done();
        if (id is not null) errors.Refer(body.PathOf("id"), kind, id);
        return id;
    }

    /// <summary>An id of another record given as a plain string (a citation's sourceId, a figure's metric).</summary>
    public string? IdOf(string name, Referenced kind, int maxLength = Ids.MaxLength)
    {
        var id = kind == Referenced.Metric
            ? String(name, maxLength, expected: "a metric id (a string) such as \"removals\"")
            : kind == Referenced.Dimension
            ? String(name, maxLength, expected: "a dimension id (a string) such as \"citizenship\"")
            : Id(name, expected: kind == Referenced.Source ? "a source id (a string) such as \"article-ice-leadership-shakeup\"" : "an entity id (a string) such as \"ice\"");
        if (id is not null) errors.Refer(PathOf(name), kind, id);
        return id;
    }

    /// <summary>A nested object; <paramref name="expected"/> shows its shape with an example, for a body that gets it wrong.</summary>
    public JsonBody? Object(string name, bool required, string expected)
    {
        var node = Take(name, required);
        return node is not null && Is(node, JsonValueKind.Object, name, expected)
            ? new JsonBody(node.AsObject(), PathOf(name), errors)
            : null;
    }

    /// <summary>An array of objects; <paramref name="itemExample"/> is an example item, shown to a body that gets the shape wrong.</summary>
    public List<JsonBody>? Array(string name, int maxItems, string itemExample, bool required = true, int minItems = 0)
    {
        var node = Take(name, required);
        if (node is null || !Is(node, JsonValueKind.Array, name, $"an array of objects such as [{itemExample}]")) return null;
        var items = node.AsArray();
        if (items.Count > maxItems) { errors.Add(PathOf(name), $"Has {items.Count} items; at most {maxItems} are allowed."); return null; }
        if (items.Count < minItems) { errors.Add(PathOf(name), $"Must have at least {minItems} item{(minItems == 1 ? "" : "s")}."); return null; }

        var bodies = new List<JsonBody>();
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = $"{PathOf(name)}[{i}]";
            if (items[i] is JsonObject item) bodies.Add(new JsonBody(item, itemPath, errors));
            else errors.Add(itemPath, $"Must be an object such as {itemExample}; got {(items[i] is null ? "null" : Describe(items[i]!))}.");
        }
        return bodies;
    }

    /// <summary>Fields a served record has that a client may send back; they are not read.</summary>
    public JsonBody ReadOnly(params string[] names)
    {
        foreach (var name in names) read.Add(name);
        return this;
    }

    /// <summary>Refuses every field that was not read: a misspelt field must not be silently dropped.</summary>
    public void Done()
    {
        foreach (var (name, _) in json)
            if (!read.Contains(name))
                errors.Add(PathOf(name), "Is not a field of this record.");
    }
}
