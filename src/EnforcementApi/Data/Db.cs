using Microsoft.Data.Sqlite;

namespace EnforcementApi.Data;

/// <summary>
/// Opens connections to the database. Each operation takes its own connection; the pool makes that
/// cheap, and no connection is ever shared across requests.
/// </summary>
public sealed class Db(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    public string DataSource => new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }
}
