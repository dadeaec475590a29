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
/// With a read replica (<see cref="Replica"/>), a request's connections go to it once <see cref="ChooseServer"/>
/// has chosen it for that request (anonymous reads: <see cref="Http.ReadRouting"/>); everything else goes to the primary.
/// </summary>
public sealed class Db : IDisposable
{
    readonly long? maxPageCount;
    readonly ILogger? statements;
    readonly NpgsqlDataSource? postgres;

    /// <summary>
    /// This request's server, chosen once when it starts (so that its cache key and its data come from the same
    /// one), for the request's flow only; a box, so that leaving the replica mid-request holds for the rest of it.
    /// </summary>
    static readonly AsyncLocal<Route?> route = new();

    sealed class Route(bool replica)
    {
        public volatile bool Replica = replica;
    }

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

    /// <summary>Chooses this request's server: the replica when it may read there and the replica is within its lag bound now.</summary>
    public void ChooseServer(bool mayReadReplica) => route.Value = new Route(mayReadReplica && Replica is { Serves: true });

    /// <summary>Whether this request's connections go to the replica.</summary>
    public bool ReadsReplica => route.Value?.Replica == true && Replica is not null;

    /// <summary>The replica failed this request: it goes on, and the next ones start, on the primary until a check succeeds.</summary>
    public void LeaveReplica(string why)
    {
        if (route.Value is { } current) current.Replica = false;
        Replica?.Failed(why);
    }

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
            catch (NpgsqlException e)
            {
                // Unreachable, starting, full: nothing has run on it yet, so this read goes to the primary.
                LeaveReplica(e.Message);
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

