using EnforcementApi.Data;
using EnforcementApi.Entities;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EnforcementApi.Writes;

/// <summary>
/// What an import keeps for its whole transaction, so that a file of a million records costs a million
/// inserts and little else: statements compiled once, the references already found, and the names and
/// titles that records show of the records they refer to.
/// </summary>
internal sealed class ImportSession : IDisposable
{
    /// <summary>
    /// SQLite's page cache for the import's connection: 64 MiB (a negative size is in KiB). Ids do
    /// not arrive in index order, so a large import touches index pages all over; with the default 2 MiB
    /// most of them would be written out and read back again. The connection goes back to the pool
    /// afterwards, so its own size is put back.
    /// </summary>
    const string LargeCache = "pragma cache_size = -65536";

    readonly Dictionary<string, EntityRef> entities = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> sourceTitles = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> dimensionLabels = new(StringComparer.Ordinal);
    readonly Dictionary<string, IImportStatement> native = new(StringComparer.Ordinal);
    readonly long? ownCacheSize;

    public ImportSession(DbConnection connection, DbTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
        Statements = new PreparedStatements(connection, transaction);
        if (connection is NpgsqlConnection postgres) Held = new CopyBuffer(postgres, (NpgsqlTransaction)transaction);
        if (connection is not SqliteConnection) return;
        ownCacheSize = (long)Statements.Scalar("pragma cache_size")!;
        Statements.Execute(LargeCache);
    }

    public DbConnection Connection { get; }
    public DbTransaction Transaction { get; }
    public PreparedStatements Statements { get; }

    /// <summary>Whether the import writes to SQLite, whose statements it may run on the connection's own handle.</summary>
    public bool OnSqlite => Connection is SqliteConnection;

    /// <summary>On PostgreSQL, the rows of new records held to be written with COPY; null on SQLite.</summary>
    public CopyBuffer? Held { get; }

    /// <summary>The number of the line being written (from 1), for what <see cref="Held"/> writes later.</summary>
    public int Line { get; set; }

    /// <summary>Lines whose held rows the schema refused when they were written, with its message.</summary>
    public List<(int Line, string Message)> Refused { get; } = [];

    /// <summary>Writes the rows held (PostgreSQL): before any statement that must see them, and at the end.</summary>
    public async Task FlushHeldAsync(CancellationToken ct)
    {
        if (Held is not null) Refused.AddRange(await Held.FlushAsync(ct));
    }

    /// <summary>The statement that inserts a new record's row: held for COPY on PostgreSQL, else <see cref="Native"/>'s.</summary>
    public IImportStatement Insert(string sql) => Held?.Insert(sql) ?? Native(sql);

    /// <summary>The statement compiled for this SQL, once for the whole import: what a record's own rows are written with.</summary>
    public IImportStatement Native(string sql)
    {
        if (!native.TryGetValue(sql, out var statement))
            native[sql] = statement = Connection is SqliteConnection sqlite
                ? new NativeStatement(sqlite, sql)
                : new PostgresStatement((NpgsqlConnection)Connection, (NpgsqlTransaction)Transaction, sql);
        return statement;
    }

    /// <summary>
    /// Ids found by an earlier line's reference check. An import only adds and replaces records, so an
    /// id found once stays found (a line that fails rolls back only what it wrote itself).
    /// </summary>
    public ReferencesFound References { get; } = new();

    /// <summary>
    /// For each slug whose plain and <c>-2</c> ids are taken, the tag this import drew for it (as the prefix of its
    /// ids, <c>removals-fy2024-k3m9-</c>) and how many ids it has numbered under it.
    /// </summary>
    public Dictionary<(RecordType Type, string Slug), (string Prefix, int Count)> SlugTags { get; } = [];

    /// <summary>An entity as a record that refers to it shows it.</summary>
    public EntityRef EntityRef(string id)
    {
        if (entities.TryGetValue(id, out var entity)) return entity;
        using var reader = Statements.Reader("select kind, name from entities where id = @id", new { id });
        reader.Read();
        return entities[id] = new EntityRef(id, Wire<EntityKind>.Parse(reader.GetString(0)), reader.GetString(1));
    }

    /// <summary>A source's title, as a citation of it shows it.</summary>
    public string SourceTitle(string id)
    {
        if (sourceTitles.TryGetValue(id, out var title)) return title;
        return sourceTitles[id] = (string)Statements.Scalar("select title from sources where id = @id", new { id })!;
    }

    /// <summary>A dimension value's label, as a figure's breakdown shows it.</summary>
    public string DimensionLabel(string dimension, string value)
    {
        var key = DimensionValues.Key(dimension, value);
        if (dimensionLabels.TryGetValue(key, out var label)) return label;
        return dimensionLabels[key] = (string)Statements.Scalar(
            "select label from dimension_values where dimension_id = @dimension and value = @value", new { dimension, value })!;
    }

    /// <summary>Forgets the names and titles noted so far: a line went the ordinary way and may have changed them.</summary>
    public void ForgetShownNames()
    {
        entities.Clear();
        sourceTitles.Clear();
    }

    public void Dispose()
    {
        foreach (var statement in native.Values) statement.Dispose();
        Statements.Dispose();
        if (ownCacheSize is null) return;
        using var restore = Connection.CreateCommand();
        restore.Transaction = Transaction.Connection is null ? null : Transaction; // still open when the import failed
        // A pragma takes no bound parameters; the value is the number SQLite itself gave above.
        restore.CommandText = "pragma cache_size = " + ownCacheSize.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        restore.ExecuteNonQuery();
    }
}

/// <summary>Ids that a reference check found, by the kind of record referred to.</summary>
internal sealed class ReferencesFound
{
    readonly HashSet<(Referenced Kind, string Id)> found = [];

    public bool Contains(Referenced kind, string id) => found.Contains((kind, id));

    /// <summary>
    /// Notes an id that exists. Whether an entity is an organization can change with a later line that
    /// replaces it, so those are always asked again.
    /// </summary>
    public void Add(Referenced kind, string id)
    {
        if (kind != Referenced.Organization) found.Add((kind, id));
    }
}
