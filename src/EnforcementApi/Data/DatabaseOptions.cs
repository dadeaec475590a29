using Microsoft.Data.Sqlite;
using Npgsql;

namespace EnforcementApi.Data;

/// <summary>Where the database lives (<c>ConnectionStrings:Enforcement</c>) and which engine it is (<c>Database:Provider</c>).</summary>
public sealed class DatabaseOptions
{
    public string ConnectionString { get; set; } = "";

    /// <summary><c>sqlite</c> (the default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>A read replica of the PostgreSQL primary (<c>ConnectionStrings:EnforcementRead</c>); null for none.</summary>
    public string? ReadConnectionString { get; set; }

    /// <summary>How far behind the primary the replica may be and still serve anonymous reads (<c>Database:ReplicaMaxLagSeconds</c>).</summary>
    public double ReplicaMaxLagSeconds { get; set; } = 5;

    /// <summary>
    /// A PostgreSQL connection string as configured, with a lock timeout as long as SQLite's busy timeout, so
    /// that a write waiting for another writer's lock answers 503 before the request times out, unless the
    /// connection string's Options set one.
    /// </summary>
    internal static string ResolvePostgres(string configured, int busyTimeoutSeconds = 5)
    {
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (builder.Options?.Contains("lock_timeout", StringComparison.Ordinal) != true)
            builder.Options = ((builder.Options ?? "") + " -c lock_timeout=" + busyTimeoutSeconds * 1000).Trim();
        return builder.ToString();
    }

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
