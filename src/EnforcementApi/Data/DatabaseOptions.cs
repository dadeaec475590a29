using Microsoft.Data.Sqlite;

namespace EnforcementApi.Data;

/// <summary>Where the SQLite database lives: <c>ConnectionStrings:Enforcement</c>.</summary>
public sealed class DatabaseOptions
{
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The connection string every connection opens with. A relative data source is resolved against
    /// the content root, so the file lands in the same place whatever the working directory.
    /// </summary>
    internal static string Resolve(string configured, string contentRoot, int busyTimeoutSeconds = 5)
    {
        var builder = new SqliteConnectionStringBuilder(configured);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
            throw new InvalidOperationException(
                "ConnectionStrings:Enforcement has no Data Source; set it, e.g. 'Data Source=/path/enforcement.db'.");
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        builder.ForeignKeys = true;
        // How long a write waits for another writer's lock before it answers 503: well under the request
        // timeout, so the client hears back. A Default Timeout in the connection string wins.
        if (!configured.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) builder.DefaultTimeout = busyTimeoutSeconds;
        builder.Pooling = true;
        return builder.ToString();
    }
}
