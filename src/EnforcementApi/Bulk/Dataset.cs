using Dapper;
using EnforcementApi.Data;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Bulk;

/// <summary>A copy of the whole database to give away: consistent, and without what must stay private.</summary>
internal static class Dataset
{
    /// <summary>
    /// Writes a snapshot to a new temporary file and returns its path. VACUUM INTO reads one consistent
    /// state of the database while writers go on; the copy then loses the API keys (their hashes) and the
    /// idempotency records (requests of named keys), with secure_delete so no freed page still holds them.
    /// On PostgreSQL the file is made the same way from a copy of one snapshot of the server's tables.
    /// </summary>
    public static async Task<string> SnapshotAsync(Db db, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"enforcement-dataset-{Guid.NewGuid():N}.sqlite");
        if (db.Dialect == Dialect.Postgres)
            await PostgresToSqlite.CopyAsync(db, path, ct);
        else
            await using (var connection = await db.OpenAsync(ct))
                await connection.ExecuteAsync(new CommandDefinition("vacuum into @path", new { path }, cancellationToken: ct));

        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            await copy.OpenAsync(ct);
            await copy.ExecuteAsync(new CommandDefinition("""
                pragma journal_mode = delete;
                pragma secure_delete = on;
                delete from api_keys;
                delete from idempotency_keys;
                """, cancellationToken: ct));
            // A copy written row by row has free pages and a page order of its own: VACUUM makes it as compact as VACUUM INTO's.
            if (db.Dialect == Dialect.Postgres) await copy.ExecuteAsync(new CommandDefinition("vacuum", cancellationToken: ct));
        }
        return path;
    }
}
