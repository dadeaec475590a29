using System.Globalization;

namespace EnforcementApi.Querying;

/// <summary>Dates as the lists sort them.</summary>
internal static class Dates
{
    /// <summary>
    /// A nullable date as the sort key the SQL orders by (<c>coalesce(column, '')</c>): an unknown date is
    /// the empty string, which sorts before every date.
    /// </summary>
    public static string Key(DateOnly? date) =>
        date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
