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
    readonly Watched primary = new(), replica = new();

    /// <summary>A connection that never writes, and the version it last saw: one on the primary, one on the replica.</summary>
    sealed class Watched
    {
        public DbConnection? Connection;
        public long Version = -1; // read across the two locks to drop old entries: a stale read only keeps an entry longer
    }

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
    /// The data version of the server this request reads (the replica's for an anonymous read, when there is one),
    /// seen by a connection of our own that never writes: it changes whenever any other connection commits. A
    /// version is one state of the data whichever server shows it, so entries are shared; those older than both
    /// servers' are dropped.
    /// </summary>
    public long DataVersion()
    {
        if (db.ReadsReplica)
        {
            try
            {
                return Read(replica, fromReplica: true);
            }
            catch (DbException e)
            {
                db.LeaveReplica(e.Message); // this request, and the next ones until a check succeeds, read the primary
            }
        }
        return Read(primary, fromReplica: false);
    }

    /// <summary>One server's version, under that server's own lock: a replica slow to answer holds up no read of the primary.</summary>
    long Read(Watched watched, bool fromReplica)
    {
        lock (watched) return ReadLocked(watched, fromReplica);
    }

    long ReadLocked(Watched watched, bool fromReplica)
    {
        watched.Connection ??= OpenWatcher(fromReplica);
        long current;
        try
        {
            current = watched.Connection.ExecuteScalar<long>(db.Dialect.DataVersionSql);
        }
        catch (DbException)
        {
            // A server restarted or a connection dropped (PostgreSQL): once more on a new connection, else the failure stands.
            watched.Connection.Dispose();
            watched.Connection = null;
            watched.Connection = OpenWatcher(fromReplica);
            current = watched.Connection.ExecuteScalar<long>(db.Dialect.DataVersionSql);
        }
        if (current != watched.Version)
        {
            watched.Version = current;
            var oldest = replica.Version < 0 ? primary.Version : Math.Min(primary.Version, replica.Version);
            if (oldest < 0) oldest = current;
            foreach (var entry in entries.Keys)
                if (entry.Version < oldest) entries.TryRemove(entry, out _);
        }
        return current;
    }

    DbConnection OpenWatcher(bool fromReplica)
    {
        // PostgreSQL's version is a row every commit bumps: any connection reads it.
        if (db.Dialect != Dialect.Sqlite) return db.Open(fromReplica);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(db.ConnectionString) { Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        lock (primary) primary.Connection?.Dispose();
        lock (replica) replica.Connection?.Dispose();
    }
}
