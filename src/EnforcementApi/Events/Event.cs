using System.ComponentModel;
using EnforcementApi.Citations;
using EnforcementApi.Entities;
using EnforcementApi.Querying;

namespace EnforcementApi.Events;

[Description("What kind of thing happened.")]
public enum EventKind
{
    LeadershipChange, PolicyChange, EnforcementOperation, Arrest, LegalAction, Announcement, Other,
}

[Description("How precisely a record's date is known. A date known only to the month or year is given as the first day of it; an unknown date is null.")]
public enum DatePrecision { Day, Month, Year, Unknown }

[Description("The part an entity played in an event.")]
public enum ParticipantRole { Subject, Announcer, Initiator, Agency, Affected, Target }

/// <summary>An entity taking part in an event, and its part in it.</summary>
public sealed record Participant(
    [property: Description("The person or organization.")] EntityRef Entity,
    [property: Description("Its part in the event: `subject` (whom it is about), `announcer` (who made it public), `initiator` (who ordered it), `agency` (who carried it out), `affected` (an organization it changes), `target` (whom an act was aimed at).")] ParticipantRole Role);

/// <summary>Something that happened, in neutral words of our own, with the excerpts that report it.</summary>
[SelectableFields]
public sealed record Event(
    [property: Description("Stable readable id (slug).")] string Id,
    [property: Description("What kind of event.")] EventKind Kind,
    [property: Description("A neutral one-line title (our wording, not the source's).")] string Title,
    [property: Description("A neutral summary (our wording, not the source's).")] string Summary,
    [property: Description("When it happened, to the precision in `datePrecision`; null when unknown.")] DateOnly? OccurredOn,
    [property: Description("How precisely `occurredOn` is known.")] DatePrecision DatePrecision,
    [property: Description("Entities that took part and their part in it.")] IReadOnlyList<Participant> Participants,
    [property: Description("Excerpts that report the event.")] IReadOnlyList<Citation> Citations);
