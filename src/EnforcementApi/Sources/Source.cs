using System.ComponentModel;
using EnforcementApi.Querying;

namespace EnforcementApi.Sources;

[Description("What kind of document a source is.")]
public enum SourceKind
{
    NewsArticle, GovernmentRelease, OfficialStatement, CourtFiling, Dataset, Report, Broadcast, SocialPost,
}

/// <summary>A document that records cite. Unknown details are null, never guessed.</summary>
[SelectableFields]
public sealed record Source(
    [property: Description("Stable readable id (slug).")] string Id,
    [property: Description("What kind of document it is.")] SourceKind Kind,
    [property: Description("The document's own title.")] string Title,
    [property: Description("Who published it; null when the document does not say.")] string? Publisher,
    [property: Description("Where it was published; null when unknown.")] string? Url,
    [property: Description("Who wrote it; null when unknown.")] string? Author,
    [property: Description("Day of publication; null when unknown.")] DateOnly? PublishedOn,
    [property: Description("When the copy that the citations quote was retrieved (UTC); null when unknown.")] DateTimeOffset? RetrievedAt,
    [property: Description("Language of the document, as a BCP 47 tag such as `en`.")] string Language);
