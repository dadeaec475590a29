using System.Text.RegularExpressions;
using EnforcementApi.Entities;
using EnforcementApi.Statements;

namespace EnforcementApi.Drafts.Pipeline;

/// <summary>Who said a quotation, as the text names them, the entity when one matches, the verb, and how sure the step is.</summary>
internal sealed record Speaker(string Name, EntityKind Kind, KnownEntity? Entity, string? Verb, double Confidence);

/// <summary>
/// Step 4: the speaker of each quotation. The words around the marks name them ("…,” Homan said",
/// "said ICE Acting Director Tae Johnson", "Lyons said, “…”", "according to ICE"): the speaker is the
/// person (else the organization) those words name, as the entity step found it. A pronoun ("she said")
/// is the speaker quoted just before, else the last person named; "the agency", "the report" the
/// organization the text names most; "the center" the one named before with that word. A quotation
/// that continues one just attributed, in its paragraph or the next, has its speaker.
/// </summary>
internal static partial class Attribution
{
    const string Verbs = Quotes.SaidVerbs + "|saying|adding|noting|telling|writing|explaining|arguing|warning|claiming|insisting|commented|comments|tweeted|tweets|confirmed|confirms|highlighted|reported|reports|reporting|reiterated|(?<=\\bto\\s)(?:report|say|claim|note|add|explain|warn|argue)";

    // A name as attributions write it: capitalized words, with the small words of an organization's name between them.
    const string Name = @"[A-Z][\w.’'&-]*(?:\s+(?:for|of|and|on|the|de|del|[A-Z][\w.’'&-]*))*";
    const string Who = @"(?<who>(?:the\s+)?" + Name + @"|he|she|they|it|the\s+[a-z]+(?:\s+[a-z]+)?)";

    [GeneratedRegex(@"^[\s,]*" + Who + @"(?:,[^,“”""]{1,80},)?\s+(?:\w+\s+)?(?<verb>" + Verbs + @")\b")]
    private static partial Regex SpeakerThenVerb();

    [GeneratedRegex(@"^[\s,]*(?<verb>" + Verbs + @")\s+(?<who>[^.,;“”""]{2,160})")]
    private static partial Regex VerbThenSpeaker();

    [GeneratedRegex(@"\b(?<verb>" + Verbs + @")\b")]
    private static partial Regex AnyVerb();

    [GeneratedRegex(@"\b[Aa]ccording\s+to\s+(?<who>(?:the\s+)?" + Name + ")")]
    private static partial Regex AccordingTo();

    static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase) { "he", "she", "they", "it" };

    public static List<Speaker?> Assign(string text, IReadOnlyList<QuoteMention> quotes, IReadOnlyList<EntityMention> mentions, Entities entities)
    {
        var speakers = new List<Speaker?>();
        var said = new List<(int At, Speaker Speaker)>();
        QuoteMention? previous = null;
        Speaker? previousSpeaker = null;
        foreach (var quote in quotes)
        {
            var found = Find(text, quote, mentions, entities, said);
            // A quotation with no attribution of its own that follows an attributed one closely continues it,
            // in the same paragraph or as the next one (the news repeats no attribution there).
            if (found is null && previous is not null && previousSpeaker is not null && quote.Type == QuoteType.Direct
                && Continues(text, previous, quote))
                found = previousSpeaker with { Confidence = 0.6 };
            // A quotation with no verb of saying at all is the words of whom the sentence before it is about.
            found ??= quote.Type == QuoteType.Direct ? SubjectBefore(text, quote, mentions, said) : null;
            speakers.Add(found);
            previous = quote;
            if (found is not null)
            {
                previousSpeaker = found;
                said.Add((quote.Start, found));
            }
        }
        QuoteBlocks(text, quotes, speakers);
        return speakers;
    }

    static bool Continues(string text, QuoteMention previous, QuoteMention quote)
    {
        // A quotation inside the one before (a paraphrase that takes in a quoted phrase) continues nothing.
        if (quote.Start <= previous.End || quote.Start - previous.End > 400) return false;
        var between = text[previous.End..quote.Start];
        var breaks = between.Count(c => c == '\n');
        if (breaks == 0) return true;
        // The next paragraph, when it opens with the quotation.
        var lineStart = text.LastIndexOf('\n', Math.Max(0, quote.Start - 1)) + 1;
        return text[lineStart..quote.Start].Trim() is "“" or "\"" && between.Split('\n').Skip(1).SkipLast(1).All(l => l.Trim().Length == 0);
    }

    static Speaker? Find(string text, QuoteMention quote, IReadOnlyList<EntityMention> mentions, Entities entities, List<(int At, Speaker Speaker)> said)
    {
        var paragraphEnd = text.IndexOf('\n', quote.End);
        if (paragraphEnd < 0) paragraphEnd = text.Length;

        if (quote.Type == QuoteType.Direct)
        {
            // Just after the closing mark (a quotation left open runs to its paragraph's end).
            var mark = text.IndexOfAny(['”', '"'], quote.End, Math.Max(0, paragraphEnd - quote.End));
            var close = mark < 0 ? paragraphEnd : mark + 1;
            if (PullQuoteSignature(text, close, paragraphEnd, mentions, entities, said, quote.Start) is { } signed) return signed;
            var windowEnd = Math.Min(paragraphEnd, close + 200);
            var cut = text.IndexOfAny(['“', '"'], close, windowEnd - close);
            // The attribution ends with its sentence: a name in the next sentence is not the speaker ("…,” said the agency. Jane Roe, …).
            var after = UpToSentenceEnd(text[close..(cut < 0 ? windowEnd : cut)]);
            var until = close + after.Length;
            if (PersonBeforeVerb(after, close, mentions) is { } titled) return titled;
            if (SpeakerThenVerb().Match(after) is { Success: true } a)
                return Named(a.Groups["who"], close, a.Groups["verb"].Value, quote.Start, text, mentions, entities, said, 0.9);
            if (VerbThenSpeaker().Match(after) is { Success: true } b)
            {
                // "said ICE Acting Director Tae Johnson": the person named first after the verb, else the organization.
                var from = close + b.Groups["verb"].Index + b.Groups["verb"].Length;
                var named = mentions.FirstOrDefault(m => m.Kind == EntityKind.Person && m.Start >= from && m.End <= until)
                            ?? mentions.FirstOrDefault(m => m.Start >= from && m.Start < from + 40 && m.End <= until);
                if (named is not null) return FromMention(named, mentions, b.Groups["verb"].Value, 0.9);
                return Named(b.Groups["who"], close, b.Groups["verb"].Value, quote.Start, text, mentions, entities, said, 0.85);
            }
        }

        // Before the quotation, in its sentence: the last verb of saying, and who stands before it.
        var open = quote.Type == QuoteType.Direct ? Math.Max(quote.ExcerptStart, quote.Start - 1) : quote.Start;
        var before = text[quote.ExcerptStart..open];
        if (AnyVerb().Matches(before).LastOrDefault() is { } verb)
        {
            var subject = before[..verb.Index];
            var inSubject = mentions.Where(m => m.Start >= quote.ExcerptStart && m.End <= quote.ExcerptStart + verb.Index).ToList();
            // The one named nearest the verb: "ICE released a report on Trump's … ICE said" is ICE; but a person whose
            // appositive names the organization is the speaker ("David Marin, field director for ICE in the Los Angeles area, said").
            var person = inSubject.LastOrDefault(m => m.Kind == EntityKind.Person && text[m.End..(quote.ExcerptStart + verb.Index)].TrimStart().StartsWith(','))
                         ?? inSubject.LastOrDefault();
            var pronoun = Regex.Match(subject, @"\b(?<who>he|she|they|it|the\s+(?:[a-z]+\s+){0,2}[a-z]+)\s+(?:(?:\w+ly|also|went|on|to|has|had|is|was|then|further|again)\s+){0,3}$", RegexOptions.IgnoreCase);
            // "The Washington Post is reporting": a name, not "the agency".
            if (pronoun.Success && Regex.IsMatch(pronoun.Groups["who"].Value, @"^[Tt]he\s+.*[A-Z]")) pronoun = Match.Empty;
            // A pronoun or "the agency" nearer the verb than any name is the speaker, when it stands for someone.
            if (pronoun.Success && (person is null || person.End < quote.ExcerptStart + pronoun.Index)
                && Named(pronoun.Groups["who"], quote.ExcerptStart, verb.Value, quote.Start, text, mentions, entities, said, 0.8) is { } meant)
                return meant;
            if (person is not null) return FromMention(person, mentions, verb.Value, 0.85);
            // "Biden administration officials said": the administration.
            if (Regex.Match(subject, @"\b(?<who>[A-Z][a-z]+\s+administration)(?:\s+officials?)?\s+$") is { Success: true } administration)
                return Named(administration.Groups["who"], quote.ExcerptStart, verb.Value, quote.Start, text, mentions, entities, said, 0.75);
            if (Regex.Match(subject, @"(?<who>" + Name + @")(?:,[^,]{1,80},)?\s+(?:(?:is|was|has|had|also|\w+ly)\s+)?(?:\w+\s+)?$") is { Success: true } named)
                return Named(named.Groups["who"], quote.ExcerptStart, verb.Value, quote.Start, text, mentions, entities, said, 0.75);
        }
        if (AccordingTo().Match(text[quote.ExcerptStart..quote.ExcerptEnd]) is { Success: true } d)
        {
            // "According to the Sheriff’s Office public relations officer, Deputy Jason Mower, “…”": the person the phrase names.
            var from = quote.ExcerptStart + d.Index;
            if (mentions.FirstOrDefault(m => m.Kind == EntityKind.Person && m.Start >= from && m.End <= Math.Max(from, quote.Start - 1)) is { } person)
                return FromMention(person, mentions, "according to", 0.7);
            return Named(d.Groups["who"], quote.ExcerptStart, "according to", quote.Start, text, mentions, entities, said, 0.7);
        }
        return null;
    }

    /// <summary>
    /// The speaker the words <paramref name="who"/> (at <paramref name="offset"/> in the text) name: the
    /// person found within them, else the organization, else a pronoun or a title for someone named before.
    /// </summary>
    static Speaker? Named(Group who, int offset, string verb, int quoteStart, string text, IReadOnlyList<EntityMention> mentions,
        Entities entities, List<(int At, Speaker Speaker)> said, double confidence)
    {
        var (start, end) = (offset + who.Index, offset + who.Index + who.Length);
        var words = who.Value.Trim();
        var inside = mentions.Where(m => m.Start >= start && m.End <= end).ToList();
        if ((inside.LastOrDefault(m => m.Kind == EntityKind.Person) ?? inside.FirstOrDefault()) is { } mention)
            return FromMention(mention, mentions, verb, confidence);

        if (Pronouns.Contains(words))
        {
            if (said.LastOrDefault(s => quoteStart - s.At < 800 && s.Speaker.Kind == (words is "it" ? EntityKind.Organization : EntityKind.Person)).Speaker is { } earlier)
                return earlier with { Verb = verb, Confidence = confidence - 0.15 };
            var last = mentions.LastOrDefault(m => m.Start < quoteStart && m.Kind == (words is "it" ? EntityKind.Organization : EntityKind.Person));
            // A lede that opens with a quotation ("…,” he said. Homan also talked about …) names its speaker after it.
            var paragraphEnd = text.IndexOf('\n', start) is var n and >= 0 ? n : text.Length;
            last ??= mentions.FirstOrDefault(m => m.Start >= end && m.Start < paragraphEnd && m.Kind == (words is "it" ? EntityKind.Organization : EntityKind.Person));
            return last is null ? null : FromMention(last, mentions, verb, confidence - 0.25);
        }
        if (words.StartsWith("the ", StringComparison.OrdinalIgnoreCase) && words.Length > 4 && !char.IsUpper(words[4]))
        {
            var noun = words[4..].ToLowerInvariant();
            if (noun == "white house") return Resolved("White House", EntityKind.Organization);
            // "the federal immigration agency" is "the agency": the last word names what it is.
            if (noun.Contains(' ') && noun.Split(' ')[^1] is "agency" or "department" or "report" or "statement" or "release" or "administration")
                noun = noun.Split(' ')[^1];
            // "the center" is the organization named before with that word; "the agency", "the report" the one the text is about.
            var named = said.LastOrDefault(s => s.Speaker.Name.Contains(noun, StringComparison.OrdinalIgnoreCase)).Speaker;
            if (named is not null) return named with { Verb = verb, Confidence = confidence - 0.15 };
            if (noun is "agency" or "department" or "report" or "statement" or "release" or "administration" or "data")
            {
                var main = mentions.Where(m => m.Kind == EntityKind.Organization && m.Entity is not null).GroupBy(m => m.Entity!.Id)
                    .OrderByDescending(g => g.Count()).FirstOrDefault()?.First();
                return main is null ? null : FromMention(main, mentions, verb, confidence - 0.25);
            }
            var titled = mentions.LastOrDefault(m => m.Start < quoteStart && m.Kind == EntityKind.Person
                                                     && (m.Title ?? "").Contains(noun, StringComparison.OrdinalIgnoreCase));
            return titled is null ? null : FromMention(titled, mentions, verb, confidence - 0.25);
        }
        if (words.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) words = words[4..];
        if (!char.IsUpper(words.FirstOrDefault())) return null;
        // "Sources say", "Officials said": people the text does not name are no speaker it can be attributed to.
        if (Regex.IsMatch(words, @"^(?:Sources|Officials|People|Critics|Experts|Analysts|Advocates|Residents|Witnesses|Others|Some|Many|Several|Two|Three)$")) return null;
        // A surname alone ("Vaughan said") stands for the full name written earlier.
        if (!words.Contains(' ') && mentions.FirstOrDefault(m => m.Kind == EntityKind.Person && m.Name.EndsWith(" " + words, StringComparison.Ordinal)) is { } full)
            return FromMention(full, mentions, verb, confidence);
        return Resolved(words, words.All(c => char.IsUpper(c) || c == '.') || OrganizationWords().IsMatch(words) || Entities.NewsOrganisation().IsMatch(words)
                               || words.EndsWith(" administration", StringComparison.Ordinal)
            ? EntityKind.Organization : EntityKind.Person);

        Speaker Resolved(string name, EntityKind kind) => entities.Resolve(name) is { } entity
            ? new Speaker(entity.Name, entity.Kind, entity, verb, confidence)
            : new Speaker(CleanName(name), kind, null, verb, confidence - 0.2);
    }

    static Speaker FromMention(EntityMention mention, IReadOnlyList<EntityMention> mentions, string verb, double confidence) =>
        new(mention.Entity?.Name ?? FullName(mention, mentions), mention.Kind, mention.Entity, verb, confidence);

    /// <summary>A surname alone ("Lyons said") stands for the full name written elsewhere ("Todd Lyons").</summary>
    static string FullName(EntityMention mention, IReadOnlyList<EntityMention> mentions) =>
        mention.Name.Contains(' ')
            ? mention.Name
            : mentions.FirstOrDefault(m => m.Kind == EntityKind.Person && m.Name.EndsWith(" " + mention.Name, StringComparison.Ordinal))?.Name ?? mention.Name;

    [GeneratedRegex(@"\b(?:Center|Institute|Department|Agency|Office|Council|Association|Committee|Foundation|Coalition|Union|Project|Clearinghouse|Service|Bureau|Administration|Commission|Court|University|Network|Alliance|Group)\b")]
    private static partial Regex OrganizationWords();

    [GeneratedRegex(@"^(?:(?:the|The|ICE|DHS|CBP|U\.S\.|acting|Acting|Deputy|Director|Secretary|Senior|Official|Chief|Border|Czar|czar|President|Press|Assistant|Commissioner|Spokesperson|Spokeswoman|Spokesman|spokesperson|spokeswoman|spokesman|White|House|Homeland|Security)\s+)+")]
    private static partial Regex LeadingTitles();

    static string CleanName(string name)
    {
        var cleaned = LeadingTitles().Replace(name, "").Trim();
        return cleaned.Length == 0 ? name : cleaned;
    }
}
