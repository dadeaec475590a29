using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Writes;
using System.Data.Common;

namespace EnforcementApi.Entities;

internal static class EntityWrites
{
    public static readonly WritableResource<EntityInput, Entity> Resource = new()
    {
        Type = RecordType.Entity,
        Parse = EntityDefinition.Parse,
        IdOf = e => e.Id,
        IdBase = e => e.Name,
        CheckAsync = CheckAsync,
        InsertAsync = async (connection, transaction, id, e) =>
        {
            await connection.ExecuteAsync(EntityDefinition.Table.Insert, EntityDefinition.Table.Parameters(id, e), transaction);
            await WriteRolesAsync(connection, transaction, id, e.Roles);
            await CitationWrites.WriteAsync(connection, transaction, RecordType.Entity, id, [.. e.Citations]);
        },
        UpdateAsync = async (connection, transaction, id, e) =>
        {
            await connection.ExecuteAsync(EntityDefinition.Table.Update, EntityDefinition.Table.Parameters(id, e), transaction);
            await WriteRolesAsync(connection, transaction, id, e.Roles);
            await CitationWrites.WriteAsync(connection, transaction, RecordType.Entity, id, [.. e.Citations]);
        },
        BlockerAsync = async (connection, transaction, id) =>
        {
            var uses = await connection.QuerySingleAsync<(long Figures, long Statements, long Events, long Children, long Roles)>("""
                select (select count(*) from figures where reported_by = @id or counted_by = @id),
                       (select count(*) from statements where speaker_id = @id),
                       (select count(*) from event_participants where entity_id = @id),
                       (select count(*) from entities where parent_id = @id),
                       (select count(*) from entity_roles where organization_id = @id)
                """, new { id }, transaction);
            var parts = new List<string>();
            if (uses.Figures > 0) parts.Add($"{uses.Figures} figure(s) it reported or whose count is its");
            if (uses.Statements > 0) parts.Add($"{uses.Statements} statement(s) it made");
            if (uses.Events > 0) parts.Add($"{uses.Events} event part(s)");
            if (uses.Children > 0) parts.Add($"{uses.Children} organization(s) within it");
            if (uses.Roles > 0) parts.Add($"{uses.Roles} role(s) at it");
            return parts.Count == 0 ? null : "Other records refer to it: " + string.Join(", ", parts) + ". Change or delete them first.";
        },
        LoadAsync = (connection, transaction, id, ct) => EntitiesApi.LoadAsync(connection, id, ct, transaction),
    };

    static async Task CheckAsync(DbConnection connection, DbTransaction transaction, EntityInput e, string? id, BodyErrors errors)
    {
        if (e.Parent is { } parent)
        {
            if (id is not null && await IsWithinAsync(connection, transaction, parent.Id, id))
                errors.Add("parent.id", $"'{parent.Id}' is '{id}' itself or lies within it; organizations cannot contain themselves.");
        }

        // Only an organization can contain others or have people hold roles at it.
        if (id is not null && e.Kind == EntityKind.Person)
        {
            var (children, rolesAt) = await connection.QuerySingleAsync<(long, long)>("""
                select (select count(*) from entities where parent_id = @id),
                       (select count(*) from entity_roles where organization_id = @id)
                """, new { id }, transaction);
            if (children > 0 || rolesAt > 0)
                errors.Add("kind", $"Must stay organization: '{id}' "
                    + string.Join(" and ", new[] { children > 0 ? $"contains {children} organization{(children == 1 ? "" : "s")}" : null,
                                                   rolesAt > 0 ? $"has {rolesAt} role{(rolesAt == 1 ? "" : "s")} held at it" : null }.OfType<string>())
                    + "; move those first.");
        }

        // A role that a statement names as its speaker's role cannot go.
        if (id is not null)
        {
            var named = await connection.QueryAsync<(string Title, string? Organization, string Statement)>("""
                select r.title, r.organization_id, min(s.id)
                from entity_roles r
                join statements s on s.speaker_role_id = r.id
                where r.entity_id = @id
                group by r.id
                """, new { id }, transaction);
            foreach (var role in named)
                if (!e.Roles.Any(r => r.Title == role.Title && r.Organization?.Id == role.Organization))
                    errors.Add("roles", $"Must keep the role '{role.Title}'{(role.Organization is null ? "" : $" at '{role.Organization}'")}: statement '{role.Statement}' names it as its speaker's role.");
        }
    }

    /// <summary>
    /// Whether <paramref name="candidate"/> is <paramref name="id"/> or one of the organizations within it. The walk starts
    /// from the candidate's row (it exists: references are checked first), so that both terms of the recursion are the
    /// column's own text, which PostgreSQL requires (a bare parameter has another collation than the C of the column).
    /// </summary>
    static async Task<bool> IsWithinAsync(DbConnection connection, DbTransaction transaction, string candidate, string id) =>
        await connection.ExecuteScalarAsync<long>("""
            with recursive up(id) as (
                select id from entities where id = @candidate
                union
                select e.parent_id from entities e join up on e.id = up.id where e.parent_id is not null
            )
            select count(*) from up where id = @id
            """, new { candidate, id }, transaction) > 0;

    /// <summary>
    /// Keeps the roles that stay (same title and organization) with their ids, so statements that name
    /// them keep pointing at them; adds the new ones and removes the rest.
    /// </summary>
    static async Task WriteRolesAsync(DbConnection connection, DbTransaction transaction, string id, IReadOnlyList<RoleInput> roles)
    {
        var existing = (await connection.QueryAsync<(long Id, string Title, string? Organization)>(
            "select id, title, organization_id from entity_roles where entity_id = @id order by id", new { id }, transaction)).ToList();
        var kept = new HashSet<long>();
        foreach (var role in roles)
        {
            var match = existing.FirstOrDefault(r => r.Title == role.Title && r.Organization == role.Organization?.Id && !kept.Contains(r.Id));
            var values = new { id, role.Title, Organization = role.Organization?.Id, role.StartedOn, role.EndedOn, RoleId = match.Id };
            if (match.Title is not null)
            {
                kept.Add(match.Id);
                await connection.ExecuteAsync(
                    "update entity_roles set started_on = @StartedOn, ended_on = @EndedOn where id = @RoleId", values, transaction);
            }
            else
            {
                await connection.ExecuteAsync("""
                    insert into entity_roles (entity_id, title, organization_id, started_on, ended_on)
                    values (@id, @Title, @Organization, @StartedOn, @EndedOn)
                    """, values, transaction);
            }
        }
        foreach (var gone in existing.Where(r => !kept.Contains(r.Id)))
            await connection.ExecuteAsync("delete from entity_roles where id = @Id", new { gone.Id }, transaction);
    }

}
