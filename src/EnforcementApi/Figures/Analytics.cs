using System.ComponentModel;
using System.Text.Json.Serialization;
using EnforcementApi.Citations;
using EnforcementApi.Entities;

namespace EnforcementApi.Figures;

[Description("Whether the actual pace falls short of the target, exceeds it, or meets it exactly.")]
public enum PaceDirection { Shortfall, Surplus, OnTarget }

[Description("The width of a series' buckets. A fiscal year is the US federal one: October 1 to September 30, labelled by the year it ends in.")]
public enum SeriesInterval { Month, Quarter, Year, FiscalYear }

/// <summary>An actual figure with a period, as a daily pace.</summary>
public sealed record PaceActual(
    [property: Description("The figure this pace comes from.")] string FigureId,
    [property: Description("The figure's value.")] decimal Value,
    [property: Description("The figure's qualifier.")] ValueQualifier ValueQualifier,
    [property: Description("First day of the figure's period.")] DateOnly PeriodStart,
    [property: Description("Last day of the figure's period (inclusive).")] DateOnly PeriodEnd,
    [property: Description("The period in words.")] string? PeriodLabel,
    [property: Description("Days in the period, both ends included.")] int Days,
    [property: Description("The value per day: value ÷ days (a people_per_day figure as it is), rounded to 1 decimal place.")] decimal PerDay,
    [property: Description("The qualifier that carries over to the per-day value.")] ValueQualifier PerDayQualifier,
    [property: Description("Who reported the figure.")] EntityRef ReportedBy,
    [property: Description("Whose operations the figure counts; null where not recorded.")] EntityRef? CountedBy,
    [property: Description("The excerpts that state the figure.")] IReadOnlyList<Citation> Citations);

/// <summary>A target, as a daily pace.</summary>
public sealed record PaceTarget(
    [property: Description("The figure this target comes from.")] string FigureId,
    [property: Description("The figure's value.")] decimal Value,
    [property: Description("The figure's qualifier.")] ValueQualifier ValueQualifier,
    [property: Description("What the value counts: a rate per day, month or year, or people over the period.")] FigureUnit Unit,
    [property: Description("First day of the target's period, if it has one.")] DateOnly? PeriodStart,
    [property: Description("Last day of the target's period, if it has one.")] DateOnly? PeriodEnd,
    [property: Description("The period in words.")] string? PeriodLabel,
    [property: Description("Days in the period, when the target is a number over a period.")] int? Days,
    [property: Description("The target per day: a people_per_day target as it is; per month × 12 ÷ 365; per year ÷ 365; people over a period ÷ its days. Rounded to 1 decimal place.")] decimal PerDay,
    [property: Description("The qualifier that carries over to the per-day value.")] ValueQualifier PerDayQualifier,
    [property: Description("Who stated the target.")] EntityRef ReportedBy,
    [property: Description("The excerpts that state the target.")] IReadOnlyList<Citation> Citations);

/// <summary>One actual pace against one target.</summary>
public sealed record PaceComparison(
    [property: Description("The actual figure compared.")] string ActualId,
    [property: Description("The target compared against.")] string TargetId,
    [property: Description("Actual per day ÷ target per day, rounded to 4 decimal places.")] decimal Ratio,
    [property: Description("How the figures' qualifiers carry over to the ratio.")] ValueQualifier RatioQualifier,
    [property: Description("Whether the actual pace falls short of the target or exceeds it.")] PaceDirection Direction,
    [property: Description("How far the actual pace is from the target per day (always ≥ 0; see direction), rounded to 1 decimal place.")] decimal GapPerDay,
    [property: Description("The same gap over the actual's whole period: the target per day × the actual's days, minus the actual value (or the reverse for a surplus), rounded to 1 decimal place.")] decimal GapOverPeriod,
    [property: Description("How the figures' qualifiers carry over to the gap.")] ValueQualifier GapQualifier,
    [property: Description("The ids of the figures these numbers come from: the actual, then the target.")] IReadOnlyList<string> FigureIds);

/// <summary>Actual paces of a metric against its targets.</summary>
public sealed record PaceReport(
    [property: Description("The metric compared.")] string Metric,
    [property: Description("The breakdown compared (actuals and targets of that part of the count only); null for whole counts.")] Breakdown? Breakdown,
    [property: Description("How the numbers are computed and rounded.")] string Arithmetic,
    [property: Description("How qualifiers (more_than, approximately, ...) carry over to computed numbers.")] string Qualifiers,
    [property: Description("Each actual figure of the metric with a period, as a pace per day.")] IReadOnlyList<PaceActual> Actuals,
    [property: Description("Each target of the metric, as a pace per day.")] IReadOnlyList<PaceTarget> Targets,
    [property: Description("Each actual against each target.")] IReadOnlyList<PaceComparison> Comparisons);

/// <summary>A figure in a group of figures that disagree.</summary>
public sealed record DiscrepancyFigure(
    [property: Description("The figure's id.")] string FigureId,
    [property: Description("The figure's value.")] decimal Value,
    [property: Description("The figure's qualifier: taken into account when comparing.")] ValueQualifier ValueQualifier,
    [property: Description("First day of the figure's period.")] DateOnly PeriodStart,
    [property: Description("Last day of the figure's period.")] DateOnly PeriodEnd,
    [property: Description("The period in words.")] string? PeriodLabel,
    [property: Description("Who reported the figure.")] EntityRef ReportedBy,
    [property: Description("The excerpts, with their sources, that state the figure.")] IReadOnlyList<Citation> Citations);

/// <summary>Figures of one metric, counting agency and scope over nearly the same period whose values disagree.</summary>
public sealed record DiscrepancyGroup(
    [property: Description("The metric.")] string Metric,
    [property: Description("Whose operations the figures count (only figures of the same counting agency are compared, so a DHS-wide total is never set against ICE's own count); null for figures whose counting agency is not recorded.")] EntityRef? CountedBy,
    [property: Description("The scope.")] string Scope,
    [property: Description("What the figures count: people, or people per day, month or year. Only figures of the same unit are compared.")] FigureUnit Unit,
    [property: Description("The breakdown the figures share (only figures of the same part of a count are compared); null for whole counts.")] Breakdown? Breakdown,
    [property: Description("The earliest start among the figures' periods.")] DateOnly PeriodStart,
    [property: Description("The latest end among the figures' periods.")] DateOnly PeriodEnd,
    [property: Description("(largest value − smallest value) ÷ smallest value, rounded to 4 decimal places; null when the smallest is 0.")] decimal? Spread,
    [property: Description("The figures, largest value first.")] IReadOnlyList<DiscrepancyFigure> Figures,
    [property: Description("The pairs of figure ids that disagree beyond the tolerance.")] IReadOnlyList<IReadOnlyList<string>> Disagreements);

public sealed record DiscrepancyReport(
    [property: Description("The relative tolerance used: values within it agree.")] decimal Tolerance,
    [property: Description("How periods are matched and values compared.")] string Method,
    [property: Description("The groups, largest spread first.")] IReadOnlyList<DiscrepancyGroup> Groups);

/// <summary>One bucket of a series.</summary>
public sealed record SeriesPoint(
    [property: Description("The bucket: `2025-01`, `2025-Q1`, `2025` or `FY2025`.")] string Bucket,
    [property: Description("First day of the bucket.")] DateOnly Start,
    [property: Description("Last day of the bucket.")] DateOnly End,
    [property: Description("The chosen figure's value; null when no figure covers exactly this bucket.")] decimal? Value,
    [property: Description("The chosen figure's qualifier; null with no figure.")] ValueQualifier? ValueQualifier,
    [property: Description("The chosen figure; null with no figure.")] string? FigureId,
    [property: Description("The chosen figure's rank; null with no figure.")] FigureRank? Rank,
    [property: Description("Other figures that cover the same bucket exactly (not chosen).")] IReadOnlyList<string> AlternativeIds,
    [property: Description("Who reported the chosen figure; null with no figure.")] EntityRef? ReportedBy,
    [property: Description("The excerpts that state the chosen figure.")] IReadOnlyList<Citation> Citations);

public sealed record SeriesReport(
    [property: Description("The metric.")] string Metric,
    [property: Description("The buckets' width.")] SeriesInterval Interval,
    [property: Description("The scope of the figures used.")] string Scope,
    [property: Description("The kind of the figures used.")] FigureKind Kind,
    [property: Description("Whose count the series follows: the counting agency's entity id (the one asked for with `countedBy`, else the one with the most figures in the range); `any` when agencies are mixed; null for figures whose counting agency is not recorded, or when there are none.")] string? CountedBy,
    [property: Description("The other counting agencies with figures for these buckets, left out of this series (ask for one with `countedBy`). Empty with `countedBy=any`.")] IReadOnlyList<string> OtherCountedBy,
    [property: Description("The part of the count the series follows (with `dimension` and `dimensionValue`); null for whole counts, and with `groupBy`.")] Breakdown? Breakdown,
    [property: Description("How a point's figure is chosen when several cover its bucket.")] string Choice,
    [property: Description("Every bucket from the first to the last, in order; empty buckets have a null value. Empty with `groupBy`: the series are in `groups`.")] IReadOnlyList<SeriesPoint> Points,
    [property: Description("With `groupBy=dimensionValue`: one series per value of the dimension, over the same buckets, the largest (by the sum of its points) first. Absent otherwise."),
               JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SeriesGroup>? Groups);

/// <summary>The series of one part of a count.</summary>
public sealed record SeriesGroup(
    [property: Description("The part of the count: the dimension, its value and label.")] Breakdown Breakdown,
    [property: Description("Every bucket of the report, in order; empty buckets have a null value.")] IReadOnlyList<SeriesPoint> Points);
