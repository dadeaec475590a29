using System.Text.RegularExpressions;
using EnforcementApi.Entities;
using EnforcementApi.Statements;

namespace EnforcementApi.Drafts.Pipeline;

/// <summary>
/// Step 4, the attribution shapes beyond "X said" and "said X": a person named with a title or a long
/// appositive before the verb ("…,” agency spokesperson Jane Roe said"), a pull quote signed on its own
/// line ("— Attorney General Jeff Sessions"), and a quotation with no verb of saying, which is the words
/// of whom the sentence before it is about.
/// </summary>
internal static partial class Attribution
{
    // What may stand before a name in an attribution: titles, organizations and their small words, in either case.
    [GeneratedRegex(@"^[\s,]*(?:(?:[A-Z][\w.’'&-]*|the|a|an|of|for|in|on|at|and|acting|director|deputy|assistant|associate|executive|chief|senior|official|officer|agent|special|charge|field|office|press|public|affairs|secretary|spokesperson|spokeswoman|spokesman|agency|department|border|czar|former|then|county|sheriff|attorney|general|commissioner|undersecretary|coordinator|adviser|advisor|immigration|enforcement|removal|operations)\s+){0,8}$")]
    private static partial Regex TitlesOnly();

    // A signature under a pull quote: a dash and the name, on the line of the closing mark or the next one.
    [GeneratedRegex(@"^\s*[—–―]+\s*(?<who>[^,\n(]{2,120})")]
    private static partial Regex Signature();

    /// <summary>The words after a closing mark up to the end of their sentence, which is where an attribution stops.</summary>
    static string UpToSentenceEnd(string after)
    {
        for (var j = 0; j < after.Length; j++)
            if (after[j] is '.' or '!' or '?' && (j + 1 == after.Length || char.IsWhiteSpace(after[j + 1])) && !Sentences.EndsAbbreviation(after, j))
                return after[..(j + 1)];
        return after;
    }

    /// <summary>
    /// "…,” agency spokesperson Jane Roe said", "…,” Jane Roe, the special agent in charge of the agency's office in
    /// Springfield, told reporters": the first person named between the mark and the verb, when only titles stand before the name.
    /// </summary>
    static Speaker? PersonBeforeVerb(string after, int close, IReadOnlyList<EntityMention> mentions)
    {
        if (AnyVerb().Match(after) is not { Success: true } verb || verb.Index > 220) return null;
        var person = mentions.FirstOrDefault(m => m.Kind == EntityKind.Person && m.Start >= close && m.End <= close + verb.Index);
        if (person is null || !TitlesOnly().IsMatch(after[..(person.Start - close)])) return null;
        // Between the name and the verb: nothing, a word ("also"), or an appositive set off by commas.
        var between = after[(person.End - close)..verb.Index].Trim();
        if (between.Length > 0 && !between.StartsWith(',') && between.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 1) return null;
        return FromMention(person, mentions, verb.Value, 0.9);
    }

    /// <summary>A pull quote signed "— Name" after its closing mark or on the next line that is not blank.</summary>
    static Speaker? PullQuoteSignature(string text, int close, int paragraphEnd, IReadOnlyList<EntityMention> mentions, Entities entities,
        List<(int At, Speaker Speaker)> said, int quoteStart)
    {
        var (start, end) = (close, paragraphEnd);
        if (text.AsSpan(close, paragraphEnd - close).Trim().Length == 0)
        {
            start = paragraphEnd;
            while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
            end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
        }
        if (start >= end || Signature().Match(text[start..end]) is not { Success: true } signed) return null;
        return Named(signed.Groups["who"], start, "—", quoteStart, text, mentions, entities, said, 0.85);
    }

    /// <summary>
    /// “If I have access to the county jails. …” after "Homan asked the New York Congresswoman’s help …": a quotation with
    /// no verb of saying that opens its sentence is said by the person the sentence before it starts with.
    /// </summary>
    static Speaker? SubjectBefore(string text, QuoteMention quote, IReadOnlyList<EntityMention> mentions, List<(int At, Speaker Speaker)> said)
    {
        var open = quote.Start - 1;
        var lineStart = text.LastIndexOf('\n', Math.Max(0, open - 1)) + 1;
        var before = text[lineStart..Math.Max(lineStart, open)].TrimEnd();
        int sentenceStart, sentenceEnd;
        if (before.Length == 0)
        {
            // The quotation opens its paragraph: the last sentence of the paragraph before.
            var previousEnd = lineStart - 1;
            while (previousEnd > 0 && char.IsWhiteSpace(text[previousEnd - 1])) previousEnd--;
            if (previousEnd <= 0) return null;
            var previousStart = text.LastIndexOf('\n', previousEnd - 1) + 1;
            (sentenceStart, sentenceEnd) = (LastSentenceStart(text, previousStart, previousEnd), previousEnd);
        }
        else if (before[^1] is '.' or '!' or '?')
            (sentenceStart, sentenceEnd) = (LastSentenceStart(text, lineStart, lineStart + before.Length - 1), lineStart + before.Length);
        else return null;

        var sentence = text[sentenceStart..sentenceEnd];
        if (sentence.IndexOfAny(['“', '”', '"']) >= 0) return null;
        if (Regex.Match(sentence, @"^(?<who>He|She)\b") is { Success: true }
            && said.LastOrDefault(s => quote.Start - s.At < 800 && s.Speaker.Kind == EntityKind.Person).Speaker is { } earlier)
            return earlier with { Verb = null, Confidence = 0.45 };
        var subject = mentions.FirstOrDefault(m => m.Start >= sentenceStart && m.End <= sentenceEnd);
        if (subject is null || subject.Start - sentenceStart > 80 || !TitlesOnly().IsMatch(text[sentenceStart..subject.Start])) return null;
        return FromMention(subject, mentions, "", 0.5) with { Verb = null };
    }

    /// <summary>
    /// A block of quotation paragraphs is attributed once, in one of its paragraphs: a paragraph that is a quotation and
    /// nothing else, with no speaker of its own, is said by the speaker of the quotation that opens the next paragraph.
    /// </summary>
    static void QuoteBlocks(string text, IReadOnlyList<QuoteMention> quotes, List<Speaker?> speakers)
    {
        for (var i = quotes.Count - 2; i >= 0; i--)
        {
            var (quote, next) = (quotes[i], quotes[i + 1]);
            if (speakers[i] is not null || speakers[i + 1] is not { } speaker || quote.Type != QuoteType.Direct || next.Type != QuoteType.Direct) continue;
            var lineStart = text.LastIndexOf('\n', Math.Max(0, quote.Start - 1)) + 1;
            var lineEnd = text.IndexOf('\n', quote.End) is var e and >= 0 ? e : text.Length;
            if (text[lineStart..quote.Start].Trim() is not ("“" or "\"") || text[quote.End..lineEnd].Trim() is not ("”" or "\"" or ".”" or ".\"")) continue;
            var between = text[lineEnd..next.Start];
            if (between.Trim() is not ("“" or "\"")) continue;
            speakers[i] = speaker with { Confidence = 0.5 };
        }
    }

    static int LastSentenceStart(string text, int from, int before)
    {
        for (var j = before - 1; j > from; j--)
            if (text[j] is '.' or '!' or '?' && char.IsWhiteSpace(text[j + 1]) && !Sentences.EndsAbbreviation(text, j))
            {
                var k = j + 1;
                while (k < before && char.IsWhiteSpace(text[k])) k++;
                return k;
            }
        return from;
    }
}
