using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using EnforcementApi.Data;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Auth;

/// <summary>What a key may do: <c>write</c> records, or also <c>admin</c>.</summary>
public enum KeyScope { Write, Admin }

/// <summary>A key as <c>keys list</c> shows it: never the key itself.</summary>
public sealed record ApiKeyInfo(string Name, KeyScope Scope, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// API keys: <c>eak_</c>, a 12-character public prefix that finds the key, and a 32-byte random secret,
/// base64url. Only the SHA-256 of the secret is stored (a random 256-bit secret needs no slow hash), and
/// it is compared in constant time.
/// </summary>
public sealed class ApiKeys(Db db)
{
    const string Marker = "eak_";

    public sealed record Verified(string Name, KeyScope Scope);

    /// <summary>Creates a key and returns it: the only time it exists outside the client.</summary>
    public string Create(string name, KeyScope scope)
    {
        var prefix = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(9));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        using var connection = db.Open();
        connection.Execute("""
            insert into api_keys (name, scope, prefix, secret_hash, created_at)
            values (@name, @scope, @prefix, @hash, @now)
            """,
            new { name, scope = Wire(scope), prefix, hash = Hash(secret), now = Timestamps.Now() });
        return Marker + prefix + "_" + secret;
    }

    public IReadOnlyList<ApiKeyInfo> List()
    {
        using var connection = db.Open();
        return connection.Query<KeyRow>("select name, scope, created_at, last_used_at, revoked_at from api_keys order by name")
            .Select(r => new ApiKeyInfo(r.Name, r.Scope == "admin" ? KeyScope.Admin : KeyScope.Write, r.CreatedAt, r.LastUsedAt, r.RevokedAt))
            .ToList();
    }

    /// <summary>Revokes the key of that name; false when there is none, or it is revoked already.</summary>
    public bool Revoke(string name)
    {
        using var connection = db.Open();
        return connection.Execute("update api_keys set revoked_at = @now where name = @name and revoked_at is null",
            new { name, now = Timestamps.Now() }) == 1;
    }

    public bool Exists(string name)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long>("select count(*) from api_keys where name = @name", new { name }) > 0;
    }

    /// <summary>The key's name and scope when the presented key is a live one; null otherwise.</summary>
    public async Task<Verified?> VerifyAsync(string presented, CancellationToken ct)
    {
        // eak_ + 12-character prefix + _ + 43-character secret
        if (presented.Length != Marker.Length + 12 + 1 + 43 || !presented.StartsWith(Marker, StringComparison.Ordinal) || presented[16] != '_')
            return null;
        var prefix = presented.Substring(Marker.Length, 12);
        var secret = presented[17..];

        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string Name, string Scope, byte[] SecretHash, string? RevokedAt, DateTimeOffset? LastUsedAt)>(
            new CommandDefinition("select name, scope, secret_hash, revoked_at, last_used_at from api_keys where prefix = @prefix", new { prefix }, cancellationToken: ct));
        if (row.Name is null || row.RevokedAt is not null) return null;
        if (!CryptographicOperations.FixedTimeEquals(Hash(secret), row.SecretHash)) return null;

        // "Last used" to the minute: writing it on every request would take the write lock for each one
        // and, by changing the database, drop the cached counts and facets of every list.
        // On a read-only database (a standby) it is not noted: the key still reads, and its writes answer 503 there.
        if (row.LastUsedAt is not { } lastUsed || DateTimeOffset.UtcNow - lastUsed > TimeSpan.FromMinutes(1))
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "update api_keys set last_used_at = @now where prefix = @prefix", new { prefix, now = Timestamps.Now() }, cancellationToken: ct));
            }
            catch (System.Data.Common.DbException e) when (Dialect.IsReadOnly(e))
            {
            }
        }
        return new Verified(row.Name, row.Scope == "admin" ? KeyScope.Admin : KeyScope.Write);
    }

    static byte[] Hash(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));

    static string Wire(KeyScope scope) => scope == KeyScope.Admin ? "admin" : "write";

    sealed class KeyRow
    {
        public string Name { get; init; } = "";
        public string Scope { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? LastUsedAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
    }
}
