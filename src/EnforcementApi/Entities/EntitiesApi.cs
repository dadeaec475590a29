using System.ComponentModel;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Http;
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

        return api;
    }

    internal static readonly ListDefinition<EntityRow> List = new(
        "entities", "e.id", r => r.Id, "name",
        new SortField<EntityRow>("name", "e.name", SortKind.Text, r => r.Name));

    internal const string SelectFrom = """
        select e.id, e.kind, e.name, e.short_name, e.summary,
               e.parent_id, p.kind as parent_kind, p.name as parent_name
        from entities e
        left join entities p on p.id = e.parent_id
        """;

    const string ById = SelectFrom + "\nwhere e.id = @id";

    const string RolesSql = """
        select r.entity_id, r.title, r.organization_id, o.kind as organization_kind, o.name as organization_name,
               r.started_on, r.ended_on
        from entity_roles r
        left join entities o on o.id = r.organization_id
        where r.entity_id in @ids
        order by r.entity_id, ifnull(r.started_on, ''), r.id
        """;

    static async Task<Results<Ok<Page<Entity>>, ValidationProblem>> ListEntities(
        [AsParameters] EntityListQuery query, Db db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var list = await query.ToListQueryAsync(connection);
        if (list.Errors.Any) return list.Errors.ToProblem();

        var (rows, next) = await list.ExecuteAsync(connection, SelectFrom, ct);
        ListQuery<EntityRow>.SetNextLink(http, next);
        return TypedResults.Ok(new Page<Entity>(await ToEntitiesAsync(connection, rows, ct), next));
    }

    static async Task<Results<Ok<Entity>, NotFoundProblem>> GetEntity(
        [Description("The entity's id, e.g. `ice`.")] string id, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<EntityRow>(new CommandDefinition(ById, new { id }, cancellationToken: ct));
        if (row is null) return NotFoundProblem.For("entity", id);
        return TypedResults.Ok((await ToEntitiesAsync(connection, [row], ct))[0]);
    }

    static async Task<List<Entity>> ToEntitiesAsync(SqliteConnection connection, List<EntityRow> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToArray();
        var citations = await Citations.Citations.LoadAsync(connection, CitedRecord.Entity, ids, ct);
        var roles = ids.Length == 0
            ? Array.Empty<RoleRow>().ToLookup(r => r.EntityId)
            : (await connection.QueryAsync<RoleRow>(new CommandDefinition(RolesSql, new { ids }, cancellationToken: ct)))
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
internal sealed class EntityListQuery
{
    [FromQuery(Name = "kind"), Description("Only entities of this kind."), QueryType(typeof(EntityKind))]
    public string? Kind { get; init; }

    [FromQuery(Name = "parent"), Description("Only the direct sub-organizations of this organization (an entity id), e.g. `ice`.")]
    public string? Parent { get; init; }

    [FromQuery(Name = "source"), Description("Only entities named in this source (a source id).")]
    public string? Source { get; init; }

    [FromQuery(Name = "sort"), Description(QueryDocs.Sort + " Fields: `name`, `id`. Default `name`.")]
    public string? Sort { get; init; }

    [FromQuery(Name = "limit"), Description(QueryDocs.Limit), QueryType(typeof(int), Minimum = 1, Maximum = QueryDocs.MaxLimit, Default = QueryDocs.DefaultLimit)]
    public string? Limit { get; init; }

    [FromQuery(Name = "cursor"), Description(QueryDocs.Cursor)]
    public string? Cursor { get; init; }

    public async Task<ListQuery<EntitiesApi.EntityRow>> ToListQueryAsync(SqliteConnection connection)
    {
        var list = new ListQuery<EntitiesApi.EntityRow>(EntitiesApi.List);
        list.Enum<EntityKind>("kind", Kind, "e.kind = @kind");
        await list.ReferenceAsync(connection, "parent", Parent, Reference.Entity, "e.parent_id = @parent");
        await list.ReferenceAsync(connection, "source", Source, Reference.Source,
            "e.id in (select c.entity_id from citations c where c.source_id = @source)");
        list.Paging(Sort, Limit, Cursor);
        return list;
    }
}
