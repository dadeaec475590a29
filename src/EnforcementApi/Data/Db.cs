using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace EnforcementApi.Data;

/// <summary>
/// Opens connections to the database: a SQLite file (the default) or a PostgreSQL server
/// (<c>Database:Provider</c> = <c>postgres</c>). Each operation takes its own connection; the pool makes that
/// cheap, and no connection is ever shared across requests. With a statement log (<c>Database:LogStatements</c>),
/// every statement is logged with its time: its text as written, never a bound value.
/// With a read replica (<see cref="Replica"/>), a request's connections go to it once <see cref="ReadFromReplica"/>
/// has said so for that request (anonymous reads: <see cref="Http.ReadRouting"/>); everything else goes to the primary.
/// </summary>
public sealed class Db : IDisposable
{
    readonly long? maxPageCount;
    readonly ILogger? statements;
    readonly NpgsqlDataSource? postgres;

    /// <summary>Whether this request's reads may go to the replica: set for the request's flow only.</summary>
    static readonly AsyncLocal<bool> fromReplica = new();

    public Db(string connectionString, long? maxPageCount = null, ILogger? statements = null, Dialect? dialect = null,
        string? readConnectionString = null, TimeSpan? replicaMaxLag = null)
    {
        ConnectionString = connectionString;
        Dialect = dialect ?? Dialect.Sqlite;
        this.maxPageCount = maxPageCount;
        this.statements = statements;
        if (Dialect == Dialect.Postgres)
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            if (statements is not null) builder.UseLoggerFactory(new StatementLoggerFactory(statements));
            postgres = builder.Build();
            if (readConnectionString is not null)
            {
                var read = new NpgsqlDataSourceBuilder(readConnectionString);
                if (statements is not null) read.UseLoggerFactory(new StatementLoggerFactory(statements));
                Replica = new Replica(read.Build(), replicaMaxLag ?? TimeSpan.FromSeconds(5));
            }
        }
    }

    /// <summary>The read replica, when one is configured (PostgreSQL only).</summary>
    public Replica? Replica { get; }

    /// <summary>Whether the rest of this request's connections go to the replica (while it keeps within its lag bound).</summary>
    public static void ReadFromReplica(bool replica) => fromReplica.Value = replica;

    /// <summary>Whether a connection opened now goes to the replica.</summary>
    public bool ReadsReplica => fromReplica.Value && Replica is { Serves: true };

    public string ConnectionString { get; }

    public Dialect Dialect { get; }

    /// <summary>Whether the database is opened read-only (<c>Mode=ReadOnly</c>), or its file cannot be written.</summary>
    public bool IsReadOnly
    {
        get
        {
            if (postgres is not null) return false;
            var builder = new SqliteConnectionStringBuilder(ConnectionString);
            return builder.Mode == SqliteOpenMode.ReadOnly
                   || (File.Exists(builder.DataSource) && new FileInfo(builder.DataSource).IsReadOnly);
        }
    }

    /// <summary>The database's file (SQLite), or its server and name (PostgreSQL): for messages.</summary>
    public string DataSource => postgres is not null
        ? Where(new NpgsqlConnectionStringBuilder(ConnectionString))
        : new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    static string Where(NpgsqlConnectionStringBuilder server) => $"{server.Database} on {server.Host}:{server.Port}";

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (ReadsReplica)
        {
            try
            {
                return await Replica!.Source.OpenConnectionAsync(ct);
            }
            catch (NpgsqlException e) when (e is not PostgresException)
            {
                Replica!.Failed(e.Message); // unreachable: this read goes to the primary, and so do the next until a check succeeds
            }
        }
        return await OpenPrimaryAsync(ct);
    }

    /// <summary>A connection to the primary, whatever the request: for what must see the latest commit.</summary>
    public async Task<DbConnection> OpenPrimaryAsync(CancellationToken ct = default)
    {
        if (postgres is not null) return await postgres.OpenConnectionAsync(ct);
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        Prepare(connection);
        return connection;
    }

    public DbConnection Open() => Open(ReadsReplica);

    public DbConnection Open(bool replica)
    {
        if (replica && Replica is not null) return Replica.Source.OpenConnection();
        if (postgres is not null) return postgres.OpenConnection();
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        Prepare(connection);
        return connection;
    }

    void Prepare(SqliteConnection connection)
    {
        if (maxPageCount is { } pages) Limit(connection, pages);
        if (statements is not null)
            raw.sqlite3_profile(connection.Handle, static (log, sql, nanoseconds) =>
                ((ILogger)log).LogDebug("{Sql} ({DurationMs} ms)", sql, Math.Round(nanoseconds / 1e6, 3)), statements);
    }

    /// <summary><c>Database:MaxPageCount</c> caps the file's size in pages; a write past it fails as on a full disk.</summary>
    static void Limit(SqliteConnection connection, long pages)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "pragma max_page_count = " + pages.ToString(System.Globalization.CultureInfo.InvariantCulture);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        postgres?.Dispose();
        Replica?.Dispose();
    }

    /// <summary>Npgsql logs each command it runs at Information with its text and duration; here those go to the statement log.</summary>
    sealed class StatementLoggerFactory(ILogger statements) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) =>
            categoryName == "Npgsql.Command" ? statements : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void AddProvider(ILoggerProvider provider) { }

        public void Dispose() { }
    }
}

