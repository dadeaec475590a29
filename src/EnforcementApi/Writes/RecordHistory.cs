using System.Text.Json;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Entities;
using EnforcementApi.Events;
using EnforcementApi.Figures;
using EnforcementApi.Http;
using EnforcementApi.Sources;
using EnforcementApi.Statements;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Writes;

/// <summary>
/// Gives every record that has no revision yet (the bundled records, records loaded straight into the
/// file) its first one, so that a client following the change feed from the start sees every record.
/// Runs at start; it has nothing to do once every record has a history.
/// </summary>
public static class RecordHistory
{
    delegate Task<(object Record, long Revision)?> Loader(SqliteConnection connection, SqliteTransaction transaction, string id, CancellationToken ct);

    // One statement per table, so each names its table rather than building the name.
    static readonly (RecordType Type, string WithoutHistory, Loader Load)[] Kinds =
    [
        (RecordType.Source, "select id from sources t where not exists (select 1 from revisions r where r.record_type = 'source' and r.record_id = t.id) order by id limit 1000",
            async (c, t, id, ct) => await SourcesApi.LoadAsync(c, id, ct, t) is { } x ? (x.Record, x.Revision) : null),
        (RecordType.Entity, "select id from entities t where not exists (select 1 from revisions r where r.record_type = 'entity' and r.record_id = t.id) order by id limit 1000",
            async (c, t, id, ct) => await EntitiesApi.LoadAsync(c, id, ct, t) is { } x ? (x.Record, x.Revision) : null),
        (RecordType.Event, "select id from events t where not exists (select 1 from revisions r where r.record_type = 'event' and r.record_id = t.id) order by id limit 1000",
            async (c, t, id, ct) => await EventsApi.LoadAsync(c, id, ct, t) is { } x ? (x.Record, x.Revision) : null),
        (RecordType.Figure, "select id from figures t where not exists (select 1 from revisions r where r.record_type = 'figure' and r.record_id = t.id) order by id limit 1000",
            async (c, t, id, ct) => await FiguresApi.LoadAsync(c, id, ct, t) is { } x ? (x.Record, x.Revision) : null),
        (RecordType.Statement, "select id from statements t where not exists (select 1 from revisions r where r.record_type = 'statement' and r.record_id = t.id) order by id limit 1000",
            async (c, t, id, ct) => await StatementsApi.LoadAsync(c, id, ct, t) is { } x ? (x.Record, x.Revision) : null),
    ];

    public static async Task<int> BackfillAsync(Db db, JsonSerializerOptions json, CancellationToken ct = default)
    {
        var written = 0;
        await using var connection = await db.OpenAsync(ct);
        foreach (var (type, withoutHistory, load) in Kinds)
        {
            while (true)
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                var ids = (await connection.QueryAsync<string>(withoutHistory, transaction: transaction)).AsList();
                if (ids.Count == 0) break;
                foreach (var id in ids)
                {
                    var (record, revision) = (await load(connection, transaction, id, ct))!.Value;
                    await Revisions.AddAsync(connection, transaction, type, id, revision, "created",
                        JsonSerializer.SerializeToUtf8Bytes(record, record.GetType(), json), "migration");
                }
                transaction.Commit();
                written += ids.Count;
            }
        }
        return written;
    }
}
