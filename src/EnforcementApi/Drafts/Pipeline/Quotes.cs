using System.Text.RegularExpressions;
using EnforcementApi.Statements;

namespace EnforcementApi.Drafts.Pipeline;

/// <summary>
/// Words a text attributes to someone: the words (UTF-16 offsets of the words themselves, without the
/// marks), direct or reported, and the span the citation quotes (the whole quotation with its
/// attribution, as far as the paragraph allows).
/// </summary>
internal sealed record QuoteMention(int Start, int End, string Text, QuoteType Type, int ExcerptStart, int ExcerptEnd);

/// <summary>
/// Step 3: quotations. Words in curly (“ ”) or straight (" ") marks within a paragraph, a quotation left
/// open at a paragraph's end running to it, as the news writes a quote that goes on; scare quotes
/// (one word, or a short phrase with no verb of saying in its sentence: “border czar”) are left out.
/// Reported speech is a paraphrase where the text marks it: "Lyons said that ICE will ...".
/// </summary>
internal static partial class Quotes
{
    /// <summary>Verbs of saying, in the forms attributions use.</summary>
    public const string SaidVerbs =
        "said|says|say|told|tells|stated|states|added|adds|noted|notes|wrote|writes|posted|posts|explained|explains|argued|argues|" +
        "warned|warns|claimed|claims|announced|announces|declared|declares|testified|testifies|insisted|insists|emphasized|emphasizes|" +
        "stressed|stresses|asserted|asserts|remarked|continued|described|describes|called|calls|boasted|boasts|touted|touts|vowed|vows|" +
        "promised|promises|acknowledged|acknowledges|admitted|admits|responded|replied|recalled|observed|contended|maintained|pledged|commented";

    [GeneratedRegex(@"\b(?:" + SaidVerbs + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex SaidVerb();

    // The words right after a closing mark that say who said it: "Homan said", "said Homan", "he told reporters".
    [GeneratedRegex(@"^\s*,?\s*(?:(?:[A-Z][\w.'’-]*|he|she|they|it|the\s+\w+)\s+){0,5}(?:" + SaidVerbs + @")\b(?:\s+[^\s.,;“”""]+){0,7}?\s*[.,;]")]
    private static partial Regex AttributionAfter();

    // Reported speech: "X said that ...", "X told reporters that ...", "X said the ...": the verb and where the clause starts.
    // The verb may come as "is reporting", "went on to report", and stand apart from its "that" by a phrase ("claimed in the
    // press release that …"); the forms without -ed or -s are taken only before "that".
    [GeneratedRegex(@"(?<subject>\b[\w.’'&)-]+),?\s+(?:(?:\w+ly|also|has|had|have|further|then|again|once|is|are|was|were|went\s+on\s+to)\s+){0,3}(?<verb>(?<object>told(?:\s+[\w’'.]+){0,4}?(?=\s+that\b)|confirmed\s+to(?:\s+[\w’'.]+){1,4}?(?=\s+that\b))|(?<bare>said|says|stated)|states|added|adds|argued|argues|claimed|claims|warned|warns|insisted|insists|emphasized|emphasizes|noted|notes|explained|explains|announced|announces|stressed|stresses|acknowledged|acknowledges|asserted|asserts|maintained|contended|highlighted|highlights|reported|reports|confirmed|confirms|revealed|indicated|estimated|reiterated|reiterates|replied|responded|wrote|writes|testified|testifies|conceded|admitted|admits|predicted|suggested|reporting|saying|claiming|(?<=\bto\s)(?:report|say|claim|note|explain|warn|argue|insist|stress|acknowledge|add)(?=\s+that\b)|(?<!\b(?:would|could|should|might|will|can|must|I|we|you|We|You)\s)(?:say|report|claim|note|warn|argue|insist)(?=\s+that\b))(?:\s+(?:in|on|at|during|with|before|after)\s+[^,.;:“”""]{1,40}?(?=\s+that\b))?\s+(?<that>that\s+)?")]
    private static partial Regex ReportingVerb();

    [GeneratedRegex(@"^(?:of|and|or|in|on|at|to|for|with|by|from|the|a|an|that|which|whose|its|their|his|her|our|other|many|some|all|both|these|those)$", RegexOptions.IgnoreCase)]
    private static partial Regex NotASubject();

    [GeneratedRegex(@"^(?:in|on|at|to|during|after|before|of|for|with|by|from|when|while|this|last|next|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|yesterday|today|earlier|later|recently|previously)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotAClause();

    // Where a reported clause stops short of its sentence's end: before what comments on it, before a direct
    // quotation, or before a new main clause ("…100 days, Trump insiders have been pushing").
    [GeneratedRegex(@",\s+(?:meaning|although|though|but|which|according|adding|noting|saying|citing|as\s+well)\b|\s+[–—]\s+which\b|,\s*[“""]|:\s*[“""]|,\s+(?=[A-Z][a-z]+\s+[a-z]+\s+(?:have|has|had|are|is|were|was|will|would|can|could)\b)|\s+as\s+(?=(?:the\s+)?\w+\s+(?:reported|said|noted|stated)\b)|[.!?][”""]?$")]
    private static partial Regex ClauseEnd();

    [GeneratedRegex(@"^(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:last|this|earlier\s+this)\s+(?:week|month|year)|in\s+an?\s+(?:statement|interview|email|e-mail|post|press\s+release|news\s+release|letter|speech|news\s+conference|call\s+with\s+reporters))\b,?\s+(?:that\s+)?(?=[A-Za-z“""])")]
    private static partial Regex SaidWhenOrWhere();

    [GeneratedRegex(@"\b(?:so-called|so[-\s]called|dubbed|known\s+as|termed|labell?ed|branded|nicknamed)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex LabelBefore();

    // "…, said Virginia Kice, spokeswoman for …": the verb comes after the words it attributes, so what follows it is
    // the speaker, not reported speech. A clause has a verb; an inverted attribution's words have none.
    [GeneratedRegex(@"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|did|does|do|been|being)\b|\w+(?:ed|es)\b\s+(?:the|a|an|to|that|its|their|his|her|more|about)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FiniteVerb();

    public static List<QuoteMention> Find(string text, IReadOnlyList<Sentence> sentences)
    {
        var quotes = new List<QuoteMention>();
        foreach (var (start, end) in Paragraphs(text))
        {
            FindMarked(text, start, end, quotes);
            SinglyMarkedParagraph(text, start, end, quotes);
        }

        // Words of saying inside a quotation are the speaker's own ("We never said we were going to …"), not reported speech.
        var marked = quotes.Where(q => q.Type == QuoteType.Direct).Select(q => (q.Start, q.End)).ToList();
        foreach (var sentence in sentences)
        {
            var s = sentence.Of(text);
            // The verbs that report speech here: with "that", or a verb of saying with the clause right after it.
            var verbs = ReportingVerb().Matches(s)
                .Where(m => m.Groups["that"].Success || m.Groups["bare"].Success)
                // "of states and cities": a word that cannot be a speaker before a noun that looks like a verb.
                .Where(m => !NotASubject().IsMatch(m.Groups["subject"].Value))
                .Where(m => !(m.Groups["subject"].Value is "It" or "it" && !m.Groups["that"].Success)).ToList();
            for (var v = 0; v < verbs.Count; v++)
            {
                var m = verbs[v];
                var at = sentence.Start + m.Groups["verb"].Index;
                if (marked.Any(q => q.Start <= at && at < q.End)) continue;
                var clauseStart = m.Index + m.Length;
                var rest = s[clauseStart..];
                if (rest.Length == 0 || rest[0] is ',' or ':') continue;
                // A quotation right after the verb is direct speech (step 3 has it), unless it is one or two words that the clause goes on from.
                if (rest[0] is '“' or '"' && !Regex.IsMatch(rest, @"^[“""][^“”""\s]+(?:\s[^“”""\s]+)?[”""]\s+[a-z]")) continue;
                var bare = m.Groups["bare"].Success;
                // "it has not been reported that …", "was estimated that …": a passive reports no one's speech.
                if (Regex.IsMatch(s[..m.Groups["verb"].Index], @"\b(?:been|be|being|is|was|were|are)\s+$", RegexOptions.IgnoreCase)
                    && Regex.IsMatch(m.Groups["verb"].Value, @"(?:ed|said|told|wrote)$")) continue;
                // "said on Monday US immigration agents are …", "said in a statement the agency …": the clause starts after the time or place.
                if (bare && !m.Groups["that"].Success && SaidWhenOrWhere().Match(rest) is { Success: true, Length: > 0 } when)
                {
                    clauseStart += when.Length;
                    rest = s[clauseStart..];
                    if (rest.Length == 0) continue;
                }
                if (!m.Groups["that"].Success && (!bare || NotAClause().IsMatch(rest) || !char.IsLetterOrDigit(rest.TrimStart('“', '"')[0]))) continue;
                var subjectEnd = m.Groups["subject"].Index + m.Groups["subject"].Length;
                if (!m.Groups["that"].Success && subjectEnd < s.Length && s[subjectEnd] == ',' && !FiniteVerb().IsMatch(rest)) continue;
                // The clause runs to its end, or to where the next reported speech begins ("…, Homan said the data …").
                var end = ClauseEnd().Match(rest) is { Success: true } stop ? stop.Index : rest.Length;
                if (v + 1 < verbs.Count && verbs[v + 1].Index > clauseStart)
                {
                    var next = verbs[v + 1].Index - clauseStart;
                    var comma = rest.LastIndexOf(',', Math.Max(0, next - 1));
                    end = Math.Min(end, comma > 0 ? comma : next);
                }
                var clause = rest[..end].TrimEnd();
                if (clause.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 4) continue;
                var start = sentence.Start + clauseStart;
                quotes.Add(new QuoteMention(start, start + clause.Length, clause, QuoteType.Paraphrase, sentence.Start, sentence.End));
            }
        }
        return quotes.OrderBy(q => q.Start).ToList();
    }

    /// <summary>A pull quote in single marks, a paragraph of its own: ‘While ICE actions … even more significant.’</summary>
    static void SinglyMarkedParagraph(string text, int start, int end, List<QuoteMention> into)
    {
        var (from, to) = (start, end);
        while (from < to && char.IsWhiteSpace(text[from])) from++;
        while (to > from && char.IsWhiteSpace(text[to - 1])) to--;
        if (to - from < 10 || text[from] is not ('‘' or '\'') || text[to - 1] is not ('’' or '\'')) return;
        var (wordsStart, wordsEnd) = Trim(text, from + 1, to - 1);
        var words = text[wordsStart..wordsEnd];
        if (words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 4 || words.IndexOfAny(['‘', '“', '"']) >= 0) return;
        into.Add(new QuoteMention(wordsStart, wordsEnd, words, QuoteType.Direct, from, to));
    }

    static IEnumerable<(int Start, int End)> Paragraphs(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            if (end > start) yield return (start, end);
            start = end + 1;
        }
    }

    static void FindMarked(string text, int start, int end, List<QuoteMention> into)
    {
        var i = start;
        while (i < end)
        {
            var c = text[i];
            var straight = c == '"';
            if (c != '“' && !straight) { i++; continue; }
            // Texts mix their marks ("… ” or “… "): the quotation closes at the first closing mark of either kind.
            var close = text.IndexOfAny(['”', '"'], i + 1, end - i - 1);
            var innerEnd = close < 0 ? end : close;
            var (wordsStart, wordsEnd) = Trim(text, i + 1, innerEnd);
            var words = text[wordsStart..wordsEnd];
            var next = close < 0 ? end : close + 1;
            // A quotation cut off where the stored text ends is not given half.
            var cutOff = close < 0 && end >= text.TrimEnd().Length && !Regex.IsMatch(words, @"[.!?]$");
            if (wordsEnd > wordsStart && !cutOff && IsQuotation(text, start, end, i, next, words))
            {
                var excerptStart = SentenceStartBefore(text, start, i);
                // A quotation that ends its own sentence ("... first.") takes the next words only when they attribute it ("Homan said.").
                var closesSentence = words.Length > 0 && words[^1] is '.' or '!' or '?';
                var excerptEnd = closesSentence && !AttributionAfter().IsMatch(text[next..end]) ? next : AttributionEndAfter(text, next, end);
                into.Add(new QuoteMention(wordsStart, wordsEnd, text[wordsStart..wordsEnd], QuoteType.Direct, excerptStart, excerptEnd));
            }
            i = next;
        }
    }

    /// <summary>The quoted words without the spaces around them and without a comma that belongs to the attribution.</summary>
    static (int, int) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] == ',')) end--;
        return (start, end);
    }

    static bool IsQuotation(string text, int paragraphStart, int paragraphEnd, int open, int afterClose, string words)
    {
        var parts = words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var count = parts.Length;
        if (count <= 1) return false;
        // Scare quotes and labels: "so-called “sanctuary cities”", "what it dubbed “Operation At Large”".
        if (count <= 6 && LabelBefore().IsMatch(text[Math.Max(paragraphStart, open - 40)..open])) return false;
        // What a number counts, in the source's own words: "apprehended 220 “removable noncitizens”" is a label, not speech.
        if (count <= 4 && Regex.IsMatch(text[Math.Max(paragraphStart, open - 12)..open], @"\d\s*$")) return false;
        // A name or a label in marks: every word capitalized ("Other Immigration Violators").
        if (count <= 5 && parts.All(p => char.IsUpper(p[0]) || p is "of" or "and" or "the" or "for" or "to")) return false;
        if (count > 3) return true;
        // A short phrase is a quotation when its sentence says someone said it; otherwise it is a name or scare quotes.
        var sentenceStart = SentenceStartBefore(text, paragraphStart, open);
        var sentenceEnd = AttributionEndAfter(text, afterClose, paragraphEnd);
        var around = text[sentenceStart..open] + " " + text[Math.Min(afterClose, sentenceEnd)..sentenceEnd];
        return SaidVerb().IsMatch(around) || Regex.IsMatch(around, @"\b(?:as|of)\s*$", RegexOptions.IgnoreCase) && SaidVerb().IsMatch(text[sentenceStart..open]);
    }

    static int SentenceStartBefore(string text, int paragraphStart, int position)
    {
        for (var j = position - 1; j > paragraphStart; j--)
            if (text[j] is '.' or '!' or '?' && j + 1 < text.Length && char.IsWhiteSpace(text[j + 1]) && !IsInitialOrAbbreviation(text, j))
                return SkipSpace(text, j + 1);
        return paragraphStart;
    }

    static bool IsInitialOrAbbreviation(string text, int dot) => Sentences.EndsAbbreviation(text, dot);

    static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        return i;
    }

    /// <summary>Where the attribution after a quotation ends: the end of its sentence, or the next quotation's opening mark.</summary>
    static int AttributionEndAfter(string text, int afterClose, int paragraphEnd)
    {
        for (var j = afterClose; j < paragraphEnd; j++)
        {
            if (text[j] is '“' or '"') return TrimEndAt(text, afterClose, j);
            if (text[j] is '.' or '!' or '?' && (j + 1 >= paragraphEnd || char.IsWhiteSpace(text[j + 1])) && !IsInitialOrAbbreviation(text, j))
                return j + 1;
        }
        return TrimEndAt(text, afterClose, paragraphEnd);
    }

    static int TrimEndAt(string text, int floor, int end)
    {
        while (end > floor && char.IsWhiteSpace(text[end - 1])) end--;
        return end;
    }
}
