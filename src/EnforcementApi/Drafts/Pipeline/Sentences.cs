using System.Text.RegularExpressions;

namespace EnforcementApi.Drafts.Pipeline;

/// <summary>A sentence of a text: where it starts and ends (UTF-16 offsets, end exclusive) and its paragraph.</summary>
internal readonly record struct Sentence(int Start, int End, int Paragraph)
{
    public string Of(string text) => text[Start..End];
}

/// <summary>
/// Step 1: the text's sentences. A sentence ends at '.', '!' or '?' (and the closing quote marks after
/// it) before a space and a capital or an opening quote, unless the '.' ends an abbreviation ("U.S.",
/// "Dr.", "Jan.") or an initial ("Patrick J. Lechleitner"); a blank line or a line break ends one too,
/// as headlines and datelines stand on lines of their own.
/// </summary>
internal static partial class Sentences
{
    static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "st", "jr", "sr", "no", "vs", "etc", "inc", "corp",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "d.c", "a.m", "p.m", "e.g", "i.e",
    };

    [GeneratedRegex(@"[.!?]+[”’""')\]]*(?=\s+[“""‘(\[]?[A-Z0-9])")]
    private static partial Regex Ending();

    public static List<Sentence> Split(string text)
    {
        var sentences = new List<Sentence>();
        var paragraph = 1;
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = text.Length;
            SplitLine(text, lineStart, lineEnd, paragraph, sentences);
            // A blank line, or a line of its own, starts a new paragraph.
            if (text.AsSpan(lineStart, lineEnd - lineStart).Trim().Length > 0) paragraph++;
            lineStart = lineEnd + 1;
        }
        return sentences;
    }

    static void SplitLine(string text, int start, int end, int paragraph, List<Sentence> into)
    {
        var line = text[start..end];
        var from = 0;
        foreach (Match m in Ending().Matches(line))
        {
            if (m.Value[0] == '.' && EndsAbbreviation(line, m.Index) && !EndsSentenceAnyway(line, m.Index)) continue;
            Add(text, start + from, start + m.Index + m.Length, paragraph, into);
            from = m.Index + m.Length;
        }
        Add(text, start + from, end, paragraph, into);
    }

    /// <summary>Whether the '.' at <paramref name="dot"/> closes an abbreviation or an initial rather than a sentence.</summary>
    public static bool EndsAbbreviation(string line, int dot)
    {
        var wordStart = dot;
        while (wordStart > 0 && (char.IsLetter(line[wordStart - 1]) || line[wordStart - 1] == '.')) wordStart--;
        var word = line[wordStart..dot];
        if (word.Length == 1 && char.IsUpper(word[0])) return true; // an initial: "J."
        return Abbreviations.Contains(word.TrimEnd('.'));
    }

    // "… at ICE headquarters in Washington, D.C. Sources say …": a place's abbreviation can end a sentence, when a word
    // that opens sentences follows it (U.S. Immigration, D.C. Council go on).
    [GeneratedRegex(@"^\.\s+(?:The|A|An|He|She|It|They|We|I|In|On|At|But|And|This|That|These|Those|Sources|Officials|There|His|Her|Its|Their|According|After|Before|While|When|Since|As|If|Meanwhile|However|Still|Yet|Last|Earlier|Later|Some|Many|Most|Of)\b")]
    private static partial Regex SentenceOpener();

    static bool EndsSentenceAnyway(string line, int dot) =>
        dot >= 3 && line[(dot - 3)..dot] is "U.S" or "D.C" && SentenceOpener().IsMatch(line[dot..]);

    static void Add(string text, int start, int end, int paragraph, List<Sentence> into)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start) into.Add(new Sentence(start, end, paragraph));
    }
}
