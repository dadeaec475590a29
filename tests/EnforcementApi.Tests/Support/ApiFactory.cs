using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Tests.Support;

/// <summary>
/// The real app over a real SQLite file of its own, built by the real migrations. One per test class
/// (through <see cref="IClassFixture{TFixture}"/>); the file is deleted when the class is done.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = TempDatabase.NewPath();

    /// <summary>Whether the app loads the bundled dataset (db/data); by default the tests leave it out (see <see cref="TestSettings"/>).</summary>
    protected virtual bool LoadsBundledDataset => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Enforcement", "Data Source=" + DatabasePath);
        builder.UseSetting("Database:LoadBundledDatasets", LoadsBundledDataset ? "true" : "false");
    }

    /// <summary>A connection straight to the test database, to arrange data the API cannot write yet.</summary>
    public SqliteConnection OpenDatabase()
    {
        _ = Services; // the app creates and migrates the file on start (Server would refuse a factory over Kestrel)
        var connection = new SqliteConnection($"Data Source={DatabasePath};Foreign Keys=True");
        connection.Open();
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TempDatabase.Delete(DatabasePath);
    }
}

/// <summary>The real app over a database of its own with the bundled dataset loaded, as a new user's first start gives it.</summary>
public class DatasetApiFactory : ApiFactory
{
    protected override bool LoadsBundledDataset => true;
}

public static class TempDatabase
{
    public static string NewPath()
    {
        var directory = Path.Combine(Path.GetTempPath(), "enforcement-api-tests");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, Guid.NewGuid().ToString("N") + ".db");
    }

    public static void Delete(string path)
    {
        // Pooled connections keep the file open; release them before deleting it.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }
}
