using System.Text.RegularExpressions;

namespace EnforcementApi.Drafts.Pipeline;

/// <summary>
/// Step 7: percentages. A percentage is a figure (unit <c>percent</c>, its value as written) when its sentence is
/// about people or enforcement actions: a share ("91 percent of those removed had criminal convictions") or the
/// change of a count ("a 28 percent decline from FY 2019"); not a discount, a vote or a budget. The count it is
/// a share of is the figure it points back to ("143,000 individuals, more than 86% of whom …", "90 percent of those
/// arrested", in its sentence or the one before) or names right after it ("85 percent of the 35 arrested").
/// </summary>
internal static partial class Shares
{
    // Whom a sentence counts: enforcement words, or people.
    [GeneratedRegex(@"\b(?:arrest\w*|deport\w*|remov\w*|detain\w*|detention|custody|apprehen\w*|encounter\w*|expel\w*|expulsions?|book[-\s]?ins?|detainers?|releas\w*|convict\w*|charge[sd]?|criminal\w*|people|persons|individuals|immigrants|migrants|aliens|noncitizens|non-citizens|deportees|detainees|arrestees|citizens|nationals|crossers|families|children|respondents|offenders|gang\s+members)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AboutPeople();

    // What a percentage of something else is: a discount, a price, a vote, money.
    [GeneratedRegex(@"^\s*(?:%|percent|per\s+cent)?\s*(?:off\b|discount|on\s+(?!average)\w+\s+products|of\s+(?:the\s+)?(?:vote|votes|budget|funding|GDP|market|revenue|income|taxes|their\s+income))|^\s*percentage\s+points?\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotAShareOfPeople();

    [GeneratedRegex(@"^\s*(?:%|percent|per\s+cent)\s*of\s+(?:whom|which|them|those|these)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OfThoseBefore();

    [GeneratedRegex(@"^\s*(?:%|percent|per\s+cent)\s*of\s+(?:the\s+|those\s+|these\s+)?(?=\d)", RegexOptions.IgnoreCase)]
    private static partial Regex OfTheCountAfter();

    // "Of those, he said, 75 per cent had felony convictions": the sentence opens with what the share is of.
    [GeneratedRegex(@"^\s*Of\s+(?:those|them|these|whom)\b[^.;]*$", RegexOptions.IgnoreCase)]
    private static partial Regex OfThoseOpening();

    public static bool IsFigure(string text, Sentence sentence, NumberMention number) =>
        number.Kind == NumberKind.Percent
        && !NotAShareOfPeople().IsMatch(text[number.End..sentence.End])
        && AboutPeople().IsMatch(text[sentence.Start..sentence.End]);

    /// <summary>
    /// The count a percentage is a share of, among the count figures proposed so far and those of its own sentence:
    /// the one it points back to, or the one it names right after it; null when the text does not say.
    /// </summary>
    public static NumberMention? BaseOf(string text, Sentence sentence, NumberMention percent, IReadOnlyList<NumberMention> countsBefore,
        IReadOnlyList<NumberMention> countsOfSentence, int previousSentenceStart)
    {
        var after = text[percent.End..sentence.End];
        if (OfTheCountAfter().Match(after) is { Success: true } named)
            return countsOfSentence.FirstOrDefault(c => c.Start == percent.End + named.Length);
        var before = text[sentence.Start..percent.QualifierStart];
        if (!OfThoseBefore().IsMatch(after) && !OfThoseOpening().IsMatch(before)) return null;
        // "of whom", "of those arrested": the count just before, in this sentence or the one before it.
        return countsBefore.LastOrDefault(c => c.End <= percent.QualifierStart && c.Start >= previousSentenceStart);
    }
}
