using System.Globalization;
using System.Text.RegularExpressions;
using EnforcementApi.Drafts.Pipeline;

namespace EnforcementApi.Claims;

/// <summary>
/// The periods a claim names relative to when it is read ("last fiscal year", "so far this year", "the first
/// three months", "since Inauguration Day"), as days, counted from the <c>asOf</c> day. A claim checked today
/// and the same words checked in a year name different periods, so the answer states the day it was read for.
/// An administration's "first N days/months/year" counts from the last inauguration on or before that day.
/// </summary>
internal static partial class RelativePeriods
{
    static readonly Dictionary<string, int> SmallNumbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["hundred"] = 100, ["a hundred"] = 100, ["100"] = 100,
    };

    [GeneratedRegex(@"\b(?:the\s+)?(?<which>last|past|previous|prior|this|current)\s+fiscal\s+year\b", RegexOptions.IgnoreCase)]
    private static partial Regex FiscalYear();

    [GeneratedRegex(@"\b(?<which>last|this)\s+(?:calendar\s+)?year\b", RegexOptions.IgnoreCase)]
    private static partial Regex CalendarYear();

    // "the first three months", "in the first 100 days of the administration", "during Trump's first year", "the first half of 2025" is left to the year's rules.
    [GeneratedRegex(@"\b(?:(?:the|its|his|their|[A-Z][a-z]+(?:'s|’s))\s+)?first\s+(?:(?<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+hundred|hundred)\s+(?<unit>days?|weeks?|months?)|(?<unit>year|month|week))\b(?!\s+of\s+(?:fiscal|FY|calendar|\d{4}))(?:\s+(?:of|in)\s+(?:the\s+|his\s+|Trump(?:'s|’s)\s+|President\s+Trump(?:'s|’s)\s+)?(?:second\s+)?(?:administration|term|presidency|office))?", RegexOptions.IgnoreCase)]
    private static partial Regex FirstOf();

    [GeneratedRegex(@"\bsince\s+(?:January\s+20(?:th)?\b(?:,?\s+(?<year>20\d{2}))?|Inauguration\s+Day|the\s+inauguration|taking\s+office|(?:he|Trump|President\s+Trump|the\s+president)\s+took\s+office|the\s+start\s+of\s+(?:the|his|Trump(?:'s|’s))\s+(?:second\s+)?(?:term|administration))", RegexOptions.IgnoreCase)]
    private static partial Regex SinceInauguration();

    const string Month = @"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";

    // "between Jan. 20 and April 29, 2017", "from January 1 to June 24".
    [GeneratedRegex(@"\b(?i:between|from)\s+(?<m1>" + Month + @")\s+(?<d1>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<y1>(?:19|20)\d{2}))?\s+(?:and|to|through|until|-|–)\s+(?<m2>" + Month + @")\s+(?<d2>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<y2>(?:19|20)\d{2}))?")]
    private static partial Regex DateRange();

    // "since Oct. 1", "since March 3, 2025": to the day the claim is read for.
    [GeneratedRegex(@"\b(?i:since)\s+(?<m>" + Month + @")\s+(?<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?<y>(?:19|20)\d{2}))?")]
    private static partial Regex SinceDay();

    [GeneratedRegex(@"\b(?<half>first|second)\s+half\s+of\s+(?:calendar\s+year\s+)?(?<y>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex HalfOfYear();

    // "its fiscal year ended Sept. 30", "the 2021 fiscal year that ended Sept. 30" (the year named is the pipeline's).
    [GeneratedRegex(@"\b(?:its|the|this\s+past)\s+fiscal\s+year\s+(?:that\s+)?ended\s+(?:on\s+)?Sept(?:ember|\.)?\s+30\b", RegexOptions.IgnoreCase)]
    private static partial Regex FiscalYearEnded();

    // "down from 2020 which saw 185,884": a year the sentence joins to the number that follows it.
    [GeneratedRegex(@"\b(?<y>(?:19|20)\d{2}),?\s+(?:which|when|that)\s+(?:saw|had|recorded)\b", RegexOptions.IgnoreCase)]
    private static partial Regex YearWhichSaw();

    // "in the past year", "over the past 12 months", "in the last six months": up to the day the claim is read for.
    [GeneratedRegex(@"\b(?:the\s+)?(?:past|last|previous|preceding)\s+(?:(?<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?<unit>months|weeks|years)|(?<unit>year|12\s+months))\b", RegexOptions.IgnoreCase)]
    private static partial Regex PastSpan();

    [GeneratedRegex(@"\b(?<which>last|this)\s+month\b", RegexOptions.IgnoreCase)]
    private static partial Regex CalendarMonth();

    // "since January 2025", "since 2021": from its first day to the day the claim is read for.
    [GeneratedRegex(@"\b(?i:since)\s+(?:(?<m>January|February|March|April|May|June|July|August|September|October|November|December)\s+)?(?<y>(?:19|20)\d{2})\b")]
    private static partial Regex SinceMonthOrYear();

    // "so far in fiscal 2025", "so far this year": a named year only up to the day the claim is read for.
    [GeneratedRegex(@"\bso\s+far\s+(?:in\s+|during\s+|this\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex SoFar();

    // A day the count stands on: "as of February 13, 2022", "data released on September 13, 2021".
    [GeneratedRegex(@"\b(?i:as\s+of|on)\s+(?<m>" + Month + @")\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>(?:19|20)\d{2})\b")]
    private static partial Regex OnDay();

    // A month without its year: "in October (18,747) or December (16,130)", "in the month of June": its latest one by asOf.
    [GeneratedRegex(@"\b(?i:in|during|and|or)\s+(?i:the\s+month\s+of\s+)?(?<m>January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s*,?\s*(?:\d|of\s+\d))")]
    private static partial Regex MonthAlone();

    /// <summary>The last inauguration on or before the day: January 20 of every fourth year since 1937 (1937, …, 2021, 2025).</summary>
    public static DateOnly InaugurationBefore(DateOnly day)
    {
        var year = day.Year - ((day.Year - 1) % 4 + 4) % 4;
        var inauguration = new DateOnly(year, 1, 20);
        return inauguration <= day ? inauguration : inauguration.AddYears(-4);
    }

    public static List<PeriodMention> Find(string text, int start, int end, DateOnly asOf)
    {
        var sentence = text[start..end];
        var found = new List<PeriodMention>();
        void Add(Match m, string label, DateOnly from, DateOnly to) =>
            found.Add(new PeriodMention(start + m.Index, start + m.Index + m.Length, label, from, to < from ? from : to));

        var fiscalYear = asOf.Month >= 10 ? asOf.Year + 1 : asOf.Year;
        foreach (Match m in FiscalYear().Matches(sentence))
        {
            var current = m.Groups["which"].Value.ToLowerInvariant() is "this" or "current";
            var y = current ? fiscalYear : fiscalYear - 1;
            var label = "FY" + y.ToString(CultureInfo.InvariantCulture);
            Add(m, current ? label + " to " + Day(asOf) : label, new DateOnly(y - 1, 10, 1), current ? asOf : new DateOnly(y, 9, 30));
        }
        foreach (Match m in CalendarYear().Matches(sentence))
        {
            if (found.Any(p => Overlaps(p, start + m.Index, start + m.Index + m.Length))) continue;
            var current = m.Groups["which"].Value.Equals("this", StringComparison.OrdinalIgnoreCase);
            var y = current ? asOf.Year : asOf.Year - 1;
            var label = y.ToString(CultureInfo.InvariantCulture);
            Add(m, current ? label + " to " + Day(asOf) : label, new DateOnly(y, 1, 1), current ? asOf : new DateOnly(y, 12, 31));
        }
        foreach (Match m in FirstOf().Matches(sentence))
        {
            var inauguration = InaugurationBefore(asOf);
            var unit = m.Groups["unit"].Value.ToLowerInvariant().TrimEnd('s');
            var n = m.Groups["n"].Success ? Number(m.Groups["n"].Value) : 1;
            if (n is not > 0) continue;
            var to = unit switch
            {
                "day" => inauguration.AddDays(n.Value - 1),
                "week" => inauguration.AddDays(7 * n.Value - 1),
                "month" => inauguration.AddMonths(n.Value).AddDays(-1),
                _ => inauguration.AddYears(n.Value).AddDays(-1),
            };
            var words = unit == "year" && n == 1 ? "first year" : $"first {n} {unit}{(n == 1 ? "" : "s")}";
            Add(m, $"{words} of the administration (from {Day(inauguration)})", inauguration, to);
        }
        foreach (Match m in SinceInauguration().Matches(sentence))
        {
            var from = m.Groups["year"].Success
                ? new DateOnly(int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture), 1, 20)
                : InaugurationBefore(asOf);
            Add(m, $"{Day(from)} to {Day(asOf)}", from, asOf);
        }
        foreach (Match m in DateRange().Matches(sentence))
        {
            var endYear = m.Groups["y2"].Success ? Year(m.Groups["y2"].Value) : m.Groups["y1"].Success ? Year(m.Groups["y1"].Value) : asOf.Year;
            if (Day(m.Groups["m2"].Value, m.Groups["d2"].Value, endYear) is not { } to) continue;
            var startYear = m.Groups["y1"].Success ? Year(m.Groups["y1"].Value) : endYear;
            if (Day(m.Groups["m1"].Value, m.Groups["d1"].Value, startYear) is not { } from) continue;
            if (from > to && !m.Groups["y1"].Success && Day(m.Groups["m1"].Value, m.Groups["d1"].Value, startYear - 1) is { } before) from = before;
            if (from <= to) Add(m, $"{Day(from)} to {Day(to)}", from, to);
        }
        foreach (Match m in SinceDay().Matches(sentence))
        {
            if (found.Any(p => Overlaps(p, start + m.Index, start + m.Index + m.Length))) continue;
            var y = m.Groups["y"].Success ? Year(m.Groups["y"].Value) : asOf.Year;
            if (Day(m.Groups["m"].Value, m.Groups["d"].Value, y) is not { } from) continue;
            // "since Oct. 1" read in November is this October; read in March, last October's.
            if (from > asOf && !m.Groups["y"].Success && Day(m.Groups["m"].Value, m.Groups["d"].Value, y - 1) is { } before) from = before;
            if (from <= asOf) Add(m, $"{Day(from)} to {Day(asOf)}", from, asOf);
        }
        foreach (Match m in OnDay().Matches(sentence))
        {
            if (Day(m.Groups["m"].Value, m.Groups["d"].Value, Year(m.Groups["y"].Value)) is { } day) Add(m, Day(day), day, day);
        }
        foreach (Match m in MonthAlone().Matches(sentence))
        {
            if (found.Any(p => Overlaps(p, start + m.Index, start + m.Index + m.Length))) continue;
            var month = Array.IndexOf(MonthNames, m.Groups["m"].Value.ToLowerInvariant()) + 1;
            var first = new DateOnly(asOf.Year, month, 1);
            if (first.AddMonths(1).AddDays(-1) > asOf) first = first.AddYears(-1);
            var words = m.Groups["m"];
            found.Add(new PeriodMention(start + words.Index, start + words.Index + words.Length, $"{m.Groups["m"].Value} {first.Year}", first, first.AddMonths(1).AddDays(-1)));
        }
        foreach (Match m in PastSpan().Matches(sentence))
        {
            if (found.Any(p => Overlaps(p, start + m.Index, start + m.Index + m.Length))) continue;
            var unit = m.Groups["unit"].Value.ToLowerInvariant();
            var n = m.Groups["n"].Success ? Number(m.Groups["n"].Value) ?? 1 : 1;
            var from = unit.StartsWith("week", StringComparison.Ordinal) ? asOf.AddDays(1 - 7 * n)
                : unit.StartsWith("month", StringComparison.Ordinal) ? asOf.AddMonths(-n).AddDays(1)
                : unit.StartsWith("12", StringComparison.Ordinal) ? asOf.AddMonths(-12).AddDays(1)
                : asOf.AddYears(-n).AddDays(1);
            Add(m, $"{Day(from)} to {Day(asOf)}", from, asOf);
        }
        foreach (Match m in CalendarMonth().Matches(sentence))
        {
            var first = new DateOnly(asOf.Year, asOf.Month, 1);
            var current = m.Groups["which"].Value.Equals("this", StringComparison.OrdinalIgnoreCase);
            if (!current) first = first.AddMonths(-1);
            Add(m, $"{Day(first)} to {Day(current ? asOf : first.AddMonths(1).AddDays(-1))}", first, current ? asOf : first.AddMonths(1).AddDays(-1));
        }
        foreach (Match m in SinceMonthOrYear().Matches(sentence))
        {
            if (found.Any(p => Overlaps(p, start + m.Index, start + m.Index + m.Length))) continue;
            var y = Year(m.Groups["y"].Value);
            var month = m.Groups["m"].Success ? Array.IndexOf(MonthNames, m.Groups["m"].Value.ToLowerInvariant()) + 1 : 1;
            var from = new DateOnly(y, month, 1);
            if (from <= asOf) Add(m, $"{Day(from)} to {Day(asOf)}", from, asOf);
        }
        foreach (Match m in YearWhichSaw().Matches(sentence))
        {
            var y = Year(m.Groups["y"].Value);
            found.Add(new PeriodMention(start + m.Groups["y"].Index, start + m.Groups["y"].Index + 4, y.ToString(CultureInfo.InvariantCulture),
                new DateOnly(y, 1, 1), new DateOnly(y, 12, 31)));
        }
        foreach (Match m in HalfOfYear().Matches(sentence))
        {
            var y = Year(m.Groups["y"].Value);
            var first = m.Groups["half"].Value.Equals("first", StringComparison.OrdinalIgnoreCase);
            Add(m, $"{(first ? "first" : "second")} half of {y}", new DateOnly(y, first ? 1 : 7, 1), new DateOnly(y, first ? 6 : 12, first ? 30 : 31));
        }
        foreach (Match m in FiscalYearEnded().Matches(sentence))
        {
            var y = asOf.Month >= 10 ? asOf.Year : asOf.Year - 1;
            Add(m, "FY" + y.ToString(CultureInfo.InvariantCulture), new DateOnly(y - 1, 10, 1), new DateOnly(y, 9, 30));
        }
        return found;
    }

    static bool SoFarBefore(string text, Sentence sentence, PeriodMention period)
    {
        var before = text[sentence.Start..period.Start];
        return SoFar().Matches(before).LastOrDefault() is { } m && m.Index + m.Length >= before.Length - 12;
    }

    static int Year(string digits) => int.Parse(digits, CultureInfo.InvariantCulture);

    static DateOnly? Day(string month, string day, int year)
    {
        var name = month.TrimEnd('.').ToLowerInvariant();
        var index = Array.FindIndex(MonthNames, n => n.StartsWith(name[..Math.Min(3, name.Length)], StringComparison.Ordinal));
        var d = int.Parse(day, CultureInfo.InvariantCulture);
        return index >= 0 && d >= 1 && d <= DateTime.DaysInMonth(year, index + 1) ? new DateOnly(year, index + 1, d) : null;
    }

    static readonly string[] MonthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    static int? Number(string words)
    {
        var key = Regex.Replace(words.Trim(), @"\s+", " ");
        if (SmallNumbers.TryGetValue(key, out var n)) return n;
        return int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var digits) ? digits : null;
    }

    static bool Overlaps(PeriodMention p, int start, int end) => p.Start < end && start < p.End;

    static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The periods of a sentence: those the drafts pipeline reads (fiscal years, quarters, years, months), then the
    /// relative ones above. A "first 100 days" the pipeline could not date (the text names no inauguration year) is
    /// dated from the last inauguration before asOf.
    /// </summary>
    public static List<PeriodMention> All(string text, Sentence sentence, int? year, DateOnly asOf)
    {
        // Of two readings of the same words, the one that reads more of them: "the first half of 2025" over "2025".
        var named = Periods.Find(text, sentence.Start, sentence.End, year).Where(p => p.From is not null)
            .Select(p => SoFarBefore(text, sentence, p) && p.To > asOf && p.From <= asOf ? p with { Label = p.Label + " to " + Day(asOf), To = asOf } : p)
            .ToList();
        var relative = Find(text, sentence.Start, sentence.End, asOf);
        return named.Where(p => !relative.Any(r => Overlaps(r, p.Start, p.End) && r.End - r.Start > p.End - p.Start))
            .Concat(relative.Where(r => !named.Any(p => Overlaps(p, r.Start, r.End) && p.End - p.Start >= r.End - r.Start)))
            .OrderBy(p => p.Start).ToList();
    }
}
