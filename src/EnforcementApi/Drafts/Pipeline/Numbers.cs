using System.Globalization;
using System.Text.RegularExpressions;
using EnforcementApi.Figures;

namespace EnforcementApi.Drafts.Pipeline;

/// <summary>What a number in a text stands for.</summary>
internal enum NumberKind { Count, Percent, Money, Year, Date, Duration, Ordinal, Identifier }

/// <summary>
/// A number as a text writes it: where (UTF-16 offsets of the number itself, end exclusive), its value,
/// what kind of number it is, the words that qualify it ("more than"), and whether it is a rate.
/// </summary>
internal sealed record NumberMention(int Start, int End, decimal Value, NumberKind Kind, ValueQualifier Qualifier, FigureUnit Unit)
{
    /// <summary>Where the qualifying words start ("more than 158,000"): the excerpt of a figure starts there.</summary>
    public int QualifierStart { get; init; } = Start;
}

/// <summary>
/// Step 2: every number of a sentence, in the forms the news writes them: digits with separators
/// (158,000), decimals with a scale (1.4 million, 65.6K), words (three thousand, two million), ranges
/// (between 3,000 and 4,000: two numbers, at_least and up_to), rates (3,000 a day), and the numbers that
/// are not counts: percentages, money, years and fiscal years, dates, durations, ordinals and numbers
/// that are part of a name (Title 42, MS-13, 287(g)).
/// </summary>
internal static partial class Numbers
{
    static readonly Dictionary<string, int> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40,
        ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    static readonly Dictionary<string, decimal> Scales = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hundred"] = 100m, ["thousand"] = 1_000m, ["million"] = 1_000_000m, ["billion"] = 1_000_000_000m,
        ["k"] = 1_000m, ["m"] = 1_000_000m, ["mn"] = 1_000_000m, ["bn"] = 1_000_000_000m,
    };

    // Digits (158,000 / 1.4 / 65600), an optional scale word or letter right after (1.4 million, 65.6K).
    [GeneratedRegex(@"(?<![\w.])(?<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(?<scale>million|billion|thousand|mn|bn)\b|(?<scale>[KkMB])\b)?(?!\w)")]
    private static partial Regex Digits();

    // Number words: "three thousand", "two million", "twenty-five", "a million", "nine", "seven hundred and fifty-one".
    const string UnitWords = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";

    [GeneratedRegex(@"\b(?<words>(?:a|" + UnitWords + @")(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?(?:\s+(?:hundred|thousand|million|billion)(?:\s+(?:and\s+)?(?:" + UnitWords + @")(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?(?=\s|[.,;]|$))?)*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Words();

    [GeneratedRegex(@"^\)?\s*(?:%|percent\b|per\s+cent\b|percentage\s+points?\b)|^\s+\(\d+\)\s*(?:%|percent\b)", RegexOptions.IgnoreCase)]
    private static partial Regex PercentAfter();

    [GeneratedRegex(@"^[\s-]*(?:days?|weeks?|months?|years?|hours?|minutes?|decades?|centuries|times(?=\s+(?:more|as|higher|greater|larger|bigger|the|that|than|over|faster|lower|fewer|less)\b))\b", RegexOptions.IgnoreCase)]
    private static partial Regex DurationAfter();

    [GeneratedRegex(@"^-year-old|^\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|^(?:st|nd|rd|th)\b|^(?:[-(:][A-Za-z]|/\d|:\d)|^\s*dollars\b|^\s+(?:thirds?|halves|half|quarters?|fifths?|tenths?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotACountAfter();

    [GeneratedRegex(@"(?:\b(?:title|section|sections|order|orders|rule|no\.|number|page|pages|room|route|interstate|highway|article|chapter|appendix|table|figure|phase|level|grade|tier|q|district|precinct|code|form|bill)\s*|[A-Za-z)/]-|[a-z]|#)$", RegexOptions.IgnoreCase)]
    private static partial Regex IdentifierBefore();

    [GeneratedRegex(@"(?:\b(?:fy|fiscal\s+years?|fiscal|calendar\s+year|in|since|by|until|from|through|of|during|early|late|mid|spring|summer|fall|autumn|winter)\s*(?:\(fy\)\s*)?|\bfy)$", RegexOptions.IgnoreCase)]
    private static partial Regex YearBefore();

    [GeneratedRegex(@"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex MonthBefore();

    [GeneratedRegex(@"^\s*(?:january|february|march|april|may|june|july|august|september|october|november|december)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthAfter();

    // A rate after the number, possibly after the counted noun: "3,000 a day", "700 per day", "3,000 arrests daily".
    [GeneratedRegex(@"^[\sA-Za-z’'-]{0,40}?\b(?<per>a|per|each|every)\s+(?<unit>day|week|month|year)\b(?!\s+(?:ago|earlier|before|later|prior))|^[\sA-Za-z’'-]{0,40}?\b(?<adverb>daily|weekly|monthly|annually)\b(?!\s+(?:population|detained|average|basis))|^\s*(?<prefix>daily)\b(?!\s+(?:population|detained|average))", RegexOptions.IgnoreCase)]
    private static partial Regex RateAfter();

    [GeneratedRegex(@"\b(?<unit>daily|weekly|monthly|yearly|annual)\s+(?:(?:goal|target|quota|average|pace|rate|number)\s+(?:is|was|of|at)\s+)?$|\b(?<unit>daily|weekly|monthly|yearly|annual)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RateBefore();

    // The qualifier just before a number, and the words between it and the number allowed ("more than about").
    [GeneratedRegex(@"(?<q>more\s+than|over|in\s+excess\s+of|upwards\s+of|at\s+least|a\s+minimum\s+of|no\s+fewer\s+than|fewer\s+than|less\s+than|under|below|just\s+under|up\s+to|as\s+many\s+as|about|around|roughly|nearly|almost|approximately|some|an\s+estimated|estimated|close\s+to|approaching|~)\s*(?:a\s+total\s+of\s+|a\s+rate\s+of\s+|an\s+average\s+of\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex QualifierBefore();

    [GeneratedRegex(@"\b(?:between|from)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RangeStartBefore();

    [GeneratedRegex(@"^\s*(?:and|to|-|–)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RangeJoin();

    public static List<NumberMention> Find(string text, int start, int end)
    {
        var sentence = text[start..end];
        var found = new List<(int Start, int End, decimal Value, bool Words)>();
        foreach (Match m in Digits().Matches(sentence))
        {
            var value = decimal.Parse(m.Groups["digits"].Value.Replace(",", ""), CultureInfo.InvariantCulture);
            var scale = m.Groups["scale"];
            if (scale.Success)
            {
                // A capital M or B alone is a scale only right after the digits ("65.6K", "2M"); "MS-13" is not one.
                if (scale.Value is "M" or "B" && scale.Index != m.Groups["digits"].Index + m.Groups["digits"].Length) continue;
                value *= scale.Value == "B" ? 1_000_000_000m : Scales[scale.Value];
            }
            found.Add((m.Index, m.Index + m.Length, value, false));
        }
        // "half a million", "a quarter million": a fraction of a scale.
        foreach (Match m in Regex.Matches(sentence, @"\b(?<part>half|a\s+quarter|a\s+third)\s+(?:of\s+)?(?:a\s+)?(?<scale>million|billion)\b", RegexOptions.IgnoreCase))
        {
            var part = m.Groups["part"].Value.ToLowerInvariant() switch { "half" => 0.5m, "a quarter" => 0.25m, _ => 1m / 3 };
            found.Add((m.Index, m.Index + m.Length, Math.Round(part * Scales[m.Groups["scale"].Value], 0), true));
        }
        foreach (Match m in Words().Matches(sentence))
        {
            if (found.Any(f => f.Start < m.Index + m.Length && m.Index < f.End)) continue;
            if (WordValue(m.Groups["words"].Value) is not { } value) continue;
            found.Add((m.Index, m.Index + m.Length, value, true));
        }

        var mentions = new List<NumberMention>();
        foreach (var (s, e, value, words) in found.OrderBy(f => f.Start))
        {
            var before = sentence[..s];
            var after = sentence[e..];
            var kind = Classify(before, after, value, sentence[s..e], words);
            var (qualifier, qualifierStart) = Qualify(before, s);
            var unit = FigureUnit.People;
            if (RateAfter().Match(after) is { Success: true } rate && !rate.Value.Contains('.'))
                unit = Unit(rate.Groups["unit"].Success ? rate.Groups["unit"].Value : rate.Groups["adverb"].Success ? rate.Groups["adverb"].Value : "day");
            else if (RateBefore().Match(before) is { Success: true } daily)
                unit = Unit(daily.Groups["unit"].Value);
            mentions.Add(new NumberMention(start + s, start + e, value, kind, qualifier, unit) { QualifierStart = start + qualifierStart });
        }
        MarkRanges(sentence, start, mentions);
        return mentions;
    }

    /// <summary>"between 3,000 and 4,000", "3,000 to 4,000": the low end is at least, the high end up to.</summary>
    static void MarkRanges(string sentence, int offset, List<NumberMention> mentions)
    {
        for (var i = 0; i + 1 < mentions.Count; i++)
        {
            var (low, high) = (mentions[i], mentions[i + 1]);
            if (low.Kind != NumberKind.Count || high.Kind is not (NumberKind.Count or NumberKind.Percent)) continue;
            var join = sentence[(low.End - offset)..(high.Start - offset)];
            var before = sentence[..(low.QualifierStart - offset)];
            var opened = Regex.IsMatch(before, @"\bbetween\s*$", RegexOptions.IgnoreCase);
            // "from 158,000 to 284,000" is a change, both numbers exact; "between 3,000 and 4,000", "20 to 22 million", "800-1,200" are ranges.
            if (RangeStartBefore().IsMatch(before) && !opened) continue;
            if (!RangeJoin().IsMatch(join) || !(opened || join.Trim() is "to" or "-" or "–")) continue;
            if (low.Kind == NumberKind.Count && high.Kind == NumberKind.Percent) low = low with { Kind = NumberKind.Percent };
            // "between 20 and 22 million": the scale word of the high end is the low end's too.
            var scaled = sentence[(high.Start - offset)..(high.End - offset)].Any(char.IsLetter)
                         && !sentence[(low.Start - offset)..(low.End - offset)].Any(char.IsLetter);
            if (scaled && high.Value / Math.Max(low.Value, 1) >= 1000)
            {
                var scale = high.Value >= 1_000_000_000m ? 1_000_000_000m : high.Value >= 1_000_000m ? 1_000_000m : 1_000m;
                low = low with { Value = low.Value * scale };
            }
            if (high.Value <= low.Value) continue;
            if (high.Kind == NumberKind.Percent) { mentions[i] = low with { Qualifier = ValueQualifier.AtLeast }; continue; }
            // The words after the high end count the low end too: "between 3,000 and 4,000 arrests a day"; a low end
            // with its own qualifier ("around 800-1,200") keeps it.
            mentions[i] = low with { Qualifier = low.Qualifier == ValueQualifier.Exact ? ValueQualifier.AtLeast : low.Qualifier, Unit = high.Unit };
            mentions[i + 1] = high with { Qualifier = ValueQualifier.UpTo };
        }
    }

    static NumberKind Classify(string before, string after, decimal value, string written, bool words)
    {
        if (PercentAfter().IsMatch(after)) return NumberKind.Percent;
        // The parts of a written date or of a span of years: "2022-03-12", "fiscal 2017-19".
        if (!words && (Regex.IsMatch(before, @"\b\d{4}-(?:\d{2}-)?$") || Regex.IsMatch(after, @"^-\d{2}(?:-\d{2})?\b") && written.Length == 4))
            return written.Length == 4 ? NumberKind.Year : NumberKind.Date;
        if (before.EndsWith('$') || before.EndsWith("$ ", StringComparison.Ordinal)) return NumberKind.Money;
        if (NotACountAfter().IsMatch(after)) return after.TrimStart().StartsWith("dollars", StringComparison.OrdinalIgnoreCase) ? NumberKind.Money : NumberKind.Identifier;
        if (!words && IdentifierBefore().IsMatch(before) && !YearBefore().IsMatch(before) && !QualifierBefore().IsMatch(before)) return NumberKind.Identifier;
        if (DurationAfter().IsMatch(after)) return NumberKind.Duration;
        var isWholeNumber = !words && !written.Contains(',') && !written.Contains('.') && written.Length == 4;
        if (isWholeNumber && value is >= 1900 and <= 2100 && !after.TrimStart().StartsWith("people", StringComparison.OrdinalIgnoreCase)) return NumberKind.Year;
        if (!words && written.Length <= 2 && (MonthBefore().IsMatch(before) || MonthAfter().IsMatch(after))) return NumberKind.Date;
        if (!words && written.Length == 2 && YearBefore().IsMatch(before) && before.TrimEnd().EndsWith("FY", StringComparison.OrdinalIgnoreCase)) return NumberKind.Year;
        return NumberKind.Count;
    }

    static (ValueQualifier, int) Qualify(string before, int numberStart)
    {
        var m = QualifierBefore().Match(before);
        if (!m.Success) return (ValueQualifier.Exact, numberStart);
        // "added up to 41,318" is a total, not a ceiling.
        if (Regex.IsMatch(before[..m.Index], @"\badd(?:ed|s|ing)?\s*$", RegexOptions.IgnoreCase)) return (ValueQualifier.Exact, numberStart);
        // "over" and "under" qualify only when they stand next to the number: "took over 2,000" is over 2,000, "under 2024 rules" is not a number here.
        var q = Regex.Replace(m.Groups["q"].Value.ToLowerInvariant(), @"\s+", " ");
        var qualifier = q switch
        {
            "more than" or "over" or "in excess of" or "upwards of" => ValueQualifier.MoreThan,
            "at least" or "a minimum of" or "no fewer than" => ValueQualifier.AtLeast,
            "fewer than" or "less than" or "under" or "below" or "just under" => ValueQualifier.LessThan,
            "up to" or "as many as" => ValueQualifier.UpTo,
            _ => ValueQualifier.Approximately,
        };
        return (qualifier, m.Groups["q"].Index);
    }

    static FigureUnit Unit(string word) => word.ToLowerInvariant() switch
    {
        "week" or "weekly" => FigureUnit.People, // the vocabulary has no rate per week: a count, which the curator can see in the excerpt
        "month" or "monthly" => FigureUnit.PeoplePerMonth,
        "year" or "yearly" or "annually" or "annual" => FigureUnit.PeoplePerYear,
        _ => FigureUnit.PeoplePerDay,
    };

    /// <summary>The value of number words: "three thousand" is 3000, "twenty-five" 25, "a million" 1,000,000; "a" alone is not a number.</summary>
    static decimal? WordValue(string words)
    {
        var parts = words.ToLowerInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Where(p => p != "and").ToArray();
        if (parts is ["a"] || (parts[0] == "a" && parts.Length == 1)) return null;
        if (parts[0] == "a" && (parts.Length < 2 || !Scales.ContainsKey(parts[1]))) return null;
        decimal total = 0, current = 0;
        foreach (var part in parts)
        {
            if (part == "a") current = 1;
            else if (Units.TryGetValue(part, out var unit)) current += unit;
            else if (Scales.TryGetValue(part, out var scale))
            {
                current = (current == 0 ? 1 : current) * scale;
                if (scale >= 1000) { total += current; current = 0; }
            }
        }
        return total + current;
    }
}
