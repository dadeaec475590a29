using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Data;
using System.Data.Common;

namespace EnforcementApi.Writes;

/// <summary>
/// What an import needs of a resource, in two steps: reading a line's body as the resource's POST reads
/// it, which touches nothing but the body (so an import reads the lines ahead on another thread while it
/// writes), then writing what was read, in the import's transaction, with every check of a write.
/// </summary>
internal interface IImportable
{
    /// <summary>The body's input, or null when the body is bad (<paramref name="errors"/> says why).</summary>
    object? Read(JsonObject body, BodyErrors errors);

    /// <summary>Creates or replaces the record read; null when it cannot be written (<paramref name="errors"/> says why).</summary>
    Task<(ChangeKind Change, string Id)?> PutAsync(
        ImportSession session, object? input, BodyErrors errors, string keyName, JsonSerializerOptions json, CancellationToken ct);
}

/// <summary>A record type's write side as code that handles every type reads it: its type, its write body, and loading a record as served.</summary>
internal interface IWritableResource : IImportable
{
    RecordType Type { get; }

    /// <summary>The write body's type, whose schema the contract names after it.</summary>
    Type InputType { get; }

    /// <summary>The record as the API serves it, with its revision; null when there is none with the id.</summary>
    Task<(object Record, long Revision)?> LoadRecordAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken ct);
}
