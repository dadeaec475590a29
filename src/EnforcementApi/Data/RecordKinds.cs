using EnforcementApi.Json;

namespace EnforcementApi.Data;

/// <summary>
/// What a kind of record goes by outside its own folder: its name (<c>figure</c>: the wire name, the
/// <c>record_types</c> row, the word in messages), its plural (<c>figures</c>: its table, its list and the
/// path of its API), and the page the HTML site has for one record, if any.
/// </summary>
internal sealed record RecordKind(RecordType Type, string Plural, string? PagePath)
{
    public string Name { get; } = Wire<RecordType>.Name(Type);

    /// <summary>Where a record of this kind is read: <c>/api/v1/figures/</c>.</summary>
    public string ApiPath => "/api/v1/" + Plural + "/";

    /// <summary>The page a record of this kind has on the site, or its API URL when the site has no page for it.</summary>
    public string PageOf(string id) => (PagePath ?? ApiPath) + Uri.EscapeDataString(id);
}

/// <summary>
/// Every kind of record, once. Each map from a record type to a name, a path, a table or a page reads it,
/// so none falls through to another type: a <see cref="RecordType"/> without its entry here stops the app
/// at start (and fails <c>RecordKindsTests</c>), and one with no migration row fails the same tests.
/// </summary>
internal static class RecordKinds
{
    public static readonly IReadOnlyList<RecordKind> All = Total(
    [
        new(RecordType.Source, "sources", "/sources/"),
        new(RecordType.Entity, "entities", null),
        new(RecordType.Event, "events", null),
        new(RecordType.Figure, "figures", "/figures/"),
        new(RecordType.Statement, "statements", "/statements/"),
    ]);

    static readonly Dictionary<RecordType, RecordKind> ByType = All.ToDictionary(k => k.Type);
    static readonly Dictionary<string, RecordKind> ByName = All.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public static RecordKind Of(RecordType type) => ByType[type];

    /// <summary>The kind a wire name names; throws for a name that is not one (a caller checks user input first).</summary>
    public static RecordKind Of(string name) => ByName.TryGetValue(name, out var kind)
        ? kind
        : throw new ArgumentException($"'{name}' is not a record type; the types are {string.Join(", ", ByName.Keys)}.", nameof(name));

    /// <summary>Each <see cref="RecordType"/> with exactly one entry, in the order of the enum; throws otherwise.</summary>
    internal static IReadOnlyList<T> Total<T>(IReadOnlyList<T> entries, Func<T, RecordType> typeOf, string what)
    {
        var missing = Enum.GetValues<RecordType>().Where(t => entries.Count(e => typeOf(e) == t) != 1).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"{what} must have exactly one entry for each record type; "
                + $"{string.Join(", ", missing)} {(missing.Count == 1 ? "has" : "have")} none or several.");
        return entries.OrderBy(typeOf).ToList();
    }

    static IReadOnlyList<RecordKind> Total(IReadOnlyList<RecordKind> kinds) => Total(kinds, k => k.Type, nameof(RecordKinds));
}
