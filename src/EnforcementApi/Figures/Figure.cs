using System.ComponentModel;
using EnforcementApi.Citations;
using EnforcementApi.Entities;
using EnforcementApi.Querying;

namespace EnforcementApi.Figures;

[Description("Whether a figure counts what happened or what someone aims at or expects.")]
public enum FigureKind { Actual, Target, Estimate, Projection }

[Description("How the source qualifies the number: \"over 158,000\" is `more_than` 158000.")]
public enum ValueQualifier { Exact, Approximately, AtLeast, MoreThan, LessThan, UpTo }

[Description("What the value counts: `people` (a count of people or of actions), `people_per_day`, `people_per_month`, `people_per_year` (rates), or `percent` (a share of a count, or a count's change, as the source states it: 70 is 70%). Series and discrepancies leave percentages out unless `unit=percent` asks for them; pace never takes them.")]
public enum FigureUnit { People, PeoplePerDay, PeoplePerMonth, PeoplePerYear, Percent }

[Description("Which of several reported values to prefer, as Wikidata ranks conflicting statements: `preferred`, `normal` (the default) or `deprecated` (known to be wrong; left out of pace, discrepancies and series).")]
public enum FigureRank { Preferred, Normal, Deprecated }

/// <summary>Which part of a count a figure is: a value of one of the dimensions at <c>GET /api/v1/dimensions</c>.</summary>
public sealed record Breakdown(
    [property: Description("The dimension: `citizenship`, `criminality`, `area_of_responsibility` or `arresting_agency` (see `GET /api/v1/dimensions`).")] string Dimension,
    [property: Description("The value: an ISO 3166-1 alpha-2 code for citizenship (`MX`), `convicted`, `pending_charges` or `other_immigration_violator` for criminality, and so on.")] string Value,
    [property: Description("The value as a reader sees it, e.g. \"Mexico\".")] string Label);

/// <summary>A number a source reports, with its period, who reported it and the excerpt that says it.</summary>
[SelectableFields]
public sealed record Figure(
    [property: Description("Stable readable id (slug).")] string Id,
    [property: Description("What is counted, from the controlled vocabulary at `GET /api/v1/metrics`.")] string Metric,
    [property: Description("`actual` (what happened), `target` (a stated goal), `estimate` or `projection`.")] FigureKind Kind,
    [property: Description("The number, as the source gives it.")] decimal Value,
    [property: Description("How the source qualifies the number: `more_than` for \"over\", `approximately` for \"about\", and so on.")] ValueQualifier ValueQualifier,
    [property: Description("What the value counts: people, or people per day, month or year for a rate.")] FigureUnit Unit,
    [property: Description("First day of the period the figure covers; null for a figure without a period, such as a daily target.")] DateOnly? PeriodStart,
    [property: Description("Last day of the period the figure covers (inclusive); never before periodStart.")] DateOnly? PeriodEnd,
    [property: Description("The period in words, e.g. \"first 100 days of the administration\" or \"FY2024\".")] string? PeriodLabel,
    [property: Description("Where the count applies: `US` for the whole country. A figure of one area of responsibility in a national report is a breakdown of the US figure.")] string Scope,
    [property: Description("The part of the count this figure is, when a source breaks a count down (by country of citizenship, criminal history, area of responsibility, arresting agency); null for the whole count.")] Breakdown? Breakdown,
    [property: Description("The agency or official who reported the figure.")] EntityRef ReportedBy,
    [property: Description(Figure.CountedByDoc)] EntityRef? CountedBy,
    [property: Description("The source's own word for what was counted, verbatim, e.g. \"deported\".")] string? StatedAs,
    [property: Description("Which of several reports of the same count to prefer: `preferred`, `normal` or `deprecated`. A series takes the preferred figure for a period; deprecated figures stay readable but are left out of pace, discrepancies and series.")] FigureRank Rank,
    [property: Description(Figure.RankNoteDoc)] string? RankNote,
    [property: Description("Excerpts that state the figure.")] IReadOnlyList<Citation> Citations)
{
    internal const string RankNoteDoc =
        "Why the figure has its rank where the rule does not give it (the rule: of the figures of one metric, period, counting agency, "
        + "scope and breakdown, the counting agency's own exact and final figure is preferred, other reports of it are normal); null otherwise.";

    internal const string CountedByDoc =
        "The agency whose operations the figure counts (an organization), which may not be the one that reported it: ICE's removals "
        + "published by DHS are counted by `ice`, DHS-wide totals (ICE's and CBP's together) by `dhs`. Series, pace and discrepancies "
        + "compare only figures of the same counting agency. Null where the source does not say whose count it is.";
}
