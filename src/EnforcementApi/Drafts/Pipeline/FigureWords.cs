using System.Text.RegularExpressions;
using EnforcementApi.Figures;

namespace EnforcementApi.Drafts.Pipeline;

/// <summary>A metric of the API's vocabulary, as a draft matches words against it.</summary>
internal sealed record KnownMetric(string Id, string Label);

/// <summary>What the words beside a number say it counts: the metric, the source's own word for it, and the kind.</summary>
internal sealed record CountedAs(string Metric, string StatedAs, FigureKind Kind, bool Confident)
{
    /// <summary>Whether the sentence names what is counted at all; when not, the metric is only the fallback guess (a claim's check needs to know).</summary>
    public bool Named { get; init; } = true;
}

/// <summary>
/// Step 6: which numbers are figures, and of what. A count is a figure when the words after it name
/// people or enforcement actions ("158,000 illegal aliens", "65,600 deported", "3,000 deportations"), or
/// when it closes a clause about them ("arrests totaled 66,463"); not when they name places, staff,
/// money or time. The metric comes from the words nearest the number, the API's own labels first
/// ("administrative arrests") and then the words the news uses ("deported" is a removal).
/// </summary>
internal static partial class FigureWords
{
    // Words the news uses for each metric of the bundled vocabulary; a metric the API gains is matched by its label.
    static readonly (string Metric, string Pattern)[] Synonyms =
    [
        ("administrative_arrests", @"administrative(?:ly)?\s+arrest\w*"),
        ("at_large_arrests", @"at[-\s]large\s+arrest\w*"),
        ("detainers_issued", @"detainers?|immigration\s+holds?"),
        ("average_daily_population", @"average\s+daily\s+(?:detained\s+)?population|\bADP\b"),
        ("atd_enrollment", @"alternatives?\s+to\s+detention|\bATD\b|enroll\w*"),
        ("book_ins", @"book[-\s]?ins?\b|booked\s+in(?:to)?|booking\s+in"),
        ("expulsions", @"expel\w*|expulsions?|title\s+42"),
        ("returns", @"voluntary\s+(?:returns?|departures?)|\breturn(?:s|ed)\b"),
        ("encounters", @"encounter\w*|apprehen\w*|border\s+crossings?|crossers"),
        ("removals", @"deport\w*|remov(?:al|als|ed|ing)\b|\bremove\b|sent\s+(?:home|back)|flown\s+out|out\s+of\s+the\s+country|self-deport\w*"),
        ("arrests", @"arrest\w*|apprehended|taken\s+into\s+custody|picked\s+up|rounded\s+up|captured|nabbed|detained\s+by"),
        ("detained_population", @"in\s+(?:ice\s+)?(?:detention|custody)|detain\w*|detention|held\s+in"),
    ];

    static readonly HashSet<string> Specific =
        ["administrative_arrests", "at_large_arrests", "detainers_issued", "average_daily_population", "atd_enrollment", "book_ins", "expulsions"];

    // The head of the words after a count that make it a count of people or of enforcement actions.
    // The words before the noun may be abbreviations ("933 U.S. citizens") or open a quotation ("about 680 “removable aliens”").
    [GeneratedRegex(@"^[\s,]*(?:(?:of\s+(?:the|whom|which|them)\s+)?(?:[“""‘']?[\w.,'’-]+[”""’']?\s+){0,4}?)[“""‘']?(?:self-)?(?<noun>people|persons?|individuals?|immigrants?|migrants?|aliens?|noncitizens?|non-citizens?|illegals?|criminals?|offenders?|members?|famil(?:y|ies)|children|minors|adults|men|women|victims|detainees?|deportees?|inmates?|fugitives?|suspects?|terrorists?|violators?|traffickers?|smugglers?|felons?|predators?|rapists?|murderers?|workers|convicts|nationals|citizens|foreigners|refugees|asylum[-\s]seekers|applicants|crossers|persons|arrests?|removals?|deportations?|detentions?|detainers?|book[-\s]?ins?|encounters?|apprehensions?|returns?|expulsions?|releases?|charges?|convictions?|cases|assaults?|offenses?|offences?|dwis?|duis?|murders?|homicides?|kidnappings?|robberies|burglaries|sex\s+offenses|weapon|drug|requests?|holds|times(?!\s+(?:more|as|higher|greater|larger|bigger|the|that|than|over|faster|lower|fewer|less))|were|was|had|have|has|been|are|deported|removed|arrested|detained|convicted|charged|accused|wanted|sentenced|indicted|prosecuted|identified|caught|located|processed|referred|expelled|returned|released|booked|apprehended|encountered|enrolled|held|sent|flown|taken|total\w*|individual|illegal|criminal|figure|number|mark|milestone)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CountedNounAfter();

    // Words after a count that make it a count of something else.
    [GeneratedRegex(@"^[\s,]*(?:[\w'’-]+\s+){0,2}?(?:countries|nations|states|cities|counties|jurisdictions|localities|facilities|agencies|departments|offices|field\s+offices|officers|agents|employees|staff|personnel|officials|agreements|programs|beds|flights|dollars|points|pages|languages|miles|feet|pounds|kilos|vehicles|buildings|sites|companies|employers|businesses|bills|laws|executive\s+orders)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OtherNounAfter();

    [GeneratedRegex(@"^\s*(?:[.,;:)”""]|$|\s*[–—-]|\b(?:at|in|with|from|on|for|during|were|was|had|have|are|more|fewer|and|or|respectively)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ElidedNoun();

    // "one in four", "3 out of 10"; "in 2020" is a year, not a ratio.
    [GeneratedRegex(@"^\s*(?:in|out\s+of)\s+(?:\d{1,3}(?![\d,])|one|two|three|four|five|six|seven|eight|nine|ten)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RatioAfter();

    [GeneratedRegex(@"^\s*\([^()]{0,40}\)")]
    private static partial Regex Parenthesis();

    [GeneratedRegex(@"^\s*of\s+(?:which|whom|those|them|these)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PartOfPrevious();

    // A number someone asks for is a target, not a count: "demanding that the agency detain 3,000 people per day", "was
    // required to make 75 arrests daily", "told … agents to increase daily arrests to 3,000".
    [GeneratedRegex(@"\b(?:goal|goals|target|targets|targeting|quota|quotas|aim|aims|aiming|seeks?|wants?|plans?|pushing|push\s+for|order(?:ed|s)?\s+to|demand\w*|requir(?:e|ed|es|ing)\s+to|direct(?:ed|s|ing)\s+(?:[\w’']+\s+){1,4}to|instruct\w*|mandat\w*|call(?:ed|s|ing)?\s+for|vow\w*|pledg\w*|told\s+(?:[\w’'.()]+\s+){1,8}to\s+(?:increase|arrest|make|detain|deport|meet|reach|hit|ramp))\b", RegexOptions.IgnoreCase)]
    private static partial Regex TargetWords();

    [GeneratedRegex(@"\b(?:demand\w*|told\s+(?:[\w’'.()]+\s+){1,8}to\s+(?:increase|arrest|make|detain|deport|meet|reach|hit|ramp)|require[ds]?\s+to|instruct\w*)\b[^.;]*$", RegexOptions.IgnoreCase)]
    private static partial Regex AskedFor();

    [GeneratedRegex(@"\b(?:projected|projection|expected|expects|on\s+pace|on\s+track|could|would|potential|forecast\w*|estimates?\s+(?:that|it))\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProjectionWords();

    /// <summary>Whether a count is a figure, from the words after it and the sentence it stands in.</summary>
    public static bool IsFigure(string text, Sentence sentence, NumberMention number, bool writtenInWords, bool? previousCount = null, bool listed = false)
    {
        if (number.Kind != NumberKind.Count) return false;
        var after = Parenthesis().Replace(text[number.End..sentence.End], "", 1);
        // "444 of which", "96,354 of those": a part of the count just before it, a figure when that one is.
        if (previousCount is { } previous && PartOfPrevious().IsMatch(after)) return previous;
        // A share per person is not a count: "an average of 4.3 charges ... per individual". An average rate is: "an average of 742 a day".
        if (Regex.IsMatch(text[sentence.Start..number.QualifierStart], @"\baverage\s+of\s*$", RegexOptions.IgnoreCase)
            && number.Unit == FigureUnit.People) return false;
        // Ages are not counts: "most ages 25 to 45".
        if (Regex.IsMatch(text[sentence.Start..number.QualifierStart], @"\b(?:ages?|aged)\s+(?:of\s+)?(?:between\s+)?(?:\d+\s*(?:to|and|-|–)\s*)?$", RegexOptions.IgnoreCase)) return false;
        if (RatioAfter().IsMatch(after)) return false;
        // A company's or an agency's staff: "has now grown to employ over 500 workers".
        if (Regex.IsMatch(text[sentence.Start..number.QualifierStart], @"\b(?:employ\w*|staff\w*\s+(?:of|with)|hire\w*|hiring)\s*$", RegexOptions.IgnoreCase)) return false;
        var before = text[sentence.Start..number.QualifierStart];
        if (Regex.IsMatch(before, @"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+in\s*$", RegexOptions.IgnoreCase)) return false;
        if (OtherNounAfter().IsMatch(after) && !CountedNounAfter().IsMatch(after[..Math.Min(after.Length, 12)])) return false;
        if (CountedNounAfter().IsMatch(after)) return true;
        // A list of counts names its noun once: "761 … have been taken into custody: 338 at their homes … and 423 at county jails",
        // "received 73 requests, turned down 12", "412 were affiliated with one gang, 118 with another and 97 with a third".
        if ((previousCount == true || listed) && !Regex.IsMatch(text[number.Start..number.End], "^(?:one|a)$", RegexOptions.IgnoreCase)
            && ElidedNoun().IsMatch(after)) return true;
        if (writtenInWords) return false;
        // A count that ends its clause ("arrests totaled 66,463.") is a figure when the sentence is about enforcement.
        var closesClause = Regex.IsMatch(after, @"^\s*(?:[.,;:)”""]|$|\s*[–—-]|\b(?:in|during|over|since|by|from|for|through|between|as\s+of|compared|according|last|this|so\s+far|a\s+day|a\s+year|a\s+month|per|each|daily|annually|yearly|monthly|weekly|to|and|or)\b)", RegexOptions.IgnoreCase);
        return closesClause && Synonyms.Any(s => Compiled(s.Pattern).IsMatch(text[sentence.Start..sentence.End]));
    }

    /// <summary>What a figure counts: the metric whose words stand nearest the number, after it first.</summary>
    public static CountedAs Classify(string text, Sentence sentence, NumberMention number, IReadOnlyList<KnownMetric> metrics)
    {
        var after = text[number.End..sentence.End];
        var before = text[sentence.Start..number.QualifierStart];
        var candidates = Synonyms.Where(s => metrics.Any(m => m.Id == s.Metric))
            .Concat(metrics.Where(m => Synonyms.All(s => s.Metric != m.Id)).Select(m => (m.Id, Regex.Escape(m.Label.ToLowerInvariant()))));

        // The specific metrics ("average daily population", "book-ins", "detainers") win over the general words
        // ("detention", "arrests") when they stand close to the number on either side.
        (string Metric, string Word, int Distance)? best = null;
        // The word right after the number names what it counts: "1179 arrests and 853 detainers".
        foreach (var (metric, pattern) in candidates)
            if (Compiled(pattern).Match(after) is { Success: true } next && next.Index <= 2 + Regex.Match(after, @"^\W*(?:(?:daily|new|total|more|additional|illegal|criminal|noncitizen|immigration|initial|confirmed|reported)\s+)?", RegexOptions.IgnoreCase).Length
                && (best is null || next.Index < best.Value.Distance))
                best = (metric, next.Value, next.Index);
        if (best is not null) candidates = [];
        foreach (var (metric, pattern) in candidates.Where(c => Specific.Contains(c.Item1)))
        {
            var regex = Compiled(pattern);
            var window = text[Math.Max(sentence.Start, number.QualifierStart - 50)..Math.Min(sentence.End, number.End + 50)];
            if (regex.Match(window) is { Success: true } close && (best is null || Math.Abs(close.Index - 50) < best.Value.Distance))
                best = (metric, close.Value, Math.Abs(close.Index - 50));
        }
        if (best is not null) candidates = [];
        foreach (var (metric, pattern) in candidates)
        {
            var regex = Compiled(pattern);
            if (regex.Match(after) is { Success: true } a && (best is null || a.Index < best.Value.Distance))
                best = (metric, a.Value, a.Index);
            if (regex.Matches(before).LastOrDefault() is { } b && (best is null || before.Length - b.Index - b.Length + 20 < best.Value.Distance))
                best = (metric, b.Value, before.Length - b.Index - b.Length + 20);
        }
        // A goal or a forecast is said near its number: "the daily goal is 3,000", "on pace to reach 1 million".
        var near = text[Math.Max(sentence.Start, number.QualifierStart - 60)..Math.Min(sentence.End, number.End + 40)];
        // Who asks for a number may be named well before it: "told U.S. Immigration and Customs Enforcement (ICE) agents to increase daily arrests to 3,000".
        var asked = text[Math.Max(sentence.Start, number.QualifierStart - 140)..number.QualifierStart];
        var kind = TargetWords().IsMatch(near) || AskedFor().IsMatch(asked) ? FigureKind.Target
            : ProjectionWords().IsMatch(near) ? FigureKind.Projection
            : FigureKind.Actual;
        return best is { } found
            ? new CountedAs(found.Metric, found.Word, kind, found.Distance < 60)
            : new CountedAs(metrics.Any(m => m.Id == "arrests") ? "arrests" : metrics[0].Id, NounAfter(after) ?? "", kind, false) { Named = false };
    }

    // Each pattern is parsed once, not at every number (the metric labels of the API's vocabulary are few).
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Patterns = new();

    static Regex Compiled(string pattern) => Patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));

    static string? NounAfter(string after) =>
        CountedNounAfter().Match(after) is { Success: true } m ? m.Groups["noun"].Value : null;
}
