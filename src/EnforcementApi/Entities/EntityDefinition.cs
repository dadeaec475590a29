using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using EnforcementApi.Writes;
using Microsoft.AspNetCore.Mvc;

namespace EnforcementApi.Entities;

/// <summary>
/// What an entity's fields are, in one place: the columns a write stores (and every read selects), the write
/// body and how it is read, the row a read gets and the record it becomes, and what the list filters, sorts
/// and counts by. See <see cref="Figures.FigureDefinition"/>.
/// </summary>
internal static class EntityDefinition
{
    /// <summary>The stored columns, named once for the SELECT, the INSERT and the UPDATE.</summary>
    public static readonly Table<EntityInput> Table = new Table<EntityInput>("entities", "e")
        .Enum("kind", e => e.Kind)
        .Text("name", e => e.Name)
        .Text("short_name", e => e.ShortName)
        .Text("summary", e => e.Summary)
        .Text("parent_id", e => e.Parent?.Id);

    public static readonly string Select = "select " + Table.Select + ", p.kind as parent_kind, p.name as parent_name";

    public const string Joins = "left join entities p on p.id = e.parent_id";

    public static readonly string SelectFrom = Select + "\nfrom entities e\n" + Joins;

    public static readonly ListDefinition<EntityRow> List = new()
    {
        Resource = "entities",
        Select = Select,
        From = "from entities e",
        Joins = Joins,
        IdSql = "e.id",
        IdIndex = "sqlite_autoindex_entities_1",
        Id = r => r.Id,
        DefaultSort = "name",
        RecordType = typeof(Entity),
        Sorts = [new SortField<EntityRow>("name", "e.name", SortKind.Text, r => r.Name, "entities_name")],
        Facets =
        [
            new Facet("kind", "e.kind"),
            new Facet("parent", "e.parent_id", "(select p.name from entities p where p.id = e.parent_id)"),
            new Facet("source", "ec.source_id", "(select s.title from sources s where s.id = ec.source_id)",
                "join citations ec on ec.record_type = 'entity' and ec.record_id = e.id", "count(distinct e.id)"),
        ],
        Filters =
        [
            Filter.FullText("e.id", "entity").Indexed(Filter.ById),
            Filter.Enum<EntityKind>("kind", "e.kind").Indexed("entities_kind", "name"),
            Filter.Reference("parent", Reference.Entity, new Match("e.parent_id")).Indexed("entities_parent", "name"),
            Filter.Reference("source", Reference.Source,
                new Match("e.id", "select c.record_id from citations c where c.record_type = 'entity' and c.source_id")).Indexed(Filter.ById),
        ],
    };

    /// <summary>The entity a row holds, with its roles and citations.</summary>
    public static Entity ToRecord(EntityRow r, IReadOnlyList<Role> roles, IReadOnlyList<Citation> citations) => new(
        r.Id,
        Wire<EntityKind>.Parse(r.Kind),
        r.Name,
        r.ShortName,
        r.Summary,
        r.ParentId is null ? null : new EntityRef(r.ParentId, Wire<EntityKind>.Parse(r.ParentKind!), r.ParentName!),
        roles,
        citations);

    public static EntityInput? Parse(JsonBody body)
    {
        var id = body.Id("id", required: false);
        var kind = body.Enum<EntityKind>("kind");
        var name = body.String("name", 200);
        var shortName = body.String("shortName", 50, required: false);
        var summary = body.String("summary", 2000);
        var parent = body.Reference("parent", required: false, Referenced.Organization);
        var roles = new List<RoleInput>();
        foreach (var item in body.Array("roles", maxItems: 100, """{"title": "Border czar", "organization": {"id": "white-house"}, "startedOn": "2025-01-20"}""", required: false) ?? [])
        {
            var title = item.String("title", 200);
            var organization = item.Reference("organization", required: false, Referenced.Organization);
            var startedOn = item.Date("startedOn");
            var endedOn = item.Date("endedOn");
            item.Done();
            if (startedOn is { } s && endedOn is { } e && e < s)
                body.Errors.Add(item.Path + ".endedOn", $"Must not be before startedOn ({s:yyyy-MM-dd}).");
            if (title is not null)
                roles.Add(new RoleInput(title, organization is null ? null : new RefInput(organization), startedOn, endedOn));
        }
        var citations = CitationWrites.Parse(body, required: false);
        body.Done();

        if (kind == EntityKind.Person && parent is not null)
            body.Errors.Add("parent", "Must be null for a person; only organizations nest. A person's place is given by roles.");
        if (kind == EntityKind.Organization && roles.Count > 0)
            body.Errors.Add("roles", "Must be empty for an organization; roles are positions people hold.");
        if (id is not null && parent == id)
            body.Errors.Add("parent.id", "An organization cannot contain itself.");

        return kind is null || name is null || summary is null || citations is null
            ? null
            : new EntityInput(id, kind.Value, name, shortName, summary, parent is null ? null : new RefInput(parent), roles, citations);
    }
}

/// <summary>A position a person held, as a write gives it.</summary>
public sealed record RoleInput(
    [property: Description("The title of the position.")] string Title,
    [property: Description("The organization the position belongs to, if any.")] RefInput? Organization,
    [property: Description("First day in the position, when known.")] DateOnly? StartedOn,
    [property: Description("Last day in the position, when known; not before startedOn.")] DateOnly? EndedOn);

/// <summary>An entity as a write gives it.</summary>
public sealed record EntityInput(
    [property: Description("Optional readable id; made from the name when left out (\"Kristi Noem\" becomes `kristi-noem`).")] string? Id,
    [property: Description("`person` or `organization`. Private individuals are never entities."), Required] EntityKind Kind,
    [property: Description("Full name.")] string Name,
    [property: Description("Abbreviation in common use.")] string? ShortName,
    [property: Description("One neutral sentence on who or what this is.")] string Summary,
    [property: Description("For an organization, the organization it is part of.")] RefInput? Parent,
    [property: Description("For a person, the positions held; none when left out. A role that statements name as their speaker's role must stay."), Omittable("[]")] IReadOnlyList<RoleInput> Roles,
    [property: Description("Excerpts that name the entity; none when left out."), Omittable("[]")] IReadOnlyList<CitationInput> Citations);

/// <summary>An entity as the database gives it, with its parent's kind and name.</summary>
internal sealed class EntityRow
{
    public string Id { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public string? ShortName { get; init; }
    public string Summary { get; init; } = "";
    public string? ParentId { get; init; }
    public string? ParentKind { get; init; }
    public string? ParentName { get; init; }
    public long Revision { get; init; }
}

/// <summary>The query parameters of <c>GET /api/v1/entities</c>: each is read by the filter of its name in <see cref="EntityDefinition.List"/>.</summary>
internal sealed class EntityListQuery : ListParameters<EntityRow>
{
    protected override ListDefinition<EntityRow> Definition => EntityDefinition.List;

    [FromQuery(Name = "kind"), Description("Only `person`s or only `organization`s." + QueryDocs.MembershipSyntax), ApiParameter(Example = "person")]
    public string? Kind { get; init; }

    [FromQuery(Name = "parent"), Description("Only the direct sub-organizations of this organization (an entity id)." + QueryDocs.MembershipSyntax), ApiParameter(Example = "ice")]
    public string? Parent { get; init; }

    [FromQuery(Name = "source"), Description("Only entities named in this source (a source id)." + QueryDocs.MembershipSyntax), ApiParameter(Example = "article-ice-leadership-shakeup")]
    public string? Source { get; init; }

    [FromQuery(Name = "sort"), Description(QueryDocs.Sort), ApiParameter(Example = "name")]
    public string? Sort { get; init; }

    [FromQuery(Name = "fields"), Description(QueryDocs.Fields), ApiParameter(Example = "id,kind,name")]
    public string? Fields { get; init; }

    [FromQuery(Name = "facet"), Description(QueryDocs.Facet), ApiParameter(Example = "kind")]
    public string[]? Facet { get; init; }
}
