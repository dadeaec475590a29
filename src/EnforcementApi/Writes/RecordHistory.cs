using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Entities;
using EnforcementApi.Events;
using EnforcementApi.Figures;
using EnforcementApi.Json;
using EnforcementApi.Sources;
using EnforcementApi.Statements;
using System.Data.Common;

namespace EnforcementApi.Writes;

/// <summary>
/// Gives every record that has no revision yet (the bundled records, records loaded straight into the
/// file) its first one, so that a client following the change feed from the start sees every record.
/// Runs at start; it has nothing to do once every record has a history.
/// </summary>
public static class RecordHistory
{
    /// <summary>The statements the history keeps of each record type, made from its table's name (which the code gives, never a request).</summary>
    sealed record Kind(IWritableResource Resource, string WithoutHistory, string LastRowid, string Bump);

    // WithoutHistory: up to 1,000 records past the checked mark that have no revision, in the order they were added.
    // Only the table's name is written into the SQL (a name cannot be a parameter); the type is bound as @name.
    static readonly IReadOnlyList<Kind> Kinds = [.. WritableResources.All.Select(r =>
    {
        var table = RecordKinds.Of(r.Type).Plural;
        return new Kind(r,
            $"select id from {table} t where t.rowid > @mark and not exists (select 1 from revisions r where r.record_type = @name and r.record_id = t.id) order by t.rowid limit 1000",
            $"select coalesce(max(rowid), 0) from {table}",
            $"update {table} set revision = revision + 1 where id = @id");
    })];

    /// <summary>
    /// Gives a new revision to every record whose served form changed because a record it shows part of
    /// changed: a figure shows its reporter's name, a record its cited sources' titles, a statement its
    /// speaker's role and that role's organization, an entity its parent and the organizations of its roles,
    /// an event its participants. Without this a client following the change feed would keep the old name.
    /// A record gets a revision only when what it serves now differs from its last revision.
    /// </summary>
    public static async Task ReviseDependentsAsync(
        DbConnection connection, DbTransaction transaction, RecordType type, string id, string keyName,
        JsonSerializerOptions json, CancellationToken ct)
    {
        if (DependentsOf(type) is not { } sql) return;

        var dependents = await connection.QueryAsync<(string Type, string Id)>(sql, new { id }, transaction);
        foreach (var (dependentType, dependentId) in dependents)
        {
            var kind = Kinds.Single(k => k.Resource.Type == RecordKinds.Of(dependentType).Type);
            if (await kind.Resource.LoadRecordAsync(connection, transaction, dependentId, ct) is not { } current) continue;
            var now = JsonSerializer.Serialize(current.Record, current.Record.GetType(), json);
            var last = await connection.QuerySingleOrDefaultAsync<string?>("""
                select record from revisions
                where record_type = @dependentType and record_id = @dependentId
                order by revision desc limit 1
                """, new { dependentType, dependentId }, transaction);
            if (last is not null && JsonNode.DeepEquals(JsonNode.Parse(last), JsonNode.Parse(now))) continue;

            await connection.ExecuteAsync(kind.Bump, new { id = dependentId }, transaction);
            await Revisions.AddAsync(connection, transaction, kind.Resource.Type, dependentId, current.Revision + 1, "updated",
                System.Text.Encoding.UTF8.GetBytes(now), keyName);
        }
    }

    /// <summary>
    /// The records that show part of a record of this type, as (type, id): those that cite a source, and those
    /// that show an entity's name. Records of the other types are shown by no other record.
    /// </summary>
    internal static string? DependentsOf(RecordType type) => type switch
    {
        RecordType.Source => DependentsOfSource,
        RecordType.Entity => DependentsOfEntity,
        RecordType.Event or RecordType.Figure or RecordType.Statement => null,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Say which records show a record of this type."),
    };

    internal const string DependentsOfSource = """
        select distinct record_type, record_id from citations where source_id = @id
        """;

    internal const string DependentsOfEntity = """
        select 'figure', id from figures where reported_by = @id
        union select 'figure', id from figures where counted_by = @id
        union select 'statement', id from statements where speaker_id = @id
        union select 'statement', s.id from entity_roles r join statements s on s.speaker_role_id = r.id where r.organization_id = @id
        union select 'event', event_id from event_participants where entity_id = @id
        union select 'entity', id from entities where parent_id = @id
        union select 'entity', entity_id from entity_roles where organization_id = @id
        """;

    public static async Task<int> BackfillAsync(Db db, JsonSerializerOptions json, CancellationToken ct = default)
    {
        // On PostgreSQL every record arrives with its revision: by the app's own writes and imports, or in the copy
        // of a SQLite file whose records had theirs (the bundled records are loaded that way). Its tables have no rowid
        // to keep a mark by.
        if (db.Dialect != Dialect.Sqlite) return 0;
        var written = 0;
        await using var connection = await db.OpenAsync(ct);
        foreach (var (resource, withoutHistory, lastRowid, _) in Kinds)
        {
            var type = resource.Type;
            // Records up to the mark are known to have history, so a start looks only at those added since:
            // checking every record took seconds on a large database.
            var name = Wire<RecordType>.Name(type);
            var mark = await connection.ExecuteScalarAsync<long?>("select max_rowid from history_checked where record_type = @name", new { name }) ?? 0;
            if (await connection.ExecuteScalarAsync<long>(lastRowid) <= mark) continue;

            // Asked outside a write transaction first, so that a read-only database with every history opens.
            var missing = await connection.ExecuteScalarAsync<long>("select exists (" + withoutHistory + ")", new { mark, name }) == 1;
            if (!missing && db.IsReadOnly) continue;
            while (true)
            {
                await using var transaction = await db.Dialect.BeginWriteAsync(connection, ct);
                var ids = (await connection.QueryAsync<string>(withoutHistory, new { mark, name }, transaction)).AsList();
                if (ids.Count == 0)
                {
                    var last = await connection.ExecuteScalarAsync<long>(lastRowid, transaction: transaction);
                    await connection.ExecuteAsync("""
                        insert into history_checked (record_type, max_rowid) values (@name, @last)
                        on conflict (record_type) do update set max_rowid = excluded.max_rowid
                        """, new { name, last }, transaction);
                    await transaction.CommitAsync();
                    break;
                }
                foreach (var id in ids)
                {
                    var (record, revision) = (await resource.LoadRecordAsync(connection, transaction, id, ct))!.Value;
                    await Revisions.AddAsync(connection, transaction, type, id, revision, "created",
                        JsonSerializer.SerializeToUtf8Bytes(record, record.GetType(), json), "migration");
                }
                await transaction.CommitAsync();
                written += ids.Count;
            }
        }
        return written;
    }
}
