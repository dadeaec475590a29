using System.Collections.Frozen;
using System.Text.Json;

namespace EnforcementApi.Json;

/// <summary>
/// The wire names of an enum: snake_case, the same words the JSON, the query parameters and the
/// database use (<c>MoreThan</c> is <c>more_than</c> everywhere).
/// </summary>
internal static class Wire<T> where T : struct, Enum
{
    static readonly FrozenDictionary<T, string> NameOf =
        Enum.GetValues<T>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    static readonly FrozenDictionary<string, T> ValueOf =
        NameOf.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<T>().Select(v => NameOf[v]).ToArray();

    public static string Name(T value) => NameOf[value];

    public static bool TryParse(string? name, out T value) => ValueOf.TryGetValue(name ?? "", out value);

    /// <summary>Reads a value that the database holds; the schema's CHECK constraints keep these valid.</summary>
    public static T Parse(string name) =>
        ValueOf.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException($"'{name}' is not a {typeof(T).Name}.");
}
