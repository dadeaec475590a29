using System.ComponentModel;
using System.Text.Json;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using System.Data.Common;

namespace EnforcementApi.Writes;

[Description("What a change did to a record.")]
public enum ChangeKind { Created, Updated, Deleted }

/// <summary>One change to a record, with the record as it was after it.</summary>
public sealed record Revision(
    [property: Description("The record's revision number, from 1, one more with each change.")] long Number,
    [property: Description("What the change did.")] ChangeKind Change,
    [property: Description("The name of the API key that made the change (`migration` for the bundled records).")] string KeyName,
    [property: Description("When the change was committed (UTC).")] DateTimeOffset ChangedAt,
    [property: Description("The record as the API served it after the change; for a deletion, as it was when deleted.")] JsonElement Record);

/// <summary>The history of every record: one row per change, which is also the change feed.</summary>
internal static class Revisions
{
    public const string SelectFrom = """
        select r.id, r.revision, r.change, r.key_name, r.changed_at, r.record
        from revisions r
        """;

    internal static readonly ListDefinition<RevisionRow> List = new()
    {
        Resource = "revisions",
        SelectFrom = SelectFrom,
        From = "from revisions r",
        IdSql = "r.id",
        IdKind = SortKind.Number,
        Id = r => r.Id,
        DefaultSort = "id",
        RecordType = typeof(Revision),
    };

    const string InsertSql = """
        insert into revisions (record_type, record_id, revision, change, record, key_name, changed_at)
        values (@type, @id, @revision, @change, @record, @keyName, @now)
        """;

    public static Task AddAsync(
        DbConnection connection, DbTransaction transaction, RecordType type, string id, long revision,
        string change, byte[] record, string keyName)
    {
        var values = new DapperValues();
        Values(values, type, id, revision, change, keyName).Text("@record", System.Text.Encoding.UTF8.GetString(record));
        return connection.ExecuteAsync(InsertSql, values.Parameters, transaction);
    }

    /// <summary><see cref="AddAsync"/> with an import's compiled statement, the record bound as the UTF-8 it was serialized to.</summary>
    public static void Add(ImportSession session, RecordType type, string id, long revision, string change, ReadOnlySpan<byte> record, string keyName)
    {
        var insert = session.Insert(InsertSql);
        Values(insert, type, id, revision, change, keyName);
        insert.Utf8("@record", record);
        insert.Run();
    }

    static IStatementValues Values(IStatementValues values, RecordType type, string id, long revision, string change, string keyName) => values
        .Text("@type", Wire<RecordType>.Name(type)).Text("@id", id).Integer("@revision", revision).Text("@change", change)
        .Text("@keyName", keyName).Text("@now", Timestamps.Now());

    public static Revision ToRevision(RevisionRow r) =>
        new(r.Revision, Wire<ChangeKind>.Parse(r.Change), r.KeyName, r.ChangedAt, JsonDocument.Parse(r.Record).RootElement.Clone());

    internal sealed class RevisionRow
    {
        public long Id { get; init; }
        public long Revision { get; init; }
        public string Change { get; init; } = "";
        public string KeyName { get; init; } = "";
        public DateTimeOffset ChangedAt { get; init; }
        public string Record { get; init; } = "";
    }
}
