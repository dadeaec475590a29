using System.ComponentModel;

namespace EnforcementApi.Http;

/// <summary>One page of a list.</summary>
/// <param name="Items">The records of this page, in the list's order.</param>
/// <param name="NextCursor">
/// Pass as <c>cursor</c> with the same other parameters to get the next page; <c>null</c> on the last page.
/// </param>
public sealed record Page<T>(
    [property: Description("The records of this page, in the list's order.")]
    IReadOnlyList<T> Items,
    [property: Description("Opaque cursor of the next page: send it as `cursor` with the same other query parameters. Null on the last page. The same link is in the `Link` header with rel=\"next\".")]
    string? NextCursor);
