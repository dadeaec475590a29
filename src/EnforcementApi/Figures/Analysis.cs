using EnforcementApi.Json;
using System.Globalization;
using Dapper;
using EnforcementApi.Querying;
using System.Data.Common;

namespace EnforcementApi.Figures;

/// <summary>
/// What the analyses of figures (pace, discrepancies, series) share: how they count days and round, and
/// how they read the parameters they have in common. Each analysis is done openly: every number says
/// which figures it comes from, with their citations.
/// </summary>
internal static class Analysis
{
    internal const string Arithmetic =
        "Decimal arithmetic throughout. Days count both ends of a period. Per-day values and gaps are rounded to 1 decimal " +
        "place and ratios to 4, half away from zero, after computing from the unrounded values.";

    internal const string QualifierRules =
        "A qualifier carries over as far as the arithmetic allows: a per-day value keeps its figure's; a ratio or a gap that " +
        "grows with the actual keeps the actual's (more_than stays more_than) and turns the target's around (a target of at " +
        "least X gives at most for the ratio); two qualified figures that pull apart give approximately.";

    internal const string DimensionDoc =
        "The breakdown to read: a dimension from `GET /api/v1/dimensions` (`citizenship`, `criminality`, ...), with `dimensionValue`. "
        + "Left out (or `none`), only whole counts are read: a part of a count is never compared with the whole.";

    internal const string DimensionValueDoc = "The value of `dimension` to read, such as `MX` for citizenship.";

    public static async Task<string?> RequireMetricAsync(DbConnection connection, string? metric, QueryErrors errors)
    {
        var known = (await connection.QueryAsync<string>("select id from metrics order by id")).AsList();
        if (metric is null)
            errors.Add("metric", $"Is required: one of {string.Join(", ", known)}.");
        else if (!known.Contains(metric))
            errors.Add("metric", $"Must be one of {string.Join(", ", known)}; got {QueryErrors.Quote(metric)}.");
        else
            return metric;
        return null;
    }

    /// <summary>
    /// The breakdown an analysis reads, from its <c>dimension</c> and <c>dimensionValue</c> parameters: whole
    /// counts when neither is given (or <c>dimension=none</c>), one value of a dimension, or, where the
    /// analysis allows it (<paramref name="valueOptional"/>), every value of one dimension.
    /// </summary>
    public static async Task<(string? Dimension, Breakdown? Slice)> BreakdownAsync(
        DbConnection connection, string? dimension, string? value, QueryErrors errors, bool valueOptional = false)
    {
        if (dimension is null or "none")
        {
            if (value is not null) errors.Add("dimensionValue", "Needs dimension: name the dimension the value belongs to, such as dimension=citizenship.");
            return (null, null);
        }
        var known = (await connection.QueryAsync<string>("select id from dimensions order by id")).AsList();
        if (!known.Contains(dimension))
        {
            errors.Add("dimension", $"Must be none or one of {string.Join(", ", known)}; got {QueryErrors.Quote(dimension)}.");
            return (null, null);
        }
        if (value is null)
        {
            if (!valueOptional) errors.Add("dimensionValue", $"Is required with dimension: one of the values of {dimension}, listed at GET /api/v1/dimensions.");
            return (dimension, null);
        }
        var label = await connection.ExecuteScalarAsync<string?>(
            "select label from dimension_values where dimension_id = @dimension and value = @value", new { dimension, value });
        if (label is null)
        {
            errors.Add("dimensionValue", $"Is not a value of {dimension}; got {QueryErrors.Quote(value)}. The values are listed at GET /api/v1/dimensions.");
            return (dimension, null);
        }
        return (dimension, new Breakdown(dimension, value, label));
    }

    public static async Task<bool> EntityExistsAsync(DbConnection connection, string id) =>
        await connection.ExecuteScalarAsync<long>("select count(*) from entities where id = @id", new { id }) > 0;

    public static (DateOnly? From, DateOnly? To) DateRange(string? rawFrom, string? rawTo, QueryErrors errors)
    {
        DateOnly? Parse(string name, string? raw)
        {
            if (raw is null) return null;
            if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            errors.Add(name, $"Must be a date as YYYY-MM-DD, such as 2025-01-20; got {QueryErrors.Quote(raw)}.");
            return null;
        }
        var from = Parse("from", rawFrom);
        var to = Parse("to", rawTo);
        if (from is { } f && to is { } t && t < f)
            errors.Add("to", $"Must not be before from ({f:yyyy-MM-dd}); got {t:yyyy-MM-dd}.");
        return (from, to);
    }

    public static int Days(DateOnly start, DateOnly end) => end.DayNumber - start.DayNumber + 1;

    public const string UnitDoc =
        "Only figures of this unit. Default: every unit but `percent`, so that a share (70 percent) is never read as a count; `unit=percent` gives the percentages alone.";

    /// <summary>The unit an analysis was asked for (null: every unit but percent), or an error.</summary>
    public static string? Unit(string? raw, QueryErrors errors)
    {
        if (raw is null) return null;
        if (Wire<FigureUnit>.TryParse(raw, out var unit)) return Wire<FigureUnit>.Name(unit);
        errors.Add("unit", $"Must be one of {string.Join(", ", Wire<FigureUnit>.Names)}; got {QueryErrors.Quote(raw)}.");
        return null;
    }

    /// <summary>Whether a figure is of the unit asked for: percentages only when asked for by name.</summary>
    public static bool OfUnit(FigureRow f, string? unit) => unit is null ? f.Unit != Wire<FigureUnit>.Name(FigureUnit.Percent) : f.Unit == unit;

    /// <summary>A figure as people per day, unrounded.</summary>
    public static decimal PerDay(FigureRow f, int? days) => f.Unit switch
    {
        "people_per_day" => f.DecimalValue,
        "people_per_month" => f.DecimalValue * 12m / 365m,
        "people_per_year" => f.DecimalValue / 365m,
        _ => f.DecimalValue / days!.Value,
    };

    // Adding a zero of the same scale writes the places out (656.0, not 656), so the rounding shows.
    public static decimal Round(decimal value, int places) =>
        Math.Round(value, places, MidpointRounding.AwayFromZero) + (places == 1 ? 0.0m : 0.0000m);
}

/// <summary>How a figure's qualifier carries into the numbers computed from it.</summary>
internal static class Qualifiers
{
    /// <summary>The qualifier of a number that falls as this one rises: more_than becomes less_than.</summary>
    public static ValueQualifier Invert(ValueQualifier q) => q switch
    {
        ValueQualifier.MoreThan => ValueQualifier.LessThan,
        ValueQualifier.LessThan => ValueQualifier.MoreThan,
        ValueQualifier.AtLeast => ValueQualifier.UpTo,
        ValueQualifier.UpTo => ValueQualifier.AtLeast,
        _ => q,
    };

    /// <summary>The qualifier of a number that rises with both: the one that is not exact, or approximately when both pull.</summary>
    public static ValueQualifier Combine(ValueQualifier a, ValueQualifier b) =>
        a == ValueQualifier.Exact ? b
        : b == ValueQualifier.Exact ? a
        : a == b ? a
        : ValueQualifier.Approximately;

    /// <summary>The values a qualified number stands for; an open upper end is null.</summary>
    public static (decimal Low, decimal? High) Range(decimal value, ValueQualifier q) => q switch
    {
        ValueQualifier.MoreThan or ValueQualifier.AtLeast => (value, null),
        ValueQualifier.LessThan or ValueQualifier.UpTo => (0, value),
        _ => (value, value),
    };
}
