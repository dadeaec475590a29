using System.Globalization;

namespace EnforcementApi.Http;

internal static class Dates
{
    /// <summary>
    /// A date and its precision agree: an unknown date is null, and a month or a year is given by its
    /// first day, as the schema requires.
    /// </summary>
    public static void CheckPrecision(Writes.BodyErrors errors, string field, DateOnly? date, Events.DatePrecision precision)
    {
        if ((date is null) != (precision == Events.DatePrecision.Unknown))
            errors.Add(field, date is null
                ? $"Is required when datePrecision is {Wire<Events.DatePrecision>.Name(precision)}; leave it out only with datePrecision unknown."
                : "Must be null when datePrecision is unknown.");
        else if (precision == Events.DatePrecision.Month && date is { Day: not 1 })
            errors.Add(field, "Must be the first day of the month when datePrecision is month.");
        else if (precision == Events.DatePrecision.Year && date is { Day: not 1 } or { Month: not 1 })
            errors.Add(field, "Must be January 1 when datePrecision is year.");
    }

    /// <summary>
    /// A nullable date as the sort key the SQL orders by (<c>ifnull(column, '')</c>): an unknown date is
    /// the empty string, which sorts before every date.
    /// </summary>
    public static string Key(DateOnly? date) =>
        date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
