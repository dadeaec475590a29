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
    PeriodMention? Period, KnownEntity? CountedBy, Breakdown? Breakdown);

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
        var paragraph = 0;
        foreach (var sentence in sentences)
        {
            if (sentence.Paragraph != paragraph) (paragraph, lastPeriod) = (sentence.Paragraph, null);
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
                var isFigure = Shares.IsFigure(text, sentence, number)
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
                var unit = number.Kind == NumberKind.Percent ? FigureUnit.Percent : number.Unit;
                var counted = FigureWords.Classify(text, sentence, number, vocabulary.Metrics);
                var period = periodOf[f] ?? (unit == FigureUnit.People && counted.Kind == FigureKind.Actual ? inherited : null);
                var next = f + 1 < figures.Count ? figures[f + 1].QualifierStart : sentence.End;
                var breakdown = ClaimBreakdowns.Of(text, number.Start, next, vocabulary);
                var (start, end) = Words(text, sentence, number, counted.Named ? counted.StatedAs : null);
                claims.Add(new ReadClaim(start, end, counted.Named ? counted.Metric : null, counted.Kind, number.Value, number.Qualifier, unit,
                    period, CountingAgency.Of(text, sentence, number, mentions), breakdown));
            }
        }
        return claims;
    }

    // "120,000 Guatemalans": a count of a country's people, which the pipeline's nouns leave out.
    [GeneratedRegex(@"^\s+(?:[A-Z][a-z]+(?:s|\s+(?:nationals|citizens))|(?:citizens|nationals)\s+of\s+[A-Z])")]
    private static partial Regex PeopleOfACountry();

    static bool CountsPeople(string text, NumberMention number, Sentence sentence) =>
        PeopleOfACountry().IsMatch(text[number.End..sentence.End]);

    /// <summary>The claim's words: from its qualifier to its number, and to the nearest word naming what it counts when that stands close.</summary>
    static (int Start, int End) Words(string text, Sentence sentence, NumberMention number, string? statedAs)
    {
        var (start, end) = (number.QualifierStart, number.End);
        if (string.IsNullOrWhiteSpace(statedAs)) return (start, end);
        var best = -1;
        for (var at = text.IndexOf(statedAs, sentence.Start, sentence.End - sentence.Start, StringComparison.Ordinal); at >= 0;
             at = at + 1 < sentence.End ? text.IndexOf(statedAs, at + 1, sentence.End - at - 1, StringComparison.Ordinal) : -1)
            if (best < 0 || Distance(at) < Distance(best)) best = at;
        if (best < 0 || Distance(best) > 80) return (start, end);
        return (Math.Min(start, best), Math.Max(end, best + statedAs.Length));

        int Distance(int at) => at >= number.End ? at - number.End : Math.Max(0, start - (at + statedAs.Length));
    }
}
