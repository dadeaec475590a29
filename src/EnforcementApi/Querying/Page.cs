using System.ComponentModel;
using System.Text.Json.Serialization;

namespace EnforcementApi.Querying;

/// <summary>One page of a list, with the total and the facet counts when they were asked for.</summary>
public sealed record Page<T>(
    [property: Description("The records of this page, in the list's order.")]
    IReadOnlyList<T> Items,
    [property: Description("Opaque cursor of the next page: send it as `cursor` with the same other query parameters. Null on the last page. The same link is in the `Link` header with rel=\"next\".")]
    string? NextCursor,
    [property: Description("How many records match the filters across all pages; present only with `count=true`."),
               JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    long? Total = null,
    [property: Description("For each field named by `facet`, how many records that match the filters (across all pages) have each value; present only with `facet`."),
               JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, FacetCounts>? Facets = null);

/// <summary>The counts of one facet.</summary>
public sealed record FacetCounts(
    [property: Description("The values, most frequent first (ties by value), at most 100.")] IReadOnlyList<FacetValue> Values,
    [property: Description("True when the field has more than 100 values and only the first 100 are given.")] bool Truncated);

/// <summary>How many matching records have one value of a field.</summary>
public sealed record FacetValue(
    [property: Description("The value, as the filter of the same name takes it; null for records without one.")] string? Value,
    [property: Description("A readable name for the value (an entity's name, a metric's label), or null when the value is its own name.")] string? Label,
    [property: Description("How many matching records have the value.")] long Count);
