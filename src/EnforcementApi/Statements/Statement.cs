using System.ComponentModel;
using EnforcementApi.Citations;
using EnforcementApi.Entities;
using EnforcementApi.Events;
using EnforcementApi.Querying;

namespace EnforcementApi.Statements;

[Description("Whether a statement gives the speaker's own words or reports them.")]
public enum QuoteType { Direct, Paraphrase }

[Description("How a statement was made.")]
public enum StatementChannel
{
    PressRelease, Statement, PressConference, Interview, SocialMedia, Testimony, CourtFiling, Report, Broadcast, Unknown,
}

/// <summary>Words attributed to a person or an agency, verbatim as the source gives them.</summary>
[SelectableFields]
public sealed record Statement(
    [property: Description("Stable readable id (slug).")] string Id,
    [property: Description("Who said it: a person, or an organization for an agency statement.")] EntityRef Speaker,
    [property: Description("The position the speaker held when speaking, as the source gives it; null for an organization or when unknown.")] Role? SpeakerRole,
    [property: Description("The words, verbatim from the source: the quoted words for a `direct` quote, the source's reported speech for a `paraphrase`.")] string Text,
    [property: Description("`direct` for words the source puts in quotation marks, `paraphrase` for reported speech.")] QuoteType QuoteType,
    [property: Description("When it was said, to the precision in `datePrecision`; null when unknown.")] DateOnly? SaidOn,
    [property: Description("How precisely `saidOn` is known.")] DatePrecision DatePrecision,
    [property: Description("How it was said: press release, interview, social media, ...; `unknown` when the source does not say.")] StatementChannel Channel,
    [property: Description("Excerpts that report the statement.")] IReadOnlyList<Citation> Citations);
