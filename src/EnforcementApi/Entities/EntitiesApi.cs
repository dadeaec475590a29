using System.ComponentModel;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Http;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using EnforcementApi.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Entities;

public static class EntitiesApi
{
    public static IEndpointRouteBuilder MapEntities(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/entities").WithTags("Entities");

        group.MapGet("/", ListEntities).WithName(nameof(ListEntities))
            .WithSummary("List entities")
            .WithDescription("""
                People and organizations that records refer to, with their roles and the excerpts that name
                them. Filter by `kind`, by `parent` (the direct sub-organizations of an organization) or by
                `source` (entities that source names). Sorted by `name` unless `sort` says otherwise.
                """);

        group.MapGet("/{id}", GetEntity).WithName(nameof(GetEntity))
            .WithSummary("Get one entity")
            .WithDescription("One person or organization by its id, with its parent organization, roles and citations.");

        new RecordWriter<EntityInput, Entity>(EntityWrites.Resource).Map(group);

        return api;
    }

    internal static readonly ListDefinition<EntityRow> List = new()
    {
        Resource = "entities",
        From = "from entities e",
        IdSql = "e.id",
        Id = r => r.Id,
        DefaultSort = "name",
        RecordType = typeof(Entity),
        Sorts = [new SortField<EntityRow>("name", "e.name", SortKind.Text, r => r.Name)],
        Facets =
        [
            new Facet("kind", "e.kind"),
            new Facet("parent", "e.parent_id", "(select p.name from entities p where p.id = e.parent_id)"),
            new Facet("source", "ec.source_id", "(select s.title from sources s where s.id = ec.source_id)",
                "join citations ec on ec.entity_id = e.id", "count(distinct e.id)"),
        ],
    };

    internal const string SelectFrom = """
        select e.id, e.kind, e.name, e.short_name, e.summary,
               e.parent_id, p.kind as parent_kind, p.name as parent_name, e.revision
        from entities e
        left join entities p on p.id = e.parent_id
        """;

    const string ById = SelectFrom + "\nwhere e.id = @id";

    const string RolesSql = """
        select r.entity_id, r.title, r.organization_id, o.kind as organization_kind, o.name as organization_name,
               r.started_on, r.ended_on
        from entity_roles r
        left join entities o on o.id = r.organization_id
        where r.entity_id in (select value from json_each(@ids))
        order by r.entity_id, ifnull(r.started_on, ''), r.id
        """;

    static async Task<Results<Ok<Page<Entity>>, ValidationProblem>> ListEntities(
        [AsParameters] EntityListQuery query, Db db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var list = await query.ToListQueryAsync(connection);
        if (list.Errors.Any) return list.Errors.ToProblem();

        var result = await list.ExecuteAsync(connection, SelectFrom, http, ct);
        return TypedResults.Ok(result.ToPage(await ToEntitiesAsync(connection, result.Rows, list.Includes("citations"), list.Includes("roles"), ct)));
    }

    static async Task<Results<Ok<Entity>, MissingRecord, ValidationProblem>> GetEntity(
        [Description("The entity's id."), ApiParameter(Example = "ice")] string id,
        [FromQuery(Name = "fields"), Description(QueryDocs.Fields), ApiParameter(Example = "id,name,parent")] string? fields,
        Db db, HttpContext http, CancellationToken ct)
    {
        var errors = new QueryErrors();
        var selection = FieldSelection.Parse(fields, typeof(Entity), errors);
        if (errors.Any) return errors.ToProblem();

        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<EntityRow>(new CommandDefinition(ById, new { id }, cancellationToken: ct));
        if (row is null) return await MissingRecord.ForAsync(connection, RecordType.Entity, id);
        FieldSelection.Remember(http, selection);
        ETags.Remember(http, row.Revision);
        return TypedResults.Ok((await ToEntitiesAsync(
            connection, [row], selection?.Includes("citations") ?? true, selection?.Includes("roles") ?? true, ct))[0]);
    }

    internal static async Task<(Entity Record, long Revision)?> LoadAsync(
        SqliteConnection connection, string id, CancellationToken ct, SqliteTransaction? transaction = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<EntityRow>(new CommandDefinition(ById, new { id }, transaction, cancellationToken: ct));
        return row is null ? null : ((await ToEntitiesAsync(connection, [row], true, true, ct, transaction))[0], row.Revision);
    }

    internal static async Task<List<Entity>> ToEntitiesAsync(
        SqliteConnection connection, List<EntityRow> rows, bool withCitations, bool withRoles, CancellationToken ct,
        SqliteTransaction? transaction = null)
    {
        var ids = rows.Select(r => r.Id).ToArray();
        var citations = await Citations.Citations.LoadAsync(connection, CitedRecord.Entity, withCitations ? ids : [], ct, transaction);
        var roles = ids.Length == 0 || !withRoles
            ? Array.Empty<RoleRow>().ToLookup(r => r.EntityId)
            : (await connection.QueryAsync<RoleRow>(new CommandDefinition(RolesSql, new { ids = Ids.Json(ids) }, transaction, cancellationToken: ct)))
                .ToLookup(r => r.EntityId);

        return rows.Select(r => new Entity(
            r.Id,
            Wire<EntityKind>.Parse(r.Kind),
            r.Name,
            r.ShortName,
            r.Summary,
            r.ParentId is null ? null : new EntityRef(r.ParentId, Wire<EntityKind>.Parse(r.ParentKind!), r.ParentName!),
            roles[r.Id].Select(role => new Role(
                role.Title,
                role.OrganizationId is null
                    ? null
                    : new EntityRef(role.OrganizationId, Wire<EntityKind>.Parse(role.OrganizationKind!), role.OrganizationName!),
                role.StartedOn,
                role.EndedOn)).ToList(),
            citations[r.Id].ToList())).ToList();
    }

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

    sealed class RoleRow
    {
        public string EntityId { get; init; } = "";
        public string Title { get; init; } = "";
        public string? OrganizationId { get; init; }
        public string? OrganizationKind { get; init; }
        public string? OrganizationName { get; init; }
        public DateOnly? StartedOn { get; init; }
        public DateOnly? EndedOn { get; init; }
    }
}

/// <summary>The query parameters of <c>GET /api/v1/entities</c>.</summary>
internal sealed class EntityListQuery : ListParameters
{
    [FromQuery(Name = "kind"), Description("Only `person`s or only `organization`s." + QueryDocs.MembershipSyntax), ApiParameter(Example = "person")]
    public string? Kind { get; init; }

    [FromQuery(Name = "parent"), Description("Only the direct sub-organizations of this organization (an entity id)." + QueryDocs.MembershipSyntax), ApiParameter(Example = "ice")]
    public string? Parent { get; init; }

    [FromQuery(Name = "source"), Description("Only entities named in this source (a source id)." + QueryDocs.MembershipSyntax), ApiParameter(Example = "article-ice-leadership-shakeup")]
    public string? Source { get; init; }

    [FromQuery(Name = "sort"), Description(QueryDocs.Sort + " Fields: `name`, `id`. Default `name`."), ApiParameter(Example = "name")]
    public string? Sort { get; init; }

    [FromQuery(Name = "fields"), Description(QueryDocs.Fields), ApiParameter(Example = "id,kind,name")]
    public string? Fields { get; init; }

    [FromQuery(Name = "facet"), Description(QueryDocs.Facet + " Fields: `kind`, `parent`, `source`."), ApiParameter(Example = "kind")]
    public string[]? Facet { get; init; }

    public async Task<ListQuery<EntitiesApi.EntityRow>> ToListQueryAsync(SqliteConnection connection)
    {
        var list = new ListQuery<EntitiesApi.EntityRow>(EntitiesApi.List);
        list.FullText(Q, "e.id in (select d.record_id from search_text cross join search_documents d on d.id = search_text.rowid where search_text match @q and d.type = 'entity')");
        list.Enum<EntityKind>("kind", Kind, new Match("e.kind"));
        await list.ReferenceAsync(connection, "parent", Parent, Reference.Entity, new Match("e.parent_id"));
        await list.ReferenceAsync(connection, "source", Source, Reference.Source,
            new Match("e.id", "select c.entity_id from citations c where c.entity_id is not null and c.source_id"));
        list.Output(Fields, Count, Facet);
        list.Paging(Sort, Limit, Cursor);
        return list;
    }
}
