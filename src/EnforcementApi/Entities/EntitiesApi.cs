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
using System.Data.Common;

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

    static readonly string ById = EntityDefinition.SelectFrom + "\nwhere e.id = @id";

    static string RolesSql(Dialect dialect) => $"""
        select r.entity_id, r.title, r.organization_id, o.kind as organization_kind, o.name as organization_name,
               r.started_on, r.ended_on
        from entity_roles r
        left join entities o on o.id = r.organization_id
        where r.entity_id {dialect.InJsonArray("@ids")}
        order by r.entity_id, coalesce(r.started_on, ''), r.id
        """;

    static async Task<Results<Ok<Page<Entity>>, ValidationProblem>> ListEntities(
        [AsParameters] EntityListQuery query, Db db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var list = await query.ToListQueryAsync(connection);
        if (list.Errors.Any) return list.Errors.ToProblem();

        var result = await list.ExecuteAsync(connection, http, ct);
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
        DbConnection connection, string id, CancellationToken ct, DbTransaction? transaction = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<EntityRow>(new CommandDefinition(ById, new { id }, transaction, cancellationToken: ct));
        return row is null ? null : ((await ToEntitiesAsync(connection, [row], true, true, ct, transaction))[0], row.Revision);
    }

    internal static async Task<List<Entity>> ToEntitiesAsync(
        DbConnection connection, List<EntityRow> rows, bool withCitations, bool withRoles, CancellationToken ct,
        DbTransaction? transaction = null)
    {
        var ids = rows.Select(r => r.Id).ToArray();
        var citations = await Citations.Citations.LoadAsync(connection, RecordType.Entity, withCitations ? ids : [], ct, transaction);
        var roles = ids.Length == 0 || !withRoles
            ? Array.Empty<RoleRow>().ToLookup(r => r.EntityId)
            : (await connection.QueryAsync<RoleRow>(new CommandDefinition(RolesSql(Dialect.Of(connection)), new { ids = Ids.Json(ids) }, transaction, cancellationToken: ct)))
                .ToLookup(r => r.EntityId);

        return rows.Select(r => EntityDefinition.ToRecord(r,
            roles[r.Id].Select(role => new Role(
                role.Title,
                role.OrganizationId is null
                    ? null
                    : new EntityRef(role.OrganizationId, Wire<EntityKind>.Parse(role.OrganizationKind!), role.OrganizationName!),
                role.StartedOn,
                role.EndedOn)).ToList(),
            citations[r.Id].ToList())).ToList();
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
