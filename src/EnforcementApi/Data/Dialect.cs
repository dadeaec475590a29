using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EnforcementApi.Data;

/// <summary>
/// What SQLite and PostgreSQL spell differently, and nothing else: the SQL of the features is one text for
/// both wherever one spelling works (<c>join</c>, <c>coalesce</c>, <c>is not distinct from</c>,
/// <c>on conflict do nothing</c>). Chosen by <c>Database:Provider</c>.
/// </summary>
public abstract class Dialect
{
    public static readonly Dialect Sqlite = new SqliteDialect();
    public static readonly Dialect Postgres = new PostgresDialect();

    /// <summary>The value of <c>Database:Provider</c> that chooses it.</summary>
    public abstract string Provider { get; }

    /// <summary>The dialect of an open connection, for code that is handed one.</summary>
    public static Dialect Of(DbConnection connection) => connection is NpgsqlConnection ? Postgres : Sqlite;

    public static Dialect Named(string? provider) => provider?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => Sqlite,
        "postgres" or "postgresql" => Postgres,
        _ => throw new InvalidOperationException($"Database:Provider is '{provider}'; it is 'sqlite' (the default) or 'postgres'."),
    };

    /// <summary>
    /// <c>in (…)</c> over the ids of one parameter holding a JSON array of strings (<see cref="Querying.Reference"/>):
    /// one statement text whatever the number of ids.
    /// </summary>
    public abstract string InJsonArray(string parameter);

    /// <summary>
    /// The test that a value is among the values of one list parameter: SQLite's <c>in @p</c>, which Dapper writes out
    /// as one parameter per value (so SQLite seeks each in an index), or PostgreSQL's <c>= any(@p)</c> over one array.
    /// </summary>
    public abstract string InList(string parameter);

    /// <summary>A number that changes whenever any connection or process commits a change; caches are keyed by it.</summary>
    public abstract string DataVersionSql { get; }

    /// <summary>
    /// Whether list pages choose their index themselves (<see cref="Querying.ListSql{TRow}.ChoosePlanAsync"/>,
    /// SQLite's <c>indexed by</c>). PostgreSQL's planner keeps statistics and chooses alone.
    /// </summary>
    public abstract bool ChoosesListPlans { get; }

    /// <summary>
    /// Begins a transaction holding the database's one write lock before it reads anything, so that what it
    /// reads cannot change before it writes (SQLite's <c>BEGIN IMMEDIATE</c>; a transaction-scoped advisory lock on PostgreSQL).
    /// </summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <inheritdoc cref="BeginWrite"/>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct = default);

    /// <summary>
    /// The status and detail of a database failure that is the server's state, not the client's fault (busy,
    /// read-only, full), or null for any other failure.
    /// </summary>
    public static (int Status, string Detail)? Condition(Exception exception) => exception switch
    {
        SqliteException e => SqliteDialect.Condition(e),
        PostgresException e => PostgresDialect.Condition(e),
        _ => null,
    };

    /// <summary>Whether a failure is the database refusing every write here: a read-only file, a standby, a read-only server.</summary>
    public static bool IsReadOnly(Exception exception) => exception is SqliteException { SqliteErrorCode: 8 } or PostgresException { SqlState: "25006" };

    /// <summary>
    /// The message of a failure that is one of the schema's rules (a constraint, or a trigger's check): SQLite's
    /// SQLITE_CONSTRAINT, PostgreSQL's class 23. Null for any other failure.
    /// </summary>
    public static string? ConstraintMessage(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: 19 } e => e.Message.Replace("SQLite Error 19: ", ""),
        PostgresException e when e.SqlState.StartsWith("23", StringComparison.Ordinal) => e.MessageText,
        _ => null,
    };

    const string Busy = "The database is busy with another write for longer than the busy timeout; nothing was written. Retry shortly.";
    const string ReadOnly = "The database is read-only here: reads work, writes do not; nothing was written.";
    const string Unavailable = "The database server is stopping, restarting or starting; nothing was written. Retry shortly.";
    const string Full = "The database has no room for this write (disk full or its size limit reached); nothing was written.";

    sealed class SqliteDialect : Dialect
    {
        public override string Provider => "sqlite";
        public override string InJsonArray(string parameter) => "in (select value from json_each(" + parameter + "))";
        public override string InList(string parameter) => "in " + parameter;
        public override string DataVersionSql => "pragma data_version";
        public override bool ChoosesListPlans => true;
        public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

        // SQLite's BEGIN IMMEDIATE waits for the lock in the busy handler: there is nothing to await.
        public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct = default) =>
            Task.FromResult(BeginWrite(connection));

        public static (int, string)? Condition(SqliteException e) => e.SqliteErrorCode switch
        {
            5 or 6 => (StatusCodes.Status503ServiceUnavailable, Busy),
            8 => (StatusCodes.Status503ServiceUnavailable, ReadOnly),
            13 => (StatusCodes.Status507InsufficientStorage, Full),
            // The search parser refuses malformed queries before SQLite sees them; should one still get
            // through, it is the client's query that is wrong, not the server.
            _ when e.Message.Contains("fts5:") => (StatusCodes.Status400BadRequest, "q: SQLite could not read the search query (" + e.Message + ")."),
            _ => null,
        };
    }

    sealed class PostgresDialect : Dialect
    {
        /// <summary>The key of the advisory lock every write holds: any number, the same in every process.</summary>
        const long WriteLock = 0x456e666f7263;

        public override string Provider => "postgres";
        public override string InJsonArray(string parameter) => "in (select json_array_elements_text(cast(" + parameter + " as json)))";
        public override string InList(string parameter) => "= any(" + parameter + ")";
        public override string DataVersionSql => "select version from data_version";
        public override bool ChoosesListPlans => false;

        public override DbTransaction BeginWrite(DbConnection connection)
        {
            var transaction = connection.BeginTransaction();
            connection.Execute("select pg_advisory_xact_lock(@key)", new { key = WriteLock }, transaction);
            return transaction;
        }

        public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct = default)
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(@key)", new { key = WriteLock }, transaction, cancellationToken: ct));
            return transaction;
        }

        public static (int, string)? Condition(PostgresException e) => e.SqlState switch
        {
            // serialization_failure, deadlock_detected, lock_not_available, query_canceled (the statement timeout)
            "40001" or "40P01" or "55P03" or "57014" => (StatusCodes.Status503ServiceUnavailable, Busy),
            // admin_shutdown, crash_shutdown, cannot_connect_now: the server is stopping, restarting or starting
            "57P01" or "57P02" or "57P03" => (StatusCodes.Status503ServiceUnavailable, Unavailable),
            // read_only_sql_transaction: a standby, or default_transaction_read_only
            "25006" => (StatusCodes.Status503ServiceUnavailable, ReadOnly),
            // disk_full, insufficient_resources, program_limit_exceeded of a size quota
            "53100" or "53000" => (StatusCodes.Status507InsufficientStorage, Full),
            _ => null,
        };
    }
}
