using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Http;

namespace EnforcementApi.Querying;

/// <summary>
/// The record fields a client asked for with <c>fields=id,value,periodStart</c>. The answer keeps only
/// those (see <see cref="ETags"/>, which writes every read), and a handler can skip loading what is not
/// asked for, such as citations.
/// </summary>
internal sealed class FieldSelection
{
    const string ItemKey = "EnforcementApi.FieldSelection";

    readonly FrozenSet<string> names;

    FieldSelection(IEnumerable<string> names) => this.names = names.ToFrozenSet(StringComparer.Ordinal);

    public bool Includes(string name) => names.Contains(name);

    /// <summary>The JSON names of a record type's fields, in declaration order.</summary>
    public static IReadOnlyList<string> FieldsOf(Type recordType) =>
        recordType.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToArray();

    /// <summary>Reads <c>fields</c>; null when absent (every field). Problems go to <paramref name="errors"/>.</summary>
    public static FieldSelection? Parse(string? raw, Type recordType, QueryErrors errors)
    {
        if (raw is null) return null;
        var known = FieldsOf(recordType);
        var requested = raw.Split(',');
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var valid = true;
        foreach (var name in requested)
        {
            string? problem = name.Length == 0
                ? "Has an empty field name; separate names by single commas, e.g. fields=id,title."
                : !known.Contains(name)
                    ? $"Names {QueryErrors.Quote(name)}, which is not a field of this record; fields are {string.Join(", ", known)}."
                    : !seen.Add(name) ? $"Names {QueryErrors.Quote(name)} more than once." : null;
            if (problem is null) continue;
            errors.Add("fields", problem);
            valid = false;
        }
        return valid ? new FieldSelection(requested) : null;
    }

    public static void Remember(HttpContext http, FieldSelection? selection)
    {
        if (selection is not null) http.Items[ItemKey] = selection;
    }

    public static FieldSelection? Of(HttpContext http) => http.Items.TryGetValue(ItemKey, out var s) ? s as FieldSelection : null;

    /// <summary>Keeps only the selected fields of a record, or of each record of a page.</summary>
    public void Apply(JsonNode body, bool isPage)
    {
        if (!isPage)
        {
            if (body is JsonObject record) Keep(record);
            return;
        }
        foreach (var item in body["items"]?.AsArray().OfType<JsonObject>() ?? [])
            Keep(item);
    }

    void Keep(JsonObject record)
    {
        foreach (var name in record.Select(p => p.Key).Where(k => !names.Contains(k)).ToList())
            record.Remove(name);
    }
}

/// <summary>Marks a record type whose fields a client can select with <c>fields</c>.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class SelectableFieldsAttribute : Attribute;
