using System.Collections.Concurrent;
using Dapper;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Data;

/// <summary>
/// Keeps results that cost a scan to compute and stay the same until the data changes: list totals and
/// facet counts. Every entry is tagged with the data version (<see cref="Dialect.DataVersionSql"/>) as read before computing it,
/// and only entries of the current version are served, so an answer never outlives a commit, whichever
/// connection or process made it (a write through the API, an import from the command line).
/// </summary>
public sealed class QueryCache(Db db) : IDisposable
{
    const int MaxEntries = 10_000;

    readonly ConcurrentDictionary<(long Version, string Key), object> entries = new();
    readonly Lock gate = new();
    DbConnection? watcher;
    long version = -1;

    public async Task<T> GetOrAddAsync<T>(string key, Func<Task<T>> compute) where T : notnull
    {
        var current = DataVersion();
        if (entries.TryGetValue((current, key), out var hit)) return (T)hit;

        var value = await compute();
        if (entries.Count >= MaxEntries) entries.Clear();
        entries[(current, key)] = value;
        return value;
    }

    /// <summary>
    /// The data version seen by a connection of our own that never writes: it changes whenever any other
    /// connection commits. Old entries are dropped when it does.
    /// </summary>
    public long DataVersion()
    {
        lock (gate)
        {
            watcher ??= OpenWatcher();
            long current;
            try
            {
                current = watcher.ExecuteScalar<long>(db.Dialect.DataVersionSql);
            }
            catch (DbException)
            {
                // A server restarted or a connection dropped (PostgreSQL): once more on a new connection, else the failure stands.
                watcher.Dispose();
                watcher = OpenWatcher();
                current = watcher.ExecuteScalar<long>(db.Dialect.DataVersionSql);
            }
            if (current != version)
            {
                version = current;
                entries.Clear();
            }
            return current;
        }
    }

    DbConnection OpenWatcher()
    {
        // PostgreSQL's version is a row every commit bumps: any connection reads it.
        if (db.Dialect != Dialect.Sqlite) return db.Open();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(db.ConnectionString) { Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        lock (gate) watcher?.Dispose();
    }
}
