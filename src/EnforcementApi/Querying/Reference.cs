using System.Text.Json;

namespace EnforcementApi.Querying;

/// <summary>
/// A kind of record a filter can refer to by id, and how to check that the ids exist: <see cref="ExistingSql"/> followed by
/// the dialect's <c>in</c> over a JSON array of ids (<see cref="Data.Dialect.InJsonArray"/>).
/// </summary>
internal sealed record Reference(string Noun, string ExistingSql, Func<string, bool> IsValidId, string IdShape, string? AllSql = null)
{
    public static readonly Reference Entity = new(
        "entity", "select id from entities where id", Ids.IsValid, Ids.Shape);

    public static readonly Reference Source = new(
        "source", "select id from sources where id", Ids.IsValid, Ids.Shape);

    public static readonly Reference Metric = new(
        "metric", "select id from metrics where id",
        id => id.Length is > 0 and <= Ids.MaxLength && id.All(c => c is (>= 'a' and <= 'z') or '_'),
        "a metric id (lowercase letters and underscores) from GET /api/v1/metrics",
        "select id from metrics order by id");

    public static readonly Reference Dimension = new(
        "dimension", "select id from dimensions where id",
        id => id.Length is > 0 and <= Ids.MaxLength && id.All(c => c is (>= 'a' and <= 'z') or '_'),
        "a dimension id (lowercase letters and underscores) from GET /api/v1/dimensions",
        "select id from dimensions order by id");

    /// <summary>A value of any dimension: a country code, a criminality class, an area of responsibility.</summary>
    public static readonly Reference DimensionValue = new(
        "dimension value", "select distinct value from dimension_values where value",
        id => id.Length is > 0 and <= Ids.MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'),
        "a dimension value (letters, digits, '_' and '-') from GET /api/v1/dimensions, such as MX");

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
    /// Ids as one JSON array parameter, read in SQL with <see cref="Data.Dialect.InJsonArray"/>: one statement text and
    /// one bound value however many ids a page holds.
    /// </summary>
    public static string Json(IEnumerable<string> ids) => JsonSerializer.Serialize(ids);

    public static bool IsValid(string id) =>
        id.Length is > 0 and <= MaxLength && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
