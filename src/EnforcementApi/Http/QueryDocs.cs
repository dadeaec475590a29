namespace EnforcementApi.Http;

/// <summary>Wording and limits that every list's parameters share, so they read the same everywhere.</summary>
internal static class QueryDocs
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public const string Sort =
        "Order of the list: a field name for ascending order, with a leading `-` for descending; several fields " +
        "separated by commas sort by the first, then the next. Ties are broken by `id`, in the direction of the last field. Records with an unknown " +
        "date sort before every dated record in ascending order and after them in descending order.";

    public const string Limit = "How many records a page holds, from 1 to 200. Default 50.";

    public const string Cursor =
        "Where the page starts: the `nextCursor` of the previous page, passed as it was returned, with the same " +
        "other parameters as the request that returned it. Omit it for the first page.";

    public const string From =
        "Only records dated on or after this day (YYYY-MM-DD). Records whose date is unknown never match a date " +
        "filter; a date known only to the month or year counts as the first day of it.";

    public const string To =
        "Only records dated on or before this day (YYYY-MM-DD); not before `from`. Records whose date is unknown " +
        "never match a date filter.";
}

/// <summary>
/// The type a query parameter's value has, for the OpenAPI document: the parameters bind as strings so
/// that a malformed value reaches the handler and gets a 400 naming it, but the contract states the
/// real type, its bounds and its default.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class QueryTypeAttribute(Type type) : Attribute
{
    public Type Type => type;
    public double Minimum { get; init; } = double.NaN;
    public double Maximum { get; init; } = double.NaN;
    public object? Default { get; init; }
}
