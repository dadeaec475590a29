using EnforcementApi.Bulk;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Writes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EnforcementApi;

/// <summary>
/// What the server and every command do first to the configured database: apply the migrations, load
/// the bundled datasets not yet loaded (unless <c>Database:LoadBundledDatasets</c> is false, for a
/// database of one's own records only) and the stored texts of the bundled sources, and give every
/// record its first revision.
/// </summary>
internal static class DatabaseSetup
{
    public static async Task<Db> PrepareAsync(IServiceProvider services)
    {
        services.GetRequiredService<Migrator>().ApplyPending();
        var db = services.GetRequiredService<Db>();
        var json = ApiJson.Options(services);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("EnforcementApi");
        var withDatasets = services.GetRequiredService<IConfiguration>().GetValue("Database:LoadBundledDatasets", true);
        if (db.Dialect == Dialect.Postgres)
        {
            await PreparePostgresAsync(db, withDatasets, json, logger);
            return db;
        }
        await PrepareSqliteAsync(db, withDatasets, json, logger);
        return db;
    }

    static async Task PrepareSqliteAsync(Db db, bool withDatasets, System.Text.Json.JsonSerializerOptions json, ILogger logger)
    {
        if (withDatasets) await BundledData.LoadPendingAsync(db, json, logger, CancellationToken.None);
        await BundledData.LoadSourceTextsAsync(db, CancellationToken.None);
        await RecordHistory.BackfillAsync(db, json);
    }

    /// <summary>
    /// A new PostgreSQL database gets what a new SQLite file gets, by way of one: the same steps on a SQLite file
    /// of its own, then every row copied across, so that its records, citations and revisions are the ones a SQLite start gives.
    /// </summary>
    static async Task PreparePostgresAsync(Db db, bool withDatasets, System.Text.Json.JsonSerializerOptions json, ILogger logger)
    {
        await using (var connection = await db.OpenAsync())
            if (!await SqliteToPostgres.IsNewAsync(connection)) return;

        var path = Path.Combine(Path.GetTempPath(), $"enforcement-staging-{Guid.NewGuid():N}.db");
        try
        {
            var staging = new Db($"Data Source={path};Foreign Keys=True;Pooling=False");
            new Migrator(staging, NullLogger<Migrator>.Instance).ApplyPending();
            await PrepareSqliteAsync(staging, withDatasets, json, logger);
            await using var from = (SqliteConnection)await staging.OpenAsync();
            await using var to = (NpgsqlConnection)await db.OpenAsync();
            if (!await SqliteToPostgres.IsNewAsync(to)) return; // another process got there first
            var rows = await SqliteToPostgres.CopyAsync(from, to);
            logger.LogInformation("Loaded {Rows} rows into the new PostgreSQL database {Database}", rows, db.DataSource);
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                if (File.Exists(file)) File.Delete(file);
        }
    }
}
