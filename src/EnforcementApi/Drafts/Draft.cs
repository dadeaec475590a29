using System.ComponentModel;
using System.Text.Json.Nodes;

namespace EnforcementApi.Drafts;

[Description("What a draft item proposes to write: a figure, a statement, or an entity the API does not have yet.")]
public enum DraftItemKind { Figure, Statement, Entity }

[Description("Where a draft item stands: `proposed`, `accepted` (its record was written; `recordId` names it) or `rejected` (kept, not written).")]
public enum DraftItemState { Proposed, Accepted, Rejected }

/// <summary>One proposal of a draft: the record it would write, the words it comes from, and what became of it.</summary>
public sealed record DraftItem(
    [property: Description("The item's number in its draft, from 1, in the order of the text.")] int N,
    [property: Description("`figure`, `statement` or `entity`: the resource its record is written to.")] DraftItemKind Kind,
    [property: Description("`proposed`, `accepted` or `rejected`.")] DraftItemState State,
    [property: Description("How sure the pipeline is, from 0 to 1: lower when it guessed the metric, found no period, reporter or speaker.")] double Confidence,
    [property: Description("A statement's speaker or an entity's name as the text gives them; null for a figure.")] string? Label,
    [property: Description("The words the record cites: its sentence, or a quotation with its attribution. Verbatim.")] string Excerpt,
    [property: Description("Where the excerpt starts in the text, in code points from 0 (as citations count).")] int CharStart,
    [property: Description("Just past the excerpt's end, in code points.")] int CharEnd,
    [property: Description("Where the number (with its qualifying words), the quoted words or the name start, in code points.")] int MentionStart,
    [property: Description("Just past the number, the quoted words or the name, in code points.")] int MentionEnd,
    [property: Description("The record the item proposes: the body `POST /api/v1/figures`, `/statements` or `/entities` takes, with its citation of the source (excerpt and offsets). Accepting writes it as it is, or as the accept request's body changes it.")] JsonObject Record,
    [property: Description("What to check or complete before accepting, in words: a speaker that is not an entity yet, a guessed metric, no period found.")] IReadOnlyList<string> Notes,
    [property: Description("The id of the record accepting the item wrote; null until then.")] string? RecordId,
    [property: Description("When the item was accepted or rejected; null while proposed.")] DateTimeOffset? DecidedAt,
    [property: Description("The name of the key that accepted or rejected it.")] string? DecidedBy)
{
    /// <summary>For a percentage, the count it is a share of, where the same text states that count.</summary>
    [Description("For a figure in `percent`: the number (`n`) of the figure item whose count this percentage is a share of, when the text states that count (143,000 individuals, more than 86% of whom …); null otherwise and for other items.")]
    public int? ShareOf { get; init; }
}

/// <summary>
/// What accepting a draft item answers: the item, and the record it wrote under the property named by its
/// kind (the other two are null), as that resource's POST answers it.
/// </summary>
public sealed record AcceptedDraftItem(
    [property: Description("The draft's id.")] string DraftId,
    [property: Description("The item's number in its draft.")] int N,
    [property: Description("`figure`, `statement` or `entity`: which of the three properties below holds the record written.")] DraftItemKind Kind,
    [property: Description("The id of the record written; `Location` is its URL.")] string RecordId,
    [property: Description("The figure written, when `kind` is `figure`; null otherwise.")] Figures.Figure? Figure,
    [property: Description("The statement written, when `kind` is `statement`; null otherwise.")] Statements.Statement? Statement,
    [property: Description("The entity written, when `kind` is `entity`; null otherwise.")] Entities.Entity? Entity);

/// <summary>An entity the API has that the text names.</summary>
public sealed record DraftMention(
    [property: Description("The entity's id.")] string EntityId,
    [property: Description("The name as the text writes it (\"ICE\", \"Homan\").")] string Name,
    [property: Description("Where the name starts in the text, in code points.")] int CharStart,
    [property: Description("Just past the name, in code points.")] int CharEnd);

/// <summary>How many items of a draft stand where.</summary>
public sealed record DraftCounts(
    [property: Description("Items still proposed.")] int Proposed,
    [property: Description("Items written as records.")] int Accepted,
    [property: Description("Items rejected.")] int Rejected);

/// <summary>The records a first pass over a source's text proposes, for a curator to accept or reject one by one.</summary>
public sealed record Draft(
    [property: Description("The draft's id.")] string Id,
    [property: Description("The source the text is of; every proposed citation cites it.")] string SourceId,
    [property: Description("That source's title.")] string SourceTitle,
    [property: Description("When the draft was made.")] DateTimeOffset CreatedAt,
    [property: Description("The name of the key that made it.")] string CreatedBy,
    [property: Description("The text's length in code points.")] int Characters,
    [property: Description("The text's length in words.")] int Words,
    [property: Description("How many items are proposed, accepted and rejected.")] DraftCounts Counts,
    [property: Description("Every proposal, in the order of the text.")] IReadOnlyList<DraftItem> Items,
    [property: Description("The entities the API has that the text names, each time it names them.")] IReadOnlyList<DraftMention> Entities);

/// <summary>A draft as a list shows it: without its items.</summary>
public sealed record DraftSummary(
    [property: Description("The draft's id.")] string Id,
    [property: Description("The source the text is of.")] string SourceId,
    [property: Description("That source's title.")] string SourceTitle,
    [property: Description("When the draft was made.")] DateTimeOffset CreatedAt,
    [property: Description("The name of the key that made it.")] string CreatedBy,
    [property: Description("How many items are proposed, accepted and rejected.")] DraftCounts Counts);
