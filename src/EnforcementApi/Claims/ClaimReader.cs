using System.Text.RegularExpressions;
using Dapper;
using EnforcementApi.Drafts.Pipeline;
using EnforcementApi.Figures;

namespace EnforcementApi.Claims;

/// <summary>What a claim's words are matched against: the API's entities, metrics and countries of citizenship.</summary>
internal sealed record ClaimVocabulary(
    IReadOnlyList<KnownEntity> Entities, IReadOnlyList<KnownMetric> Metrics,
    IReadOnlyDictionary<string, string> Countries, IReadOnlyDictionary<string, string> CountryCodes)
{
    public static async Task<ClaimVocabulary> LoadAsync(System.Data.Common.DbConnection connection, CancellationToken ct)
    {
        var entities = (await connection.QueryAsync<(string Id, string Kind, string Name, string? ShortName)>(new CommandDefinition(
                "select id, kind, name, short_name from entities order by id", cancellationToken: ct)))
            .Select(e => new KnownEntity(e.Id, Json.Wire<Entities.EntityKind>.Parse(e.Kind), e.Name, e.ShortName)).ToList();
        var metrics = (await connection.QueryAsync<(string Id, string Label)>(new CommandDefinition(
                "select id, label from metrics order by id", cancellationToken: ct)))
            .Select(m => new KnownMetric(m.Id, m.Label)).ToList();
        var countries = (await connection.QueryAsync<(string Value, string Label)>(new CommandDefinition(
                "select value, label from dimension_values where dimension_id = 'citizenship' order by value", cancellationToken: ct)))
            .ToDictionary(c => c.Value, c => c.Label, StringComparer.Ordinal);
        var codes = countries.GroupBy(c => c.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);
        return new ClaimVocabulary(entities, metrics, countries, codes);
    }
}

/// <summary>
/// A number a text claims, as the drafts pipeline reads it: where its words stand (UTF-16, end exclusive), what it
/// counts (null when the text does not say), its value, qualifier, unit, kind, period, counting agency and breakdown.
/// </summary>
internal sealed record ReadClaim(
    int Start, int End, string? Metric, FigureKind Kind, decimal Value, ValueQualifier Qualifier, FigureUnit Unit,
    PeriodMention? Period, KnownEntity? CountedBy, Breakdown? Breakdown)
{
    /// <summary>Why the claim cannot be compared, where its reading says so already (a rate per week); null otherwise.</summary>
    public string? NotComparable { get; init; }
}

/// <summary>
/// Reads the claims of a text with the steps of the drafts pipeline (sentences, numbers, what each figure counts,
/// periods, the counting agency) and the claim's own: periods relative to the day it is read for, and breakdowns.
/// A number is a claim when the pipeline takes it for a figure, or when a country's people are what it counts.
/// </summary>
internal static partial class ClaimReader
{
    public static List<ReadClaim> Read(string text, DateOnly asOf, ClaimVocabulary vocabulary)
    {
        var sentences = Sentences.Split(text);
        var mentions = new Drafts.Pipeline.Entities(vocabulary.Entities).Find(text);
        var year = Periods.YearOf(text, null);
        var claims = new List<ReadClaim>();
        PeriodMention? lastPeriod = null;
        string? lastMetric = null;
        var paragraph = 0;
        foreach (var sentence in sentences)
        {
            if (sentence.Paragraph != paragraph) (paragraph, lastPeriod, lastMetric) = (sentence.Paragraph, null, null);
            var periods = RelativePeriods.All(text, sentence, year, asOf);
            var inherited = periods.Count == 0 ? lastPeriod : null;
            if (periods.Count > 0) lastPeriod = periods[^1];

            var numbers = Numbers.Find(text, sentence.Start, sentence.End);
            var figures = new List<NumberMention>();
            bool? previousCount = null;
            var listed = false;
            foreach (var number in numbers)
            {
                var words = !char.IsDigit(text[number.Start]);
                // Every percentage is a claim (one the check says it does not compare), not only those the pipeline files as figures.
                var isFigure = number.Kind == NumberKind.Percent
                               || FigureWords.IsFigure(text, sentence, number, words, previousCount, listed)
                               || number.Kind == NumberKind.Count && !words && CountsPeople(text, number, sentence);
                if (number.Kind == NumberKind.Count) previousCount = isFigure;
                listed |= isFigure && number.Kind == NumberKind.Count;
                if (isFigure) figures.Add(number);
            }
            var periodOf = Periods.Assign(text, sentence, figures, periods);
            for (var f = 0; f < figures.Count; f++)
            {
                var number = figures[f];
                var unit = number.Kind == NumberKind.Percent ? FigureUnit.Percent
                    : number.Unit == FigureUnit.People && RateNamedBefore().Match(text[sentence.Start..number.QualifierStart]) is { Success: true } rate
                        ? rate.Groups["unit"].Value.ToLowerInvariant() switch { "monthly" => FigureUnit.PeoplePerMonth, "yearly" or "annual" => FigureUnit.PeoplePerYear, _ => FigureUnit.PeoplePerDay }
                    : number.Unit;
                var counted = FigureWords.Classify(text, sentence, number, vocabulary.Metrics);
                var metric = VerbBefore(text, sentence, number) ?? (counted.Named ? Reworded(text, sentence, counted.Metric) : null);
                // A number whose sentence does not say what it counts counts what the paragraph's last claim did ("… 271,000 people … The daily average is about 660").
                metric ??= lastMetric;
                metric = Averaged(text, sentence, number, metric, vocabulary.Metrics);
                var period = PeriodJustBefore(text, sentence, number, periods) ?? periodOf[f];
                if (SamePeriodEarlier().IsMatch(text[number.End..sentence.End]) && claims.LastOrDefault()?.Period is { From: { } from, To: { } to } previous)
                    period = new PeriodMention(number.End, number.End, $"the same period a year earlier ({Day(from.AddYears(-1))} to {Day(to.AddYears(-1))})",
                        from.AddYears(-1), to.AddYears(-1));
                period ??= unit == FigureUnit.People && counted.Kind == FigureKind.Actual ? inherited : null;
                // A goal "this year" is for the whole year, not for the part of it gone by.
                if (counted.Kind != FigureKind.Actual && period is { To: { } last } && last == asOf && period.Label.EndsWith(" to " + Day(asOf), StringComparison.Ordinal))
                    period = period with { Label = period.Label[..^(" to " + Day(asOf)).Length], To = period.Label.StartsWith("FY", StringComparison.Ordinal) ? new DateOnly(asOf.Month >= 10 ? asOf.Year + 1 : asOf.Year, 9, 30) : new DateOnly(asOf.Year, 12, 31) };
                var next = f + 1 < figures.Count ? figures[f + 1].QualifierStart : sentence.End;
                var breakdown = ClaimBreakdowns.ArrestingAgency(text, sentence.Start, sentence.End, metric)
                                ?? ClaimBreakdowns.Of(text, number.Start, next, vocabulary)
                                ?? ClaimBreakdowns.Before(text, f > 0 ? figures[f - 1].End : sentence.Start, number.QualifierStart, vocabulary);
                var (start, end) = Words(text, sentence, number, counted.Named ? counted.StatedAs : null);
                claims.Add(new ReadClaim(start, end, metric, counted.Kind, number.Value, number.Qualifier, unit,
                    period, CountingAgency.Of(text, sentence, number, mentions), breakdown)
                {
                    // The pipeline files "3,000 a week" as a count (the vocabulary has no rate per week): not one to compare as a count.
                    NotComparable = unit == FigureUnit.People && PerWeek().IsMatch(text[number.End..sentence.End])
                        ? "A rate per week: the record's rates are per day, month or year, so it is not compared; give a count and its period, or a rate per day."
                        : null,
                });
                if (metric is not null && unit != FigureUnit.Percent) lastMetric = metric;
            }
        }
        return claims;
    }

    [GeneratedRegex(@"^[\sA-Za-z’'-]{0,40}?\b(?:(?:a|per|each|every)\s+week|weekly)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PerWeek();

    // "The daily average is about 660": a rate named before the number and its qualifier.
    [GeneratedRegex(@"\b(?<unit>daily|monthly|yearly|annual)\s+(?:average|pace|rate|number)\s+(?:is|was|of|at|stands\s+at)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RateNamedBefore();

    [GeneratedRegex(@"\G\s*(?:%|percent\b|per\s+cent\b)", RegexOptions.IgnoreCase)]
    private static partial Regex PercentWord();

    static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    // "compared to 31,128 over the same period a year ago", "142,580 in the same period a year earlier".
    [GeneratedRegex(@"^[^.;]{0,20}?\b(?:in|over|during)\s+the\s+same\s+period\s+(?:a\s+year\s+(?:earlier|ago|before)|last\s+year|of\s+the\s+previous\s+year|the\s+year\s+before)", RegexOptions.IgnoreCase)]
    private static partial Regex SamePeriodEarlier();

    // "down from 2020 which saw 185,884", "in October (18,747)": the period named just before the number, joined to it.
    [GeneratedRegex(@"^\s*(?:,?\s*(?:which|that|when)\s+(?:saw|had|recorded|there\s+were)|\()\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex JoinedToPeriod();

    static PeriodMention? PeriodJustBefore(string text, Sentence sentence, NumberMention number, IReadOnlyList<PeriodMention> periods) =>
        periods.LastOrDefault(p => p.End <= number.QualifierStart && JoinedToPeriod().IsMatch(text[p.End..number.QualifierStart]));

    // The verb that does what is counted, right before the number: "officers arrested approximately 143,000 aliens and removed …".
    [GeneratedRegex(@"\b(?<verb>arrested|deported|removed|expelled|booked|apprehended|encountered)\s+(?:a\s+total\s+of\s+|an\s+estimated\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ActingVerb();

    static string? VerbBefore(string text, Sentence sentence, NumberMention number)
    {
        var m = ActingVerb().Match(text[sentence.Start..number.QualifierStart]);
        if (!m.Success) return null;
        return m.Groups["verb"].Value.ToLowerInvariant() switch
        {
            "arrested" => "arrests",
            "deported" or "removed" => "removals",
            "expelled" => "expulsions",
            "booked" => "book_ins",
            _ => "encounters",
        };
    }

    // "ICE removed or returned 240,255 individuals": DHS's words for its removals, which the record files as removals.
    [GeneratedRegex(@"\bremov\w*\s+(?:or|and)\s+return\w*", RegexOptions.IgnoreCase)]
    private static partial Regex RemovedOrReturned();

    static string Reworded(string text, Sentence sentence, string metric) =>
        metric == "returns" && RemovedOrReturned().IsMatch(text[sentence.Start..sentence.End]) ? "removals" : metric;

    // "120,000 Guatemalans": a count of a country's people, which the pipeline's nouns leave out.
    [GeneratedRegex(@"^\s+(?:[A-Z][a-z]+(?:s|\s+(?:nationals|citizens))|(?:citizens|nationals)\s+of\s+[A-Z])")]
    private static partial Regex PeopleOfACountry();

    // "the agency held 44,701 on average", "are currently monitoring 124,054": a count of people held or watched.
    [GeneratedRegex(@"\b(?:held|holding|holds|detained|detaining|monitor(?:s|ed|ing)?|booked)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CustodyVerbBefore();

    static bool CountsPeople(string text, NumberMention number, Sentence sentence) =>
        PeopleOfACountry().IsMatch(text[number.End..sentence.End]) || CustodyVerbBefore().IsMatch(text[sentence.Start..number.QualifierStart]);

    // "held 44,701 on average", "25,519 aliens on an average day": the average daily population, not the count on one day.
    [GeneratedRegex(@"\bon\s+(?:an\s+)?average(?:\s+day)?\b|\baverage\s+daily\b|\bADP\b", RegexOptions.IgnoreCase)]
    private static partial Regex OnAverage();

    static string? Averaged(string text, Sentence sentence, NumberMention number, string? metric, IReadOnlyList<KnownMetric> metrics)
    {
        // "the agency held 44,701": people held are the detained population.
        if (metric is null && Regex.IsMatch(text[sentence.Start..number.QualifierStart], @"\b(?:held|holding|holds)\s*$", RegexOptions.IgnoreCase)) metric = "detained_population";
        return metric == "detained_population" && OnAverage().IsMatch(text[sentence.Start..sentence.End]) && metrics.Any(m => m.Id == "average_daily_population")
            ? "average_daily_population" : metric;
    }

    /// <summary>The claim's words: from its qualifier to its number, and to the nearest word naming what it counts when that stands close.</summary>
    static (int Start, int End) Words(string text, Sentence sentence, NumberMention number, string? statedAs)
    {
        var (start, end) = (number.QualifierStart, number.End);
        // A percentage's words include its sign or word: "30 percent".
        if (number.Kind == NumberKind.Percent && PercentWord().Match(text, end) is { Success: true } percent && percent.Index == end) end += percent.Length;
        if (string.IsNullOrWhiteSpace(statedAs)) return (start, end);
        var best = -1;
        for (var at = text.IndexOf(statedAs, sentence.Start, sentence.End - sentence.Start, StringComparison.Ordinal); at >= 0;
             at = at + 1 < sentence.End ? text.IndexOf(statedAs, at + 1, sentence.End - at - 1, StringComparison.Ordinal) : -1)
            if (best < 0 || Distance(at) < Distance(best)) best = at;
        if (best < 0 || Distance(best) > 40) return (start, end);
        var (from, to) = (Math.Min(start, best), Math.Max(end, best + statedAs.Length));
        // The words of another number are not this claim's.
        var between = best >= number.End ? text[number.End..best] : text[(best + statedAs.Length)..start];
        return between.Any(char.IsDigit) ? (start, end) : (from, to);

        int Distance(int at) => at >= number.End ? at - number.End : Math.Max(0, start - (at + statedAs.Length));
    }
}
