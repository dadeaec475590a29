using System.Globalization;

namespace Baseline;

sealed record PaceActual(
    string FigureId, decimal Value, string ValueQualifier, string PeriodStart, string PeriodEnd, string? PeriodLabel, int Days,
    decimal PerDay, string PerDayQualifier, EntityRef ReportedBy, EntityRef? CountedBy, IReadOnlyList<Citation> Citations);

sealed record PaceTarget(
    string FigureId, decimal Value, string ValueQualifier, string Unit, string? PeriodStart, string? PeriodEnd, string? PeriodLabel,
    int? Days, decimal PerDay, string PerDayQualifier, EntityRef ReportedBy, IReadOnlyList<Citation> Citations);

sealed record PaceComparison(
    string ActualId, string TargetId, decimal Ratio, string RatioQualifier, string Direction, decimal GapPerDay, decimal GapOverPeriod,
    string GapQualifier, IReadOnlyList<string> FigureIds);

sealed record PaceReport(
    string Metric, Breakdown? Breakdown, string Arithmetic, string Qualifiers, IReadOnlyList<PaceActual> Actuals, IReadOnlyList<PaceTarget> Targets,
    IReadOnlyList<PaceComparison> Comparisons);

/// <summary>
/// PaceApi.Pace's selection and arithmetic, on the rows as SQLite gives them: the work the
/// answer needs, so the baseline sends what the API sends. Dates stay ISO text, which compares as dates.
/// </summary>
static class Pace
{
    // The API sends these texts with every report.
    const string Arithmetic =
        "Decimal arithmetic throughout. Days count both ends of a period. Per-day values and gaps are rounded to 1 decimal " +
        "place and ratios to 4, half away from zero, after computing from the unrounded values.";

    const string QualifierRules =
        "A qualifier carries over as far as the arithmetic allows: a per-day value keeps its figure's; a ratio or a gap that " +
        "grows with the actual keeps the actual's (more_than stays more_than) and turns the target's around (a target of at " +
        "least X gives at most for the ratio); two qualified figures that pull apart give approximately.";

    public static (List<PaceRow> Actuals, List<PaceRow> Targets) Select(
        List<PaceRow> figures, string? scope, string? reportedBy, string? from, string? to)
    {
        bool InRange(PaceRow f) => f.PeriodStart is null || f.PeriodEnd is null
            ? from is null && to is null
            : (from is null || string.CompareOrdinal(f.PeriodEnd, from) >= 0) && (to is null || string.CompareOrdinal(f.PeriodStart, to) <= 0);

        var ofScope = figures.Where(f => scope is null || f.Scope == scope).ToList();
        var actuals = ofScope
            .Where(f => f.Kind == "actual" && f.PeriodStart is not null && f.PeriodEnd is not null && InRange(f))
            .Where(f => reportedBy is null || f.ReportedBy == reportedBy)
            .ToList();
        var targets = ofScope
            .Where(f => f.Kind == "target" && (f.Unit != "people" || f.PeriodStart is not null && f.PeriodEnd is not null))
            .Where(f => f.PeriodStart is null || InRange(f))
            .ToList();
        return (actuals, targets);
    }

    public static PaceReport Report(string metric, List<PaceRow> actualRows, List<PaceRow> targetRows, ILookup<string, Citation> citations)
    {
        var actuals = actualRows.Select(f =>
        {
            var days = Days(f.PeriodStart!, f.PeriodEnd!);
            var perDay = PerDay(f, days);
            return (Row: f, Exact: perDay, Item: new PaceActual(f.Id, (decimal)f.Value, f.ValueQualifier, f.PeriodStart!, f.PeriodEnd!,
                f.PeriodLabel, days, Round(perDay, 1), f.ValueQualifier, Reporter(f),
                f.CountedBy is null ? null : new EntityRef(f.CountedBy, f.CountedByKind!, f.CountedByName!), citations[f.Id].ToList()));
        }).ToList();
        var targets = targetRows.Select(f =>
        {
            int? days = f.PeriodStart is { } s && f.PeriodEnd is { } e ? Days(s, e) : null;
            var perDay = PerDay(f, days);
            return (Row: f, Exact: perDay, Item: new PaceTarget(f.Id, (decimal)f.Value, f.ValueQualifier, f.Unit, f.PeriodStart, f.PeriodEnd,
                f.PeriodLabel, days, Round(perDay, 1), f.ValueQualifier, Reporter(f), citations[f.Id].ToList()));
        }).ToList();

        var comparisons = (
            from a in actuals
            from t in targets
            where t.Exact != 0
            let gap = t.Exact - a.Exact
            let direction = gap > 0 ? "shortfall" : gap < 0 ? "surplus" : "on_target"
            let gapQualifier = direction == "surplus"
                ? Combine(a.Row.ValueQualifier, Invert(t.Row.ValueQualifier))
                : Combine(t.Row.ValueQualifier, Invert(a.Row.ValueQualifier))
            select new PaceComparison(a.Row.Id, t.Row.Id, Round(a.Exact / t.Exact, 4),
                Combine(a.Row.ValueQualifier, Invert(t.Row.ValueQualifier)), direction,
                Round(Math.Abs(gap), 1), Round(Math.Abs(gap) * a.Item.Days, 1), gapQualifier, [a.Row.Id, t.Row.Id])).ToList();

        return new PaceReport(metric, null, Arithmetic, QualifierRules,
            actuals.Select(a => a.Item).ToList(), targets.Select(t => t.Item).ToList(), comparisons);
    }

    static EntityRef Reporter(PaceRow f) => new(f.ReportedBy, f.ReportedByKind, f.ReportedByName);

    static int Days(string start, string end) => Date(end).DayNumber - Date(start).DayNumber + 1;

    static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    static decimal PerDay(PaceRow f, int? days) => f.Unit switch
    {
        "people_per_day" => (decimal)f.Value,
        "people_per_month" => (decimal)f.Value * 12m / 365m,
        "people_per_year" => (decimal)f.Value / 365m,
        _ => (decimal)f.Value / days!.Value,
    };

    static decimal Round(decimal value, int places) =>
        Math.Round(value, places, MidpointRounding.AwayFromZero) + (places == 1 ? 0.0m : 0.0000m);

    static string Invert(string q) => q switch
    {
        "more_than" => "less_than",
        "less_than" => "more_than",
        "at_least" => "up_to",
        "up_to" => "at_least",
        _ => q,
    };

    static string Combine(string a, string b) => a == "exact" ? b : b == "exact" ? a : a == b ? a : "approximately";
}
