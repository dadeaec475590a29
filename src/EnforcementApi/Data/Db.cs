using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EnforcementApi.Data;

/// <summary>
/// Opens connections to the database. Each operation takes its own connection; the pool makes that
/// cheap, and no connection is ever shared across requests. With a statement log (<c>Database:LogStatements</c>),
/// every statement that SQLite runs is logged with its time: its text as written, never a bound value.
/// </summary>
public sealed class Db(string connectionString, long? maxPageCount = null, ILogger? statements = null)
{
    public string ConnectionString { get; } = connectionString;

    /// <summary>Whether the database is opened read-only (<c>Mode=ReadOnly</c>), or its file cannot be written.</summary>
    public bool IsReadOnly
    {
        get
        {
            var builder = new SqliteConnectionStringBuilder(ConnectionString);
            return builder.Mode == SqliteOpenMode.ReadOnly
                   || (File.Exists(builder.DataSource) && new FileInfo(builder.DataSource).IsReadOnly);
        }
    }

    public string DataSource => new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        Prepare(connection);
        return connection;
    }

    public SqliteConnection Open()
    {
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
}
