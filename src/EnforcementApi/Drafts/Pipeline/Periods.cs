using System.Globalization;
using System.Text.RegularExpressions;

namespace EnforcementApi.Drafts.Pipeline;

/// <summary>A period a text names: its words, where they stand, and its days where the words allow.</summary>
internal sealed record PeriodMention(int Start, int End, string Label, DateOnly? From, DateOnly? To);

/// <summary>
/// Periods as the news and the agency write them: fiscal years ("FY 2024", "FY2024", "fiscal year 2019",
/// "fiscal year (FY) 2023", "FY24"), quarters of a fiscal year ("the third quarter of fiscal year 2024"),
/// calendar years ("in 2023"), and "the first 100 days" of an administration, dated from its
/// inauguration when the text says which one (the year of the text's dates).
/// </summary>
internal static partial class Periods
{
    [GeneratedRegex(@"\b(?:(?<q>first|second|third|fourth|Q[1-4])\s+(?:quarter\s+)?(?:of\s+)?)?(?:fiscal\s+year\s*(?:\(FY\)\s*)?|fiscal\s+|FY\s*)(?<year>(?:19|20)\d{2}|\d{2})\b|\b(?<year>(?:19|20)\d{2})\s+fiscal\s+year\b", RegexOptions.IgnoreCase)]
    private static partial Regex FiscalYear();

    [GeneratedRegex(@"\b(?:the\s+)?first\s+(?<days>\d{2,3}|hundred)\s+days\b", RegexOptions.IgnoreCase)]
    private static partial Regex FirstDays();

    [GeneratedRegex(@"\b(?:in|during|for|of|calendar\s+year)\s+(?<year>(?:19|20)\d{2})\b(?!\s*[-–]\s*\d)", RegexOptions.IgnoreCase)]
    private static partial Regex CalendarYear();

    // "In April 2025, 17,000 people were deported": a month of a year.
    [GeneratedRegex(@"\b(?<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?<year>(?:19|20)\d{2})\b")]
    private static partial Regex MonthOfYear();

    static readonly string[] MonthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>The inaugurations a "first 100 days" can count from.</summary>
    static readonly Dictionary<int, DateOnly> Inaugurations = new()
    {
        [2017] = new(2017, 1, 20), [2021] = new(2021, 1, 20), [2025] = new(2025, 1, 20),
    };

    public static List<PeriodMention> Find(string text, int start, int end, int? year)
    {
        var sentence = text[start..end];
        var found = new List<PeriodMention>();
        foreach (Match m in FiscalYear().Matches(sentence))
        {
            var y = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
            if (y < 100) y += 2000;
            var (from, to, label) = (new DateOnly(y - 1, 10, 1), new DateOnly(y, 9, 30), "FY" + y.ToString(CultureInfo.InvariantCulture));
            if (m.Groups["q"].Success)
            {
                var q = m.Groups["q"].Value.ToLowerInvariant() switch { "first" or "q1" => 1, "second" or "q2" => 2, "third" or "q3" => 3, _ => 4 };
                from = from.AddMonths(3 * (q - 1));
                to = from.AddMonths(3).AddDays(-1);
                label = $"Q{q} FY{y}";
            }
            found.Add(new PeriodMention(start + m.Index, start + m.Index + m.Length, label, from, to));
        }
        foreach (Match m in FirstDays().Matches(sentence))
        {
            var days = m.Groups["days"].Value.Equals("hundred", StringComparison.OrdinalIgnoreCase) ? 100 : int.Parse(m.Groups["days"].Value, CultureInfo.InvariantCulture);
            DateOnly? from = year is { } y && Inaugurations.TryGetValue(y, out var day) ? day : null;
            found.Add(new PeriodMention(start + m.Index, start + m.Index + m.Length, $"first {days} days of the administration",
                from, from?.AddDays(days - 1)));
        }
        foreach (Match m in MonthOfYear().Matches(sentence))
        {
            var y = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
            var month = Array.IndexOf(MonthNames, m.Groups["month"].Value) + 1;
            var first = new DateOnly(y, month, 1);
            found.Add(new PeriodMention(start + m.Index, start + m.Index + m.Length, $"{m.Groups["month"].Value} {y}", first, first.AddMonths(1).AddDays(-1)));
        }
        foreach (Match m in CalendarYear().Matches(sentence))
        {
            if (found.Any(p => p.Start <= start + m.Groups["year"].Index && start + m.Groups["year"].Index < p.End)) continue;
            var y = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
            found.Add(new PeriodMention(start + m.Groups["year"].Index, start + m.Groups["year"].Index + 4, y.ToString(CultureInfo.InvariantCulture),
                new DateOnly(y, 1, 1), new DateOnly(y, 12, 31)));
        }
        return found;
    }

    [GeneratedRegex(@"\b(?:from|since|than|over|compared\s+(?:with|to)|versus|vs\.?)\s+(?:the\s+)?(?:same\s+(?:period|month|week|quarter|time|day)\s+(?:of|in|last\s+year)?\s*)?(?:in\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ComparedWith();

    /// <summary>
    /// The period of each figure of a sentence. "respectively" pairs figures and periods in order ("81,603 and 65,332 in
    /// FY2017 and FY2016, respectively"); otherwise a figure takes the period named after it before the next figure of its
    /// kind ("185,000 deportations …, fewer than the 226,000 immigrants deported in 2017"), unless that period is what it is
    /// compared with ("a 30 percent decrease from FY 2019"), else the nearest one before it, else the sentence's first.
    /// </summary>
    public static PeriodMention?[] Assign(string text, Sentence sentence, IReadOnlyList<NumberMention> figures, IReadOnlyList<PeriodMention> periods)
    {
        var assigned = new PeriodMention?[figures.Count];
        if (periods.Count == 0) return assigned;
        var respectively = text.IndexOf("respectively", sentence.Start, sentence.End - sentence.Start, StringComparison.OrdinalIgnoreCase);
        if (respectively >= 0)
        {
            var listed = Enumerable.Range(0, figures.Count).Where(i => figures[i].End <= respectively).ToList();
            var named = periods.Where(p => p.End <= respectively).ToList();
            foreach (var kind in listed.GroupBy(i => figures[i].Kind))
                if (kind.Count() == named.Count && named.Count >= 2)
                    foreach (var (i, p) in kind.Zip(named)) assigned[i] = p;
        }
        for (var i = 0; i < figures.Count; i++)
        {
            if (assigned[i] is not null) continue;
            var figure = figures[i];
            // "compared to over 137,000 a year earlier": a period relative to another, which the text does not name.
            if (YearEarlier().IsMatch(text[figure.End..sentence.End])) continue;
            var next = figures.Skip(i + 1).FirstOrDefault(f => f.Kind == figure.Kind)?.Start ?? sentence.End;
            assigned[i] = periods.FirstOrDefault(p => p.Start >= figure.End && p.Start < next && !ComparedWith().IsMatch(text[sentence.Start..p.Start]))
                          ?? periods.LastOrDefault(p => p.End <= figure.QualifierStart && !ComparedWith().IsMatch(text[sentence.Start..p.Start]))
                          ?? periods.LastOrDefault(p => p.End <= figure.QualifierStart)
                          ?? periods[0];
        }
        return assigned;
    }

    [GeneratedRegex(@"^\s*(?:[\w-]+\s+){0,2}?(?:a\s+year\s+(?:earlier|before|ago)|the\s+(?:previous|prior|year\s+before)\b|the\s+same\s+(?:period|month)\s+(?:a\s+year\s+(?:earlier|ago)|last\s+year))", RegexOptions.IgnoreCase)]
    private static partial Regex YearEarlier();

    [GeneratedRegex(@"\b(20[12]\d)\b")]
    private static partial Regex AnyYear();

    /// <summary>The year a text is most about: the one of an inauguration it names most often, else its most frequent year.</summary>
    public static int? YearOf(string text, DateOnly? published)
    {
        var years = AnyYear().Matches(text).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        if (published is { } p) years.Add(p.Year);
        return years.Where(Inaugurations.ContainsKey).GroupBy(y => y).OrderByDescending(g => g.Count()).Select(g => (int?)g.Key).FirstOrDefault()
            ?? years.GroupBy(y => y).OrderByDescending(g => g.Count()).Select(g => (int?)g.Key).FirstOrDefault();
    }
}
