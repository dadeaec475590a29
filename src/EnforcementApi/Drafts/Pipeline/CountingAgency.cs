using System.Text.RegularExpressions;
using EnforcementApi.Entities;

namespace EnforcementApi.Drafts.Pipeline;

/// <summary>
/// Whose operations a figure counts, where its sentence says so: the organization that does what is counted
/// ("ICE removed 65,682", "ICE's 271,484 deportations", "113,431 arrests by ICE"). A sentence that only
/// reports a number ("DHS said 65,600 were deported") names who reported it, not whose count it is, so
/// nothing is proposed for it.
/// </summary>
internal static partial class CountingAgency
{
    public static KnownEntity? Of(string text, Sentence sentence, NumberMention number, IReadOnlyList<EntityMention> mentions)
    {
        var organizations = mentions
            .Where(m => m.Entity is { Kind: EntityKind.Organization } && m.Start >= sentence.Start && m.End <= sentence.End)
            .ToList();
        // The actor before the number: the organization nearest to it whose words up to the number do what is counted.
        var before = organizations.Where(m => m.End <= number.QualifierStart).OrderByDescending(m => m.End)
            .FirstOrDefault(m => Acts().IsMatch(text[m.End..number.QualifierStart]));
        if (before is not null) return before.Entity;
        // The agent after it: "... removals by ICE", "... carried out by ICE".
        return organizations.Where(m => m.Start >= number.End).OrderBy(m => m.Start)
            .FirstOrDefault(m => AgentBy().IsMatch(text[number.End..m.Start]))?.Entity;
    }

    // Between the organization and the number: its possessive or a verb of the operation, with few words between.
    [GeneratedRegex(@"^(?:\s*\([^)]{1,12}\))?(?:(?:'s|’s)\s+$|\s+(?:\w+\s+){0,3}?(?:arrest|remov|deport|detain|book|held|hold|expel|return|apprehend|encounter|issu|lodg|carried out|conduct|made|had)\w*\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Acts();

    [GeneratedRegex(@"^[^.;]{0,60}\bby\s+(?:the\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex AgentBy();
}
