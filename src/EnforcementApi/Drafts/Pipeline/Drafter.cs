using System.Globalization;
using System.Text.Json.Nodes;
using EnforcementApi.Entities;
using EnforcementApi.Figures;
using EnforcementApi.Json;
using EnforcementApi.Statements;
using EnforcementApi.Writes;

namespace EnforcementApi.Drafts.Pipeline;

/// <summary>A proposal of the pipeline: a record's write body, where its words stand, and how sure the pipeline is.</summary>
internal sealed record Proposal(DraftItemKind Kind, JsonObject Record, int ExcerptStart, int ExcerptEnd, int MentionStart, int MentionEnd,
    double Confidence, IReadOnlyList<string> Notes)
{
    /// <summary>A statement's speaker, or an entity's name, as the text names them.</summary>
    public string? Label { get; init; }

    /// <summary>For a percentage, the number in the draft (from 1) of the count figure it is a share of.</summary>
    public int? ShareOf { get; init; }
}

/// <summary>What the pipeline found in a text: the proposals and the entities the API already has that it names.</summary>
internal sealed record DraftResult(IReadOnlyList<Proposal> Proposals, IReadOnlyList<EntityMention> Matched, int Words);

/// <summary>
/// The first pass from a text to records, as a small pipeline of named steps: sentences, numbers,
/// quotations, attribution, entities and what each figure counts. Offsets are computed on the text as
/// UTF-16 and given out in code points, as citations count them.
/// </summary>
internal static class Drafter
{
    public static DraftResult Run(string text, string sourceId, DateOnly? publishedOn,
        IReadOnlyList<KnownEntity> knownEntities, IReadOnlyList<KnownMetric> metrics)
    {
        var points = new CodePoints(text);
        var sentences = Sentences.Split(text);
        var entities = new Entities(knownEntities);
        var mentions = entities.Find(text);
        var quotes = Quotes.Find(text, sentences);
        var speakers = Attribution.Assign(text, quotes, mentions, entities);
        var year = Periods.YearOf(text, publishedOn);
        var proposals = new List<Proposal>();

        JsonObject Citation(int start, int end) => new()
        {
            ["sourceId"] = sourceId,
            ["excerpt"] = text[start..end],
            ["location"] = new JsonObject { ["charStart"] = points.Of(start), ["charEnd"] = points.Of(end) },
        };

        // New people first, so that a statement can name the id its speaker's entity item proposes.
        var newPeople = new Dictionary<string, (string Id, EntityMention Mention)>(StringComparer.Ordinal);
        foreach (var mention in mentions.Where(m => m.Entity is null && m.Kind == EntityKind.Person))
            AddPerson(mention.Name, mention);
        foreach (var (quote, speaker) in quotes.Zip(speakers))
            if (speaker is { Entity: null, Kind: EntityKind.Person } && !newPeople.ContainsKey(speaker.Name) && speaker.Name.Contains(' '))
                AddPerson(speaker.Name, mentions.FirstOrDefault(m => m.Name == speaker.Name)
                    ?? new EntityMention(quote.ExcerptStart, quote.ExcerptStart, speaker.Name, EntityKind.Person, null, null));

        for (var i = 0; i < quotes.Count; i++)
        {
            var (quote, speaker) = (quotes[i], speakers[i]);
            var notes = new List<string>();
            JsonNode? speakerRef = null;
            if (speaker?.Entity is { } entity) speakerRef = new JsonObject { ["id"] = entity.Id };
            else if (speaker is not null && newPeople.TryGetValue(speaker.Name, out var person))
            {
                speakerRef = new JsonObject { ["id"] = person.Id };
                notes.Add($"The speaker, {speaker.Name}, is not an entity yet: accept the entity item that proposes '{person.Id}' first, or edit speaker.");
            }
            else notes.Add(speaker is null ? "No speaker found: set speaker before accepting." : $"The speaker '{speaker.Name}' matches no entity: set speaker before accepting.");
            var record = new JsonObject
            {
                ["speaker"] = speakerRef,
                ["text"] = quote.Text,
                ["quoteType"] = Wire<QuoteType>.Name(quote.Type),
                ["channel"] = "unknown",
                ["citations"] = new JsonArray(Citation(quote.ExcerptStart, quote.ExcerptEnd)),
            };
            if (speaker?.Verb is { } verb) notes.Add($"Attributed by \"{verb}\".");
            var confidence = speaker?.Confidence ?? 0.3;
            if (quote.Type == QuoteType.Paraphrase) confidence -= 0.1;
            proposals.Add(new Proposal(DraftItemKind.Statement, record, quote.ExcerptStart, quote.ExcerptEnd, quote.Start, quote.End,
                Math.Round(Math.Clamp(confidence, 0.05, 0.95), 2), notes) { Label = speaker?.Name });
        }

        PeriodMention? lastPeriod = null;
        var countFigures = new List<NumberMention>();
        var previousSentenceStart = 0;
        var shareOf = new Dictionary<Proposal, NumberMention>();
        var paragraph = 0;
        foreach (var sentence in sentences)
        {
            // A period is passed on within its paragraph; a new paragraph starts without one.
            if (sentence.Paragraph != paragraph) (paragraph, lastPeriod) = (sentence.Paragraph, null);
            var periods = Periods.Find(text, sentence.Start, sentence.End, year);
            var inherited = periods.Count == 0 ? lastPeriod : null;
            if (periods.Count > 0) lastPeriod = periods[^1];
            bool? previousCount = null;
            var listed = false;
            var figures = new List<NumberMention>();
            foreach (var number in Numbers.Find(text, sentence.Start, sentence.End))
            {
                var words = !char.IsDigit(text[number.Start]);
                var isFigure = Shares.IsFigure(text, sentence, number) || FigureWords.IsFigure(text, sentence, number, words, previousCount, listed);
                if (number.Kind == NumberKind.Count) previousCount = isFigure;
                listed |= isFigure && number.Kind == NumberKind.Count;
                if (isFigure) figures.Add(number);
            }
            var periodOf = Periods.Assign(text, sentence, figures, periods);
            // What the next sentences inherit is the period the last figure took, not one it was compared with.
            if (periodOf.LastOrDefault(p => p is not null) is { } taken) lastPeriod = taken;
            var countsOfSentence = figures.Where(n => n.Kind == NumberKind.Count).ToList();
            for (var f = 0; f < figures.Count; f++)
            {
                var number = figures[f];
                var percent = number.Kind == NumberKind.Percent;
                var unit = percent ? FigureUnit.Percent : number.Unit;
                var counted = FigureWords.Classify(text, sentence, number, metrics);
                // A count without a period of its own takes the one named just before; a rate or a goal does not.
                var figurePeriod = periodOf[f] ?? (unit is FigureUnit.People or FigureUnit.Percent && counted.Kind == FigureKind.Actual ? inherited : null);
                var reporter = Reporter(number, sentence, quotes, speakers, mentions);
                var notes = new List<string>();
                if (reporter is null) notes.Add("No reporter found: set reportedBy before accepting.");
                if (figurePeriod is null && unit is FigureUnit.People or FigureUnit.Percent) notes.Add("No period found: set periodStart and periodEnd, or periodLabel.");
                if (!counted.Confident) notes.Add($"The metric '{counted.Metric}' is a guess: check it.");
                var share = percent ? Shares.BaseOf(text, sentence, number, [.. countFigures, .. countsOfSentence], countsOfSentence, previousSentenceStart) : null;
                if (percent)
                    notes.Add(share is null
                        ? "A percentage: the text does not say of which count it is stated here; metric is what it is a share of."
                        : $"A percentage of the count \"{text[share.QualifierStart..share.End]}\" (shareOf names its item).");
                var record = new JsonObject
                {
                    ["metric"] = counted.Metric,
                    ["kind"] = Wire<FigureKind>.Name(counted.Kind),
                    ["value"] = number.Value,
                    ["valueQualifier"] = Wire<ValueQualifier>.Name(number.Qualifier),
                    ["unit"] = Wire<FigureUnit>.Name(unit),
                    ["periodStart"] = figurePeriod?.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["periodEnd"] = figurePeriod?.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["periodLabel"] = figurePeriod?.Label,
                    ["scope"] = "US",
                    ["reportedBy"] = reporter is null ? null : new JsonObject { ["id"] = reporter.Id },
                    ["countedBy"] = CountingAgency.Of(text, sentence, number, mentions) is { } counter ? new JsonObject { ["id"] = counter.Id } : null,
                    ["statedAs"] = counted.StatedAs.Length is > 0 and <= 200 ? counted.StatedAs : null,
                    ["citations"] = new JsonArray(Citation(sentence.Start, sentence.End)),
                };
                var confidence = 0.45 + (counted.Confident ? 0.2 : 0) + (figurePeriod is not null ? 0.1 : 0) + (reporter is not null ? 0.15 : 0);
                var proposal = new Proposal(DraftItemKind.Figure, record, sentence.Start, sentence.End, number.QualifierStart, number.End,
                    Math.Round(Math.Min(confidence, 0.95), 2), notes);
                proposals.Add(proposal);
                if (share is not null) shareOf[proposal] = share;
            }
            countFigures.AddRange(countsOfSentence);
            previousSentenceStart = sentence.Start;
        }

        var ordered = proposals.OrderBy(p => p.MentionStart).ThenBy(p => p.Kind).ToList();
        // A percentage names the item of the count it is a share of by its number in the draft (from 1).
        int? ItemOf(Proposal p) => shareOf.TryGetValue(p, out var share)
            ? ordered.FindIndex(o => o.Kind == DraftItemKind.Figure && o.MentionStart == share.QualifierStart) + 1 is > 0 and var n ? n : null
            : null;
        // Offsets of mentions are code points, as everything the draft gives out.
        return new DraftResult(
            ordered.Select(p => p with
            {
                ShareOf = ItemOf(p),
                ExcerptStart = points.Of(p.ExcerptStart), ExcerptEnd = points.Of(p.ExcerptEnd),
                MentionStart = points.Of(p.MentionStart), MentionEnd = points.Of(p.MentionEnd),
            }).ToList(),
            mentions.Where(m => m.Entity is not null).Select(m => m with { Start = points.Of(m.Start), End = points.Of(m.End) }).ToList(),
            text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Length);

        void AddPerson(string name, EntityMention mention)
        {
            if (newPeople.ContainsKey(name) || knownEntities.Any(e => e.Name == name)) return;
            var id = Slugs.From(name, "person");
            newPeople[name] = (id, mention);
            var sentence = sentences.FirstOrDefault(s => s.Start <= mention.Start && mention.Start < s.End);
            var (start, end) = sentence == default ? (mention.Start, mention.End) : (sentence.Start, sentence.End);
            var record = new JsonObject
            {
                ["id"] = id,
                ["kind"] = "person",
                ["name"] = name,
                ["summary"] = mention.Title is { } title ? $"Named in the source as {title}." : "Named in the source.",
                ["citations"] = new JsonArray(Citation(start, end)),
            };
            List<string> notes = ["Check that this is a person in a public role: private individuals are never named.", "Write a neutral summary of your own before accepting."];
            proposals.Add(new Proposal(DraftItemKind.Entity, record, start, end, mention.Start, mention.End, mention.Title is null ? 0.4 : 0.7, notes) { Label = name });
        }
    }

    /// <summary>Who reported a figure: the speaker of the quotation it stands in, else the entity its sentence names first.</summary>
    static KnownEntity? Reporter(NumberMention number, Sentence sentence, IReadOnlyList<QuoteMention> quotes, IReadOnlyList<Speaker?> speakers,
        IReadOnlyList<EntityMention> mentions)
    {
        for (var i = 0; i < quotes.Count; i++)
            if (quotes[i].Start <= number.Start && number.End <= quotes[i].End && speakers[i]?.Entity is { } speaker) return speaker;
        var inSentence = mentions.Where(m => m.Entity is not null && m.Start >= sentence.Start && m.End <= sentence.End).ToList();
        return inSentence.FirstOrDefault(m => m.Kind == EntityKind.Organization)?.Entity
               ?? inSentence.FirstOrDefault()?.Entity
               ?? mentions.LastOrDefault(m => m.Entity is not null && m.End <= sentence.Start && m.Kind == EntityKind.Organization)?.Entity;
    }
}

/// <summary>UTF-16 offsets of a text as code points (an emoji is one code point, two UTF-16 units).</summary>
internal sealed class CodePoints
{
    readonly int[] before;

    public CodePoints(string text)
    {
        before = new int[text.Length + 1];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            before[i] = count;
            if (!char.IsLowSurrogate(text[i])) count++;
        }
        before[text.Length] = count;
    }

    public int Of(int utf16) => before[utf16];
}
