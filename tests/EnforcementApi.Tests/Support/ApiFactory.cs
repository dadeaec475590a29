using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EnforcementApi.Tests.Support;

/// <summary>
/// The real app over a real database of its own, built by the real migrations. One per test class
/// (through <see cref="IClassFixture{TFixture}"/>): a SQLite file, deleted when the class is done; or, when
/// the run is given a PostgreSQL server (<see cref="TestPostgres"/>), a database of that server made from a
/// template, dropped when the class is done.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = TempDatabase.NewPath();

    /// <summary>The class's PostgreSQL database, made when the app first starts; null on SQLite.</summary>
    string? postgresDatabase;

    /// <summary>Whether the app loads the bundled dataset (db/data); by default the tests leave it out (see <see cref="TestSettings"/>).</summary>
    protected virtual bool LoadsBundledDataset => false;

    /// <summary>Whether the app runs on the run's PostgreSQL server: when the run has one, unless a class says SQLite.</summary>
    protected virtual bool OnPostgres => TestPostgres.Server is not null;

    /// <summary>Makes the class's PostgreSQL database: by default a copy of the run's template.</summary>
    protected virtual string NewPostgresDatabase() => TestPostgres.NewDatabase(LoadsBundledDataset);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:LoadBundledDatasets", LoadsBundledDataset ? "true" : "false");
        if (!OnPostgres)
        {
            builder.UseSetting("ConnectionStrings:Enforcement", "Data Source=" + DatabasePath);
            return;
        }
        postgresDatabase ??= NewPostgresDatabase();
        builder.UseSetting("Database:Provider", "postgres");
        builder.UseSetting("ConnectionStrings:Enforcement", TestPostgres.ConnectionString(postgresDatabase));
    }

    /// <summary>The settings, as environment variables, that point a process of the app (a command) at the test database.</summary>
    public IReadOnlyDictionary<string, string> DatabaseEnvironment
    {
        get
        {
            _ = Services; // the database is made when the app starts
            return postgresDatabase is null
                ? new Dictionary<string, string> { ["ConnectionStrings__Enforcement"] = "Data Source=" + DatabasePath }
                : new Dictionary<string, string>
                {
                    ["Database__Provider"] = "postgres",
                    ["ConnectionStrings__Enforcement"] = TestPostgres.ConnectionString(postgresDatabase),
                    ["Database__LoadBundledDatasets"] = LoadsBundledDataset ? "true" : "false",
                };
        }
    }

    /// <summary>A connection straight to the test database, to arrange data the API cannot write yet.</summary>
    public DbConnection OpenDatabase()
    {
        _ = Services; // the app creates and migrates the database on start (Server would refuse a factory over Kestrel)
        DbConnection connection = postgresDatabase is null
            ? new SqliteConnection($"Data Source={DatabasePath};Foreign Keys=True")
            : new NpgsqlConnection(TestPostgres.ConnectionString(postgresDatabase));
        connection.Open();
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TempDatabase.Delete(DatabasePath);
        if (postgresDatabase is not null) TestPostgres.Drop(postgresDatabase);
    }
}

/// <summary>The app on a PostgreSQL database made elsewhere: one of several API processes on one database. It drops the database when disposed.</summary>
public sealed class ApiFactoryOn(string database) : ApiFactory
{
    protected override string NewPostgresDatabase() => database;
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
