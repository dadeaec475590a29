using EnforcementApi.Bulk;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Writes;

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
        if (services.GetRequiredService<IConfiguration>().GetValue("Database:LoadBundledDatasets", true))
            await BundledData.LoadPendingAsync(db, json, services.GetRequiredService<ILoggerFactory>().CreateLogger("EnforcementApi"), CancellationToken.None);
        await BundledData.LoadSourceTextsAsync(db, CancellationToken.None);
        await RecordHistory.BackfillAsync(db, json);
        return db;
    }
}
