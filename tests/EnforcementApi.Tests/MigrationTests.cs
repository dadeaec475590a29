using System.Diagnostics;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnforcementApi.Tests;

/// <summary>The numbered scripts of db/ are applied in order, once each, each in a transaction, and recorded.</summary>
[SqliteOnly(NotOnPostgres.SqliteFile)]
public sealed class MigrationTests : IDisposable
{
    readonly List<string> databases = [];

    string NewDatabase()
    {
        var path = TempDatabase.NewPath();
        databases.Add(path);
        return path;
    }

    public void Dispose()
    {
        foreach (var path in databases) TempDatabase.Delete(path);
    }

    static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Foreign Keys=True");
        connection.Open();
        return connection;
    }

    static async Task StartAsync(string path)
    {
        await using var factory = new PathFactory(path);
        using var client = factory.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task First_start_creates_the_file_and_records_every_migration_in_db()
    {
        var path = NewDatabase();
        Assert.False(File.Exists(path));
        await StartAsync(path);

        using var connection = Open(path);
        var recorded = connection.Query<(long Version, string Name)>("select version, name from schema_migrations order by version")
            .Select(m => $"{m.Version:000}_{m.Name}.sql").ToList();
        var files = Directory.GetFiles(Repo.PathOf("db"), "*.sql").Select(f => Path.GetFileName(f)!).Order().ToList();
        Assert.Equal(files, recorded);
        Assert.Equal("wal", connection.ExecuteScalar<string>("pragma journal_mode"));
    }

    [Fact]
    public async Task A_second_start_applies_nothing_again()
    {
        var path = NewDatabase();
        await StartAsync(path);
        string Snapshot()
        {
            using var connection = Open(path);
            return string.Join("|", connection.Query<string>("select version || ':' || applied_at from schema_migrations order by version"))
                + "|" + connection.ExecuteScalar<long>("select count(*) from citations");
        }

        var before = Snapshot();
        await StartAsync(path);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void A_failing_migration_leaves_nothing_of_itself_behind()
    {
        var path = NewDatabase();
        var migrator = new Migrator(new Db($"Data Source={path};Foreign Keys=True"), NullLogger<Migrator>.Instance);
        Migration[] migrations =
        [
            new(1, "first", "create table first_table (id integer primary key);"),
            new(2, "broken", "create table second_table (id integer primary key); insert into no_such_table values (1);"),
        ];

        Assert.ThrowsAny<SqliteException>(() => migrator.Apply(migrations));

        using var connection = Open(path);
        Assert.Equal([1L], connection.Query<long>("select version from schema_migrations"));
        Assert.Equal(1, connection.ExecuteScalar<long>("select count(*) from sqlite_master where name = 'first_table'"));
        Assert.Equal(0, connection.ExecuteScalar<long>("select count(*) from sqlite_master where name = 'second_table'"));
    }

    [Fact]
    public void Migrations_are_applied_in_version_order_whatever_order_they_are_given_in()
    {
        var path = NewDatabase();
        var migrator = new Migrator(new Db($"Data Source={path}"), NullLogger<Migrator>.Instance);
        migrator.Apply(
        [
            new(2, "second", "insert into log values ('second');"),
            new(1, "first", "create table log (entry text); insert into log values ('first');"),
        ]);

        using var connection = Open(path);
        Assert.Equal(["first", "second"], connection.Query<string>("select entry from log order by rowid"));
    }

    [Fact]
    public async Task The_app_refuses_a_database_newer_than_it_knows_with_a_clear_message_and_non_zero_exit()
    {
        var path = NewDatabase();
        await StartAsync(path);
        using (var connection = Open(path))
            connection.Execute("insert into schema_migrations (version, name, applied_at) values (999, 'from_the_future', '2030-01-01T00:00:00Z')");
        SqliteConnection.ClearAllPools();

        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [app, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        start.Environment["ConnectionStrings__Enforcement"] = "Data Source=" + path;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the app kept running on a database newer than it knows");

        Assert.NotEqual(0, process.ExitCode);
        var message = await stderr;
        Assert.Contains("schema version 999", message);
        Assert.Contains("knows versions up to", message);
        Assert.DoesNotContain("Now listening", await stdout);
    }

    sealed class PathFactory(string path) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
            builder.UseSetting("ConnectionStrings:Enforcement", "Data Source=" + path);
    }
}
