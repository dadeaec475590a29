using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace EnforcementApi.Querying;

/// <summary>Wording and limits that every list's parameters share, so they read the same everywhere.</summary>
internal static class QueryDocs
{
    public const int DefaultLimit = 50;
    // A search hit costs a snippet, cut from the record's text; 20 best hits is what a reader looks at.
    public const int DefaultSearchLimit = 20;
    public const int MaxLimit = 200;
    public const int MaxFacetValues = 100;

    public const string Sort =
        "Order of the list: a field name for ascending order, with a leading `-` for descending; several fields " +
        "separated by commas sort by the first, then the next. Ties are broken by `id`, in the direction of the last field. Records with an unknown " +
        "date sort before every dated record in ascending order and after them in descending order.";

    /// <summary>A strong ETag of the shape the API makes, for the examples of the conditional headers.</summary>
    public const string ETagExample = "\"mQ3dV9u2cFv8Lx1kYb0aNw\"";

    public const string Limit = "How many records a page holds, from 1 to 200 (Limits:MaxPageSize). Default 50.";

    public const string SearchLimit = "How many hits a page holds, from 1 to 200 (Limits:MaxPageSize). Default 20.";

    public const string Cursor =
        "Where the page starts: the `nextCursor` of the previous page, passed as it was returned, with the same " +
        "other parameters as the request that returned it. Omit it for the first page.";


    public const string From =
        "Only records dated on or after this day (YYYY-MM-DD). Records whose date is unknown never match a date " +
        "filter; a date known only to the month or year counts as the first day of it.";

    public const string To =
        "Only records dated on or before this day (YYYY-MM-DD); not before `from`. Records whose date is unknown " +
        "never match a date filter.";

    public const string Q =
        "Full-text search: words (all must match), prefixes (`deport*`), \"phrases in double quotes\", `AND`, `OR`, " +
        "`NOT` between two terms, and parentheses. Words match their variants (\"deportation\" finds \"deported\"); " +
        "case and accents do not matter. At most 500 characters.";

    public const string Count = "`true` adds `total`, the number of records that match across all pages. Default `false`.";

    public const string Fields = "Only these fields of each record, comma-separated; the others are left out of the answer.";

    public const string Facet =
        "Count the matching records (across all pages, with the same filters) per value of this field, into `facets`; " +
        "repeat it or separate names by commas for several. At most 100 values per field, most frequent first.";

    // How a filter value with an operator is written; the OpenAPI document gives these as patterns.
    public const string MembershipSyntax =
        " Write `value` (equal), `ne:value` (not equal) or `in:a,b,c` (any of up to 50).";

    public const string ComparisonSyntax =
        " Write `op:value` with op one of `eq`, `ne`, `gt`, `gte`, `lt`, `lte` (the value alone means `eq`); repeat " +
        "the parameter for a range, e.g. `gte:…&…=lt:…`. Records without a value never match.";

    public const string DatePattern = "^((eq|ne|gt|gte|lt|lte):)?[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    public const string NumberPattern = "^((eq|ne|gt|gte|lt|lte):)?-?[0-9]{1,20}(\\.[0-9]{1,20})?$";
}

/// <summary>
/// How the OpenAPI document states a parameter: its example, and for a query parameter that binds as a
/// string (so a malformed value reaches the handler and gets a 400 naming it) its real type, bounds,
/// default and pattern.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class ApiParameterAttribute : Attribute
{
    public Type? Type { get; init; }
    public double Minimum { get; init; } = double.NaN;
    public double Maximum { get; init; } = double.NaN;
    public object? Default { get; init; }
    public string? Pattern { get; init; }
    public string? Example { get; init; }
    public bool Required { get; init; }
}
