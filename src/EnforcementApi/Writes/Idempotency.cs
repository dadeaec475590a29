using EnforcementApi.Data;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using System.Data.Common;

namespace EnforcementApi.Writes;

/// <summary>
/// POSTs with an <c>Idempotency-Key</c>: the first answer is kept (per API key, for a day) and a repeat
/// of the same request gets it again, so a client that lost a response can retry without a duplicate.
/// The lookup runs inside the write transaction, so two racing repeats cannot both write.
/// </summary>
internal static class Idempotency
{
    static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    // A class, not a positional record: Dapper cannot pass a NULL cell to a constructor.
    internal sealed class Earlier
    {
        public byte[] RequestHash { get; init; } = [];
        public long Status { get; init; }
        public string? Location { get; init; }
        public byte[] Body { get; init; } = [];
        public long Revision { get; init; }

        public bool Matches(byte[] requestHash) => CryptographicOperations.FixedTimeEquals(requestHash, RequestHash);
    }

    public static async Task<Earlier?> FindAsync(DbConnection connection, DbTransaction transaction, string keyName, string idempotencyKey)
    {
        await connection.ExecuteAsync("delete from idempotency_keys where created_at < @cutoff",
            new { cutoff = Timestamps.Format(DateTimeOffset.UtcNow - Lifetime) }, transaction);
        return await connection.QuerySingleOrDefaultAsync<Earlier>("""
            select request_hash as RequestHash, status as Status, location as Location, body as Body, revision as Revision
            from idempotency_keys
            where key_name = @keyName and idempotency_key = @idempotencyKey
            """, new { keyName, idempotencyKey }, transaction);
    }

    public static Task SaveAsync(
        DbConnection connection, DbTransaction transaction, string keyName, string idempotencyKey,
        byte[] requestHash, int status, string location, byte[] body, long revision) =>
        connection.ExecuteAsync("""
            insert into idempotency_keys (key_name, idempotency_key, request_hash, status, location, body, revision, created_at)
            values (@keyName, @idempotencyKey, @requestHash, @status, @location, @body, @revision, @now)
            """,
            new { keyName, idempotencyKey, requestHash, status, location, body, revision, now = Timestamps.Now() }, transaction);

    /// <summary>The first answer again, marked as a replay.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.Created<TRecord> Replay<TRecord>(HttpContext http, Earlier earlier, JsonSerializerOptions json)
    {
        http.Response.Headers["Idempotent-Replayed"] = "true";
        http.Response.Headers.Location = earlier.Location;
        Http.ETags.Remember(http, earlier.Revision);
        return TypedResults.Created(earlier.Location, JsonSerializer.Deserialize<TRecord>(earlier.Body, json));
    }
}
