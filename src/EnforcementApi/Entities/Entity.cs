using System.ComponentModel;
using EnforcementApi.Citations;
using EnforcementApi.Querying;

namespace EnforcementApi.Entities;

[Description("Whether an entity is a person or an organization.")]
public enum EntityKind { Person, Organization }

/// <summary>A reference to an entity with what a client needs to show it.</summary>
public sealed record EntityRef(
    [property: Description("The entity's id.")] string Id,
    [property: Description("Person or organization.")] EntityKind Kind,
    [property: Description("The entity's name.")] string Name);

/// <summary>A position a person held, over the dates the sources give.</summary>
public sealed record Role(
    [property: Description("The title of the position, e.g. \"Secretary of Homeland Security\".")] string Title,
    [property: Description("The organization the position belongs to, when the sources name one.")] EntityRef? Organization,
    [property: Description("First day in the position; null when the sources do not say.")] DateOnly? StartedOn,
    [property: Description("Last day in the position; null while it lasts or when the sources do not say.")] DateOnly? EndedOn);

/// <summary>A public official or an institution that records refer to. Private individuals are never entities.</summary>
[SelectableFields]
public sealed record Entity(
    [property: Description("Stable readable id (slug), e.g. `ice` or `tom-homan`.")] string Id,
    [property: Description("Person or organization.")] EntityKind Kind,
    [property: Description("Full name.")] string Name,
    [property: Description("Abbreviation in common use, e.g. `ICE`.")] string? ShortName,
    [property: Description("One neutral sentence on who or what this is.")] string Summary,
    [property: Description("The organization this one is part of (HSI within ICE within DHS); null at the top and for people.")] EntityRef? Parent,
    [property: Description("Positions the person held, as the sources give them; empty for organizations.")] IReadOnlyList<Role> Roles,
    [property: Description("Excerpts that name the entity and support its roles.")] IReadOnlyList<Citation> Citations);
