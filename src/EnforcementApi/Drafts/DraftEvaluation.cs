using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using EnforcementApi.Drafts.Pipeline;

namespace EnforcementApi.Drafts;

/// <summary>A text of the evaluation set, annotated by hand with every figure and quotation it holds.</summary>
internal sealed record AnnotatedText(string Name, string Text, IReadOnlyList<GoldFigure> Figures, IReadOnlyList<GoldQuote> Quotes, DateOnly? PublishedOn = null)
{
    /// <summary>Whether the annotations hold percentages: the sets annotated before issue 28 left them out by their rules.</summary>
    public bool PercentagesAnnotated { get; init; }
}

internal sealed record GoldFigure(int CharStart, int CharEnd, decimal Value, string ValueQualifier, string Unit = "people")
{
    public bool IsPercent => Unit == "percent";
}

internal sealed record GoldQuote(int CharStart, int CharEnd, string Text, string Speaker);

/// <summary>How a set of texts came out: counts behind each score, so totals add up across texts.</summary>
internal sealed record EvaluationScore(string Name, int GoldFigures, int ProposedFigures, int RightFigures,
    int GoldQuotes, int ProposedQuotes, int RightQuotes, int RightSpeakers, int Words, double Milliseconds, IReadOnlyList<string> Misses)
{
    /// <summary>The annotated percentages and those proposed right, so recall can be given with and without them.</summary>
    public int GoldPercents { get; init; }
    public int RightPercents { get; init; }

    /// <summary>Proposals whose excerpt, citation or mention is not the text at the offsets they give.</summary>
    public int OffsetErrors { get; init; }

    public double CountRecall => GoldFigures - GoldPercents == 0 ? 1 : (double)(RightFigures - RightPercents) / (GoldFigures - GoldPercents);

    public double FigurePrecision => ProposedFigures == 0 ? 1 : (double)RightFigures / ProposedFigures;
    public double FigureRecall => GoldFigures == 0 ? 1 : (double)RightFigures / GoldFigures;
    public double QuotePrecision => ProposedQuotes == 0 ? 1 : (double)RightQuotes / ProposedQuotes;
    public double QuoteRecall => GoldQuotes == 0 ? 1 : (double)RightQuotes / GoldQuotes;
    public double Attribution => RightQuotes == 0 ? 1 : (double)RightSpeakers / RightQuotes;

    public static EvaluationScore Total(IReadOnlyList<EvaluationScore> scores) => new("all",
        scores.Sum(s => s.GoldFigures), scores.Sum(s => s.ProposedFigures), scores.Sum(s => s.RightFigures),
        scores.Sum(s => s.GoldQuotes), scores.Sum(s => s.ProposedQuotes), scores.Sum(s => s.RightQuotes), scores.Sum(s => s.RightSpeakers),
        scores.Sum(s => s.Words), scores.Sum(s => s.Milliseconds), [.. scores.SelectMany(s => s.Misses)])
    {
        GoldPercents = scores.Sum(s => s.GoldPercents), RightPercents = scores.Sum(s => s.RightPercents),
        OffsetErrors = scores.Sum(s => s.OffsetErrors),
    };
}

/// <summary>
/// Scores the pipeline against the hand annotations: a figure is right when it stands on the annotated
/// number with the same value and qualifier; a quotation when its words are the annotated words; its
/// speaker when the name is the annotated one (or the same entity, or the same surname).
/// </summary>
internal static partial class DraftEvaluation
{
    public static List<AnnotatedText> Load(string directory, string corpus)
    {
        var texts = new List<AnnotatedText>();
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var root = json.RootElement;
            var name = root.GetProperty("text").GetString()!;
            // A set of texts that are not in the corpus keeps them beside its annotations (texts/<name>.txt).
            var own = Path.Combine(directory, "texts", name + ".txt");
            texts.Add(new AnnotatedText(name, File.ReadAllText(File.Exists(own) ? own : Path.Combine(corpus, name + ".txt")),
                [.. root.GetProperty("figures").EnumerateArray().Select(f => new GoldFigure(f.GetProperty("charStart").GetInt32(),
                    f.GetProperty("charEnd").GetInt32(), f.GetProperty("value").GetDecimal(), f.GetProperty("valueQualifier").GetString()!,
                    f.TryGetProperty("unit", out var unit) ? unit.GetString()! : "people"))],
                [.. root.GetProperty("quotes").EnumerateArray().Select(q => new GoldQuote(q.GetProperty("charStart").GetInt32(),
                    q.GetProperty("charEnd").GetInt32(), q.GetProperty("text").GetString()!, q.GetProperty("speaker").GetString()!))])
            {
                PercentagesAnnotated = root.TryGetProperty("percentages", out var percentages) && percentages.GetBoolean(),
            });
        }
        return texts;
    }

    public static EvaluationScore Score(AnnotatedText text, IReadOnlyList<KnownEntity> entities, IReadOnlyList<KnownMetric> metrics)
    {
        var clock = Stopwatch.StartNew();
        var result = Drafter.Run(text.Text, "evaluation", text.PublishedOn, entities, metrics);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var resolver = new Pipeline.Entities(entities);
        var misses = new List<string>();

        // A set whose rules leave percentages out cannot say whether a proposed percentage is right: it is set aside.
        var figures = result.Proposals.Where(p => p.Kind == DraftItemKind.Figure
            && (text.PercentagesAnnotated || p.Record["unit"]!.GetValue<string>() != "percent")).ToList();
        var usedFigures = new HashSet<Proposal>();
        int rightFigures = 0, rightPercents = 0;
        foreach (var gold in text.Figures)
        {
            // A percentage is right only as a percentage, a count only as a count (70 percent is not 70 people).
            var match = figures.FirstOrDefault(p => !usedFigures.Contains(p) && Overlap(p.MentionStart, p.MentionEnd, gold.CharStart, gold.CharEnd)
                && p.Record["value"]!.GetValue<decimal>() == gold.Value && p.Record["valueQualifier"]!.GetValue<string>() == gold.ValueQualifier
                && (p.Record["unit"]!.GetValue<string>() == "percent") == gold.IsPercent);
            if (match is null)
            {
                var near = figures.FirstOrDefault(p => Overlap(p.MentionStart, p.MentionEnd, gold.CharStart, gold.CharEnd));
                misses.Add($"{text.Name}: figure {gold.Value} {gold.ValueQualifier} at {gold.CharStart} " +
                    (near is null ? "not proposed" : $"proposed as {near.Record["value"]} {near.Record["valueQualifier"]}"));
                continue;
            }
            usedFigures.Add(match);
            rightFigures++;
            if (gold.IsPercent) rightPercents++;
        }
        foreach (var extra in figures.Where(p => !usedFigures.Contains(p)))
            misses.Add($"{text.Name}: extra figure {extra.Record["value"]} {extra.Record["valueQualifier"]} at {extra.MentionStart}: {Snippet(text.Text, extra.MentionStart, extra.MentionEnd)}");

        var quotes = result.Proposals.Where(p => p.Kind == DraftItemKind.Statement).ToList();
        var usedQuotes = new HashSet<Proposal>();
        int rightQuotes = 0, rightSpeakers = 0;
        foreach (var gold in text.Quotes)
        {
            var match = quotes.FirstOrDefault(p => !usedQuotes.Contains(p) && Overlap(p.MentionStart, p.MentionEnd, gold.CharStart, gold.CharEnd)
                && Normal(p.Record["text"]!.GetValue<string>()) == Normal(gold.Text));
            if (match is null)
            {
                var near = quotes.FirstOrDefault(p => Overlap(p.MentionStart, p.MentionEnd, gold.CharStart, gold.CharEnd));
                misses.Add($"{text.Name}: quote at {gold.CharStart} " + (near is null ? "not proposed" : $"proposed as «{near.Record["text"]}»") + $": «{gold.Text}»");
                continue;
            }
            usedQuotes.Add(match);
            rightQuotes++;
            var speaker = match.Label;
            if (SameSpeaker(speaker, gold.Speaker, resolver)) rightSpeakers++;
            else misses.Add($"{text.Name}: quote at {gold.CharStart} said by {gold.Speaker}, attributed to {speaker ?? "nobody"}");
        }
        foreach (var extra in quotes.Where(p => !usedQuotes.Contains(p)))
            misses.Add($"{text.Name}: extra quote at {extra.MentionStart}: «{extra.Record["text"]}»");

        // Offsets are code points: checked on the text as it is and with a character outside the BMP (two UTF-16 units) before it.
        var offsetErrors = 0;
        const string Wide = "\U0001F6C2\n";
        var shifted = Drafter.Run(Wide + text.Text, "evaluation", text.PublishedOn, entities, metrics);
        foreach (var (draft, written) in new[] { (result, text.Text), (shifted, Wide + text.Text) })
        {
            var runes = written.EnumerateRunes().Select(r => r.ToString()).ToArray();
            string At(int start, int end) => start < 0 || end > runes.Length || start > end ? "\0out of the text" : string.Concat(runes[start..end]);
            foreach (var p in draft.Proposals)
            {
                var citation = p.Record["citations"]![0]!;
                var location = citation["location"]!;
                var cited = At(location["charStart"]!.GetValue<int>(), location["charEnd"]!.GetValue<int>());
                var excerpt = At(p.ExcerptStart, p.ExcerptEnd);
                if (cited != citation["excerpt"]!.GetValue<string>() || excerpt != cited || p.MentionStart < p.ExcerptStart || p.MentionEnd > p.ExcerptEnd)
                {
                    offsetErrors++;
                    misses.Add($"{text.Name}: offsets of the {p.Kind} at {p.MentionStart} do not give its words{(draft == shifted ? " (text after a wide character)" : "")}");
                }
            }
        }

        return new EvaluationScore(text.Name, text.Figures.Count, figures.Count, rightFigures, text.Quotes.Count, quotes.Count, rightQuotes,
            rightSpeakers, result.Words, elapsed, misses)
        {
            GoldPercents = text.Figures.Count(f => f.IsPercent), RightPercents = rightPercents, OffsetErrors = offsetErrors,
        };
    }

    static bool Overlap(int a0, int a1, int b0, int b1) => a0 < b1 && b0 < a1;

    static string Snippet(string text, int start, int end)
    {
        var runes = text.EnumerateRunes().Select(r => r.ToString()).ToArray();
        return string.Concat(runes[Math.Max(0, start - 20)..Math.Min(runes.Length, end + 30)]).Replace('\n', ' ');
    }

    [GeneratedRegex(@"^[\s“”""‘’'(]+|[\s“”""‘’',.;:!?)…]+$")]
    private static partial Regex Edges();

    static string Normal(string text) => Regex.Replace(Edges().Replace(text, ""), @"\s+", " ");

    static bool SameSpeaker(string? proposed, string gold, Pipeline.Entities resolver)
    {
        if (proposed is null) return gold.Equals("unknown", StringComparison.OrdinalIgnoreCase);
        if (string.Equals(proposed, gold, StringComparison.OrdinalIgnoreCase)) return true;
        if (resolver.Resolve(proposed) is { } a && resolver.Resolve(gold) is { } b && a.Id == b.Id) return true;
        // "Vaughan" for "Jessica Vaughan": the same last word.
        return string.Equals(proposed.Split(' ')[^1], gold.Split(' ')[^1], StringComparison.OrdinalIgnoreCase) && char.IsUpper(proposed[0]);
    }
}
