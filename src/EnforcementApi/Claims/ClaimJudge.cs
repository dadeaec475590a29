using System.Data.Common;
using System.Globalization;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Drafts.Pipeline;
using EnforcementApi.Entities;
using EnforcementApi.Figures;
using EnforcementApi.Json;
using static EnforcementApi.Figures.Analysis;

namespace EnforcementApi.Claims;

/// <summary>
/// Sets each claimed number against the record with the rules the figures' analyses already use: the periods of
/// the discrepancies (each covered at least 90% by the overlap), their qualified ranges widened by the tolerance,
/// like with like (metric, kind, scope, breakdown), the pace's per-day arithmetic for rates, and the series' choice
/// of one figure (the preferred one first) for the verdict.
/// </summary>
internal static class ClaimJudge
{
    public const string Method =
        "Each number of the text that counts something is read with the drafts pipeline: its value and qualifier, its metric, its " +
        "period (relative periods counted from asOf), the agency whose operations it counts, and its breakdown (a country of " +
        "citizenship, a criminal history). It is compared with the record's figures of the same metric, kind (actual or target), " +
        "scope (US) and breakdown whose period nearly coincides with the claim's (the overlap covers at least 90% of each period, " +
        "as for discrepancies). A count is compared with counts; a rate with rates and with counts over the same period as a pace " +
        "(value ÷ days). Each value stands for a range (more_than: from it upwards; less_than/up_to: from 0 to it; exact and " +
        "approximately: itself), widened by the tolerance; two values agree when their ranges meet. The verdict rests on the " +
        "figure a series would take: the preferred one (of the agency the claim names, where that agency has one), a figure in the " +
        "claim's own unit before a pace, the agency with the most figures, the closest period, the most recently published source, " +
        "then the first by id. Where the record keeps apart counts the claim's words may mean (the news' \"arrests\": ICE's " +
        "administrative arrests, every program's combined, others'; a claim naming no agency: DHS's total or ICE's own), the claim " +
        "is supported when it agrees with the preferred figure of any of them.";

    /// <summary>One figure set against one claim, before its citations are loaded.</summary>
    internal sealed record Compared(FigureRow Figure, ClaimComparison As, decimal Value, bool Agrees, decimal? Overlap);

    /// <summary>A claim's verdict, with the figures it was set against (the chosen one first).</summary>
    internal sealed record Judged(ClaimVerdict Verdict, string Explanation, IReadOnlyList<Compared> Matches)
    {
        /// <summary>The claim as compared: its period may be read as a fiscal year (see <see cref="AsFiscalYear"/>).</summary>
        public ReadClaim? Compared { get; init; }
    }

    /// <summary>The figures of each metric the claims name: the rows a series reads (deprecated ones left out).</summary>
    public static async Task<Dictionary<string, List<FigureRow>>> FiguresAsync(DbConnection connection, QueryCache cache, IReadOnlyList<ReadClaim> claims, CancellationToken ct)
    {
        var figures = new Dictionary<string, List<FigureRow>>(StringComparer.Ordinal);
        foreach (var metric in claims.Where(c => c.Metric is not null && c.Unit != FigureUnit.Percent).SelectMany(c => Family(c.Metric!).Concat(OtherReading(c.Metric!) is { } other ? Family(other) : [])).Distinct())
            figures[metric] = await cache.GetOrAddAsync("claims:figures:" + metric, async () =>
                (await connection.QueryAsync<FigureRow>(new CommandDefinition(SeriesApi.FiguresSql, new { metric }, cancellationToken: ct))).AsList());
        return figures;
    }

    public static List<Judged> Judge(IReadOnlyList<ReadClaim> claims, Dictionary<string, List<FigureRow>> figures, decimal tolerance) =>
        claims.Select(c => Judge(c, figures, tolerance)).ToList();

    public static string[] FigureIds(IEnumerable<Judged> judged) => judged.SelectMany(j => j.Matches).Select(m => m.Figure.Id).Distinct().ToArray();

    public static List<Claim> ToClaims(string text, IReadOnlyList<ReadClaim> claims, IReadOnlyList<Judged> judged, ILookup<string, Citations.Citation> citations)
    {
        var points = new CodePoints(text);
        return claims.Zip(judged, (c, j) => new Claim(
            text[c.Start..c.End], points.Of(c.Start), points.Of(c.End), Claimed(j.Compared ?? c), j.Verdict, j.Explanation,
            j.Matches.Select((m, i) => new ClaimMatch(m.Figure.Id, m.Figure.DecimalValue, m.Figure.Qualifier, Wire<FigureUnit>.Parse(m.Figure.Unit),
                m.Figure.PeriodStart, m.Figure.PeriodEnd, m.Figure.PeriodLabel, Wire<FigureRank>.Parse(m.Figure.Rank), m.Figure.Counter,
                m.Figure.Reporter, i == 0, m.As, Round(m.Value, 1), m.Agrees,
                Round(c.Value - m.Value, 1), m.Value == 0 ? null : Round(c.Value / m.Value, 4), m.Overlap,
                citations[m.Figure.Id].ToList())).ToList())).ToList();
    }

    static ClaimedFigure Claimed(ReadClaim c) => new(c.Metric, c.Kind, c.Value, c.Qualifier, c.Unit, c.Period?.From, c.Period?.To, c.Period?.Label,
        c.CountedBy is { } e ? new EntityRef(e.Id, e.Kind, e.Name) : null, c.Breakdown);

    static Judged Judge(ReadClaim c, Dictionary<string, List<FigureRow>> figures, decimal tolerance)
    {
        if (c.NotComparable is { } why)
            return new(ClaimVerdict.NotComparable, why, []);
        if (c.Unit == FigureUnit.Percent)
            return new(ClaimVerdict.NotComparable, "A percentage: the check compares counts and rates with the record's counts and rates, not shares.", []);
        if (c.Metric is null)
            return new(ClaimVerdict.NotComparable, "No metric: the text does not say what the number counts (arrests, removals, detentions, …), so there is nothing to compare it with.", []);
        if (c.Period?.From is null && c.Kind != FigureKind.Target)
            return new(ClaimVerdict.NotComparable, $"No period: the text does not say when the {Words(c.Metric)} were counted (a fiscal year, \"last year\", \"the first 100 days\", …), so no figure of the record can be matched to it.", []);

        var kind = Wire<FigureKind>.Name(c.Kind);
        var sameKind = Family(c.Metric).SelectMany(m => figures.GetValueOrDefault(m) ?? []).Where(f => Like(c, f, kind)).ToList();
        var matches = sameKind.Select(f => Compare(c, f, tolerance)).OfType<Compared>().ToList();
        var reading = "";
        if (matches.Count == 0 && AsFiscalYear(c) is { } fiscal)
        {
            matches = sameKind.Select(f => Compare(fiscal, f, tolerance)).OfType<Compared>().ToList();
            if (matches.Count > 0)
            {
                reading = $"The record has no figure for calendar {c.Period!.Label}, and ICE and DHS count by fiscal year, so \"{c.Period.Label}\" is read as {fiscal.Period!.Label} ({Day(fiscal.Period.From!.Value)} to {Day(fiscal.Period.To!.Value)}). ";
                c = fiscal;
            }
        }
        if (matches.Count == 0 && OtherReading(c.Metric!) is { } otherMetric)
        {
            var other = c with { Metric = otherMetric };
            var otherKind = Family(otherMetric).SelectMany(m => figures.GetValueOrDefault(m) ?? []).Where(f => Like(other, f, kind)).ToList();
            var otherMatches = otherKind.Select(f => Compare(other, f, tolerance)).OfType<Compared>().ToList();
            if (otherMatches.Count > 0)
            {
                reading += $"The record has no {Words(c.Metric!)} figure for this period; people \"detained\" over a period are people taken into custody, so the claim is read as {Words(otherMetric)}. ";
                (c, matches) = (other, otherMatches);
            }
        }
        if (matches.Count == 0)
            return new(ClaimVerdict.NoRecord, Missing(c, sameKind), []);

        // The record keeps apart counts a claim's words may mean: the word "arrests" covers ERO's administrative arrests, every
        // program's together and others'; a claim that names no agency may give DHS's total (ICE's and CBP's) or ICE's own.
        // Each such count's preferred figure is an authority: the claim stands when it agrees with one of them, the claim's own
        // metric and the agency with the most figures first. Without a preferred figure, the series' choice of each metric.
        var pool = c.CountedBy is { } agency && matches.Any(m => m.Figure.CountedBy == agency.Id && m.Figure.Rank == "preferred")
            ? matches.Where(m => m.Figure.CountedBy == agency.Id).ToList()
            : matches;
        var perAgency = pool.GroupBy(m => m.Figure.CountedBy ?? "").ToDictionary(g => g.Key, g => g.Count());
        var authorities = pool.Where(m => m.Figure.Rank == "preferred").GroupBy(m => (m.Figure.Metric, m.Figure.CountedBy))
            .Select(g => Choose(c, g.ToList())).ToList();
        var choices = (authorities.Count > 0 ? authorities : pool.GroupBy(m => m.Figure.Metric).Select(g => Choose(c, g.ToList())))
            .OrderBy(m => Array.IndexOf(Family(c.Metric!), m.Figure.Metric))
            .ThenByDescending(m => perAgency[m.Figure.CountedBy ?? ""])
            .ThenBy(m => m.Figure.Id, StringComparer.Ordinal)
            .ToList();
        var chosen = choices.FirstOrDefault(m => m.Agrees) ?? choices[0];
        var ordered = matches.Where(m => m != chosen)
            .OrderBy(m => m.Figure.Rank == "preferred" ? 0 : 1).ThenByDescending(m => m.Overlap ?? 0).ThenBy(m => m.Figure.Id, StringComparer.Ordinal)
            .Prepend(chosen).ToList();

        var f = chosen.Figure;
        var which = f.Rank == "preferred" ? "The preferred figure" : "The figure a series takes (none is preferred; the most recently published)";
        var compared = chosen.As == ClaimComparison.Pace
            ? $", {Number(Round(chosen.Value, 1))}{UnitWords(c.Unit)} over its {Days(f.PeriodStart!.Value, f.PeriodEnd!.Value)} days"
            : "";
        var agreeing = matches.Count(m => m.Agrees);
        var others = matches.Count == 1 ? "It is the only comparable figure."
            : $"{agreeing} of the {matches.Count} comparable figures agree with the claim.";
        var explanation = reading + $"{which} for {Words(f.Metric)}{Of(c.Breakdown)} {Over(f)} is {Stated(f)}{Counter(f)}{compared}; " +
                          $"the claim's {Claimed(c.Value, c.Qualifier, c.Unit)} {(chosen.Agrees ? "agrees with it" : "does not agree with it")} " +
                          $"within {Number(tolerance * 100)}%. {others}";
        return new(chosen.Agrees ? ClaimVerdict.Supported : ClaimVerdict.Contradicted, explanation, ordered) { Compared = c };
    }

    /// <summary>
    /// A claim about a bare calendar year ("in 2018", "last year") as the fiscal year ending in it: the agencies publish their
    /// counts by fiscal year and the news writes them as years, so where the record has nothing for the calendar year this is
    /// the reading a careful reader takes. Null for any other period.
    /// </summary>
    static ReadClaim? AsFiscalYear(ReadClaim c)
    {
        if (c.Period is not { From: { } from, To: { } to } period || from.Month != 1 || from.Day != 1 || to != new DateOnly(from.Year, 12, 31)) return null;
        var y = from.Year;
        return c with { Period = period with { Label = "FY" + y.ToString(CultureInfo.InvariantCulture), From = new DateOnly(y - 1, 10, 1), To = new DateOnly(y, 9, 30) } };
    }

    /// <summary>Like with like: the same kind, scope (US) and breakdown, and not a percentage.</summary>
    static bool Like(ReadClaim c, FigureRow f, string kind) =>
        f.Kind == kind && f.Scope == "US" && f.Unit != "percent" && f.Dimension == c.Breakdown?.Dimension && f.DimensionValue == c.Breakdown?.Value;

    /// <summary>
    /// The metric a claim is read as where the record has nothing under its own: "has detained more than 32,800 … in the
    /// first 50 days" counts people taken into custody over a period (arrests), not the population held on a day.
    /// </summary>
    static string? OtherReading(string metric) => metric == "detained_population" ? "arrests" : null;

    /// <summary>The metrics a claimed metric is compared with: itself, and for the news' word "arrests" the agency's own counts of arrests.</summary>
    static string[] Family(string metric) => metric == "arrests" ? ["arrests", "administrative_arrests", "combined_arrests"] : [metric];

    /// <summary>
    /// The figure a series takes among comparable figures of one metric: the claim's own agency where it has a preferred
    /// figure, else every agency's; the preferred one, a figure in the claim's unit before a pace, the agency with the most
    /// figures, the closest period, the most recently published source, the first by id.
    /// </summary>
    static Compared Choose(ReadClaim c, List<Compared> matches)
    {
        var pool = c.CountedBy is { } agency && matches.Any(m => m.Figure.CountedBy == agency.Id && m.Figure.Rank == "preferred")
            ? matches.Where(m => m.Figure.CountedBy == agency.Id).ToList()
            : matches;
        var perAgency = pool.GroupBy(m => m.Figure.CountedBy ?? "").ToDictionary(g => g.Key, g => g.Count());
        return pool
            .OrderBy(m => m.Figure.Rank == "preferred" ? 0 : 1)
            .ThenBy(m => m.As == ClaimComparison.Pace ? 1 : 0)
            .ThenByDescending(m => perAgency[m.Figure.CountedBy ?? ""])
            .ThenByDescending(m => m.Overlap ?? 0)
            .ThenByDescending(m => m.Figure.LatestPublishedOn ?? "", StringComparer.Ordinal)
            .ThenBy(m => m.Figure.Id, StringComparer.Ordinal)
            .First();
    }

    /// <summary>The figure set against the claim, or null when it is not comparable with it.</summary>
    static Compared? Compare(ReadClaim c, FigureRow f, decimal tolerance)
    {
        var claimed = c.Period is { From: { } from, To: { } to } ? (from, to) : ((DateOnly, DateOnly)?)null;
        var figured = f is { PeriodStart: { } s, PeriodEnd: { } e } ? (s, e) : ((DateOnly, DateOnly)?)null;
        decimal? overlap = null;
        if (claimed is { } a && figured is { } b)
        {
            if (!DiscrepanciesApi.NearlyCoincide(a.Item1, a.Item2, b.Item1, b.Item2)) return null;
            var shared = Days(a.Item1 > b.Item1 ? a.Item1 : b.Item1, a.Item2 < b.Item2 ? a.Item2 : b.Item2);
            overlap = Round((decimal)shared / Math.Max(Days(a.Item1, a.Item2), Days(b.Item1, b.Item2)), 4);
        }
        // Only a goal stands without a period: a target with none is compared with a claimed goal of any period.
        else if (c.Kind != FigureKind.Target) return null;

        var claimIsRate = c.Unit is not FigureUnit.People;
        var figureIsRate = f.Unit is not "people";
        decimal value;
        ClaimComparison how;
        if (!claimIsRate)
        {
            if (figureIsRate) return null;
            (value, how) = (f.DecimalValue, ClaimComparison.Count);
        }
        else
        {
            var perDay = c.Unit switch { FigureUnit.PeoplePerMonth => 365m / 12, FigureUnit.PeoplePerYear => 365m, _ => 1m };
            if (figureIsRate) (value, how) = (PerDay(f, null) * perDay, ClaimComparison.Rate);
            else if (figured is { } p) (value, how) = (PerDay(f, Days(p.Item1, p.Item2)) * perDay, ClaimComparison.Pace);
            else return null;
        }
        return new Compared(f, how, value, DiscrepanciesApi.Agree(c.Value, c.Qualifier, value, f.Qualifier, tolerance), overlap);
    }

    /// <summary>What the record lacks, and what it has that comes closest: the same metric and part of a count over other periods.</summary>
    static string Missing(ReadClaim c, List<FigureRow> sameKind)
    {
        var what = $"{(c.Kind == FigureKind.Target ? "target" : "actual")} {Words(c.Metric!)} figure{Of(c.Breakdown)}";
        var where = c.Period is { From: { } from, To: { } to }
            ? $" whose period nearly coincides with {Day(from)} to {Day(to)}{(c.Period.Label == $"{Day(from)} to {Day(to)}" ? "" : $" ({c.Period.Label})")}"
            : "";
        var unit = c.Unit == FigureUnit.People ? "" : " (a rate, or a count with a period to take a pace from)";
        // The periods it has, the most recent first.
        var has = sameKind.Where(f => f.PeriodLabel is not null).OrderByDescending(f => f.PeriodEnd).Select(f => f.PeriodLabel!).Distinct().Take(6).ToList();
        var hint = has.Count == 0
            ? $" It has none of this metric{Of(c.Breakdown)} at all."
            : $" It has {Words(c.Metric!)}{Of(c.Breakdown)} for: {string.Join("; ", has)}{(sameKind.Select(f => f.PeriodLabel).Distinct().Count() > has.Count ? "; …" : "")}.";
        return $"The record has no {what}{where}{unit}.{hint}";
    }

    static string Words(string metric) => metric.Replace('_', ' ');

    static string Of(Breakdown? b) => b is null ? "" : b.Dimension == "citizenship" ? $" of citizens of {b.Label}" : $" ({b.Label.ToLowerInvariant()})";

    static string Over(FigureRow f) => f.PeriodStart is { } s && f.PeriodEnd is { } e
        ? $"over {Day(s)} to {Day(e)}{(f.PeriodLabel is { } l ? $" ({l})" : "")}"
        : "with no period";

    static string Stated(FigureRow f) => Claimed(f.DecimalValue, f.Qualifier, Wire<FigureUnit>.Parse(f.Unit));

    static string Counter(FigureRow f) => f.Counter is { } c
        ? c.Id == f.ReportedBy ? $" (counted and reported by {c.Name})" : $" (counted by {c.Name}, reported by {f.ReporterName()})"
        : $" (reported by {f.ReporterName()})";

    static string ReporterName(this FigureRow f) => f.ReportedByName;

    static string Claimed(decimal value, ValueQualifier q, FigureUnit unit) => q switch
    {
        ValueQualifier.MoreThan => "more than ",
        ValueQualifier.AtLeast => "at least ",
        ValueQualifier.Approximately => "about ",
        ValueQualifier.LessThan => "fewer than ",
        ValueQualifier.UpTo => "up to ",
        _ => "",
    } + Number(value) + UnitWords(unit);

    static string UnitWords(FigureUnit unit) => unit switch
    {
        FigureUnit.PeoplePerDay => " a day",
        FigureUnit.PeoplePerMonth => " a month",
        FigureUnit.PeoplePerYear => " a year",
        _ => "",
    };

    static string Number(decimal value) => value.ToString(value == Math.Round(value) ? "#,##0" : "#,##0.0##", CultureInfo.InvariantCulture);

    static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
