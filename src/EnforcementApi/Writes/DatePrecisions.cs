using EnforcementApi.Events;
using EnforcementApi.Json;

namespace EnforcementApi.Writes;

/// <summary>The rule every dated write body follows, whatever its date field is called.</summary>
internal static class DatePrecisions
{
    /// <summary>
    /// A date and its precision agree: an unknown date is null, and a month or a year is given by its
    /// first day, as the schema requires.
    /// </summary>
    public static void Check(BodyErrors errors, string field, DateOnly? date, DatePrecision precision)
    {
        if ((date is null) != (precision == DatePrecision.Unknown))
            errors.Add(field, date is null
                ? $"Is required when datePrecision is {Wire<DatePrecision>.Name(precision)}; leave it out only with datePrecision unknown."
                : "Must be null when datePrecision is unknown.");
        else if (precision == DatePrecision.Month && date is { Day: not 1 })
            errors.Add(field, "Must be the first day of the month when datePrecision is month.");
        else if (precision == DatePrecision.Year && date is { Day: not 1 } or { Month: not 1 })
            errors.Add(field, "Must be January 1 when datePrecision is year.");
    }
}
