using System.ComponentModel;
using EnforcementApi.Citations;
using EnforcementApi.Entities;
using EnforcementApi.Figures;

namespace EnforcementApi.Claims;

[Description("What the record says of a claimed number: `supported` (the figure the record prefers for that metric, period, scope and breakdown agrees within the tolerance), `contradicted` (it disagrees), `no_record` (the record has no comparable figure; the explanation says what is missing), `not_comparable` (the claim lacks what a comparison needs, such as a period or a metric; the explanation says which).")]
public enum ClaimVerdict { Supported, Contradicted, NoRecord, NotComparable }

[Description("How a figure of the record is set against the claim: `count` (a count over the period with a count), `rate` (a rate with a rate, both per day), `pace` (a count over its period as a rate: value ÷ days, against a claimed rate).")]
public enum ClaimComparison { Count, Rate, Pace }

/// <summary>The body of <c>POST /api/v1/claims/check</c> as JSON.</summary>
public sealed record ClaimCheckRequest(
    [property: Description("The text to check: one sentence or several, at most 5,000 characters.")] string? Text,
    [property: Description("Relative difference under which two values agree, from 0 to 1. Default 0.02 (2%).")] decimal? Tolerance,
    [property: Description("The day relative periods (\"last fiscal year\", \"the first three months\") are read from (YYYY-MM-DD). Default: today (UTC).")] string? AsOf);

/// <summary>A claimed number as the text states it.</summary>
public sealed record ClaimedFigure(
    [property: Description("What the number counts, from `GET /api/v1/metrics`; null when the text does not say.")] string? Metric,
    [property: Description("`actual`, or `target` for a number someone aims at (\"the goal of 3,000 arrests a day\"), or `projection`.")] FigureKind Kind,
    [property: Description("The number.")] decimal Value,
    [property: Description("How the text qualifies it: \"more than 150,000\" is `more_than`.")] ValueQualifier ValueQualifier,
    [property: Description("`people` for a count, `people_per_day` (month, year) for a rate, `percent` for a share.")] FigureUnit Unit,
    [property: Description("First day of the period the claim is about; null when the text names none.")] DateOnly? PeriodStart,
    [property: Description("Last day of that period (inclusive).")] DateOnly? PeriodEnd,
    [property: Description("The period in words, with relative periods resolved against `asOf`.")] string? PeriodLabel,
    [property: Description("The agency whose operations the text says it counts (\"ICE removed …\"); null when it does not say.")] EntityRef? CountedBy,
    [property: Description("The part of a count the claim is about (a country of citizenship, a criminal history); null for a whole count.")] Breakdown? Breakdown);

/// <summary>A figure of the record set against a claim.</summary>
public sealed record ClaimMatch(
    [property: Description("The figure's id (`GET /api/v1/figures/{id}`).")] string FigureId,
    [property: Description("The figure's value, as its source states it.")] decimal Value,
    [property: Description("The figure's qualifier.")] ValueQualifier ValueQualifier,
    [property: Description("The figure's unit.")] FigureUnit Unit,
    [property: Description("First day of the figure's period; null for a target without one.")] DateOnly? PeriodStart,
    [property: Description("Last day of the figure's period.")] DateOnly? PeriodEnd,
    [property: Description("The figure's period in words.")] string? PeriodLabel,
    [property: Description("The figure's rank: a series takes the `preferred` one.")] FigureRank Rank,
    [property: Description("Whose operations the figure counts; null where not recorded.")] EntityRef? CountedBy,
    [property: Description("Who reported the figure.")] EntityRef ReportedBy,
    [property: Description("Whether this is the figure the verdict rests on: the one a series takes for the claim's metric, period, scope and breakdown.")] bool Chosen,
    [property: Description("How the figure is compared with the claim: as a count, a rate, or a count as a pace per day.")] ClaimComparison ComparedAs,
    [property: Description("The figure's value in the claim's unit (a pace: value ÷ days of its period, times the days of the claim's unit), rounded to 1 decimal place.")] decimal ComparedValue,
    [property: Description("Whether the figure agrees with the claim within the tolerance, qualifiers counted (a `more_than 150000` claim agrees with any value above 150,000 less the tolerance).")] bool Agrees,
    [property: Description("The claimed value minus the compared value, rounded to 1 decimal place: positive when the claim is higher.")] decimal Difference,
    [property: Description("The claimed value ÷ the compared value, rounded to 4 decimal places; null when the compared value is 0.")] decimal? Ratio,
    [property: Description("Days the claim's and the figure's periods share ÷ the days of the longer of the two, rounded to 4 decimal places; null when either has no period.")] decimal? Overlap,
    [property: Description("The excerpts, with their sources, that state the figure.")] IReadOnlyList<Citation> Citations);

/// <summary>One number of the text, with the record's verdict on it.</summary>
public sealed record Claim(
    [property: Description("The claim's words, verbatim: the number with its qualifier and the word for what it counts.")] string Excerpt,
    [property: Description("Where the excerpt starts in the text, in code points from 0.")] int CharStart,
    [property: Description("Just past the excerpt's end, in code points.")] int CharEnd,
    [property: Description("The number as the text claims it.")] ClaimedFigure Figure,
    [property: Description("`supported`, `contradicted`, `no_record` or `not_comparable`.")] ClaimVerdict Verdict,
    [property: Description("The verdict in words: which figure it rests on, and what is missing for `no_record` and `not_comparable`.")] string Explanation,
    [property: Description("Every comparable figure of the record, agreeing or not, the chosen one first, each with its citations: where the sources disagree among themselves shows here.")] IReadOnlyList<ClaimMatch> Matches);

/// <summary>A text checked against the record.</summary>
public sealed record ClaimReport(
    [property: Description("The text checked, as sent.")] string Text,
    [property: Description("The relative tolerance used: values within it agree.")] decimal Tolerance,
    [property: Description("The day relative periods were read from.")] DateOnly AsOf,
    [property: Description("How claims are read and compared.")] string Method,
    [property: Description("Each number of the text that counts something, in the order of the text; empty when the text has none.")] IReadOnlyList<Claim> Claims);
