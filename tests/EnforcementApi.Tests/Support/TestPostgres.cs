using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace EnforcementApi.Tests.Support;

/// <summary>
/// The PostgreSQL server a run of the tests is given (<c>ENFORCEMENT_TEST_POSTGRES</c>, an Npgsql connection string
/// to a server the tests may create databases on; <c>.ci/run</c> starts a throwaway cluster and sets it). Without
/// it every test runs on SQLite. With it, each test class gets a database of its own, copied from a template the
/// real app made once (migrated, and with or without the bundled dataset), which is far quicker than migrating
/// and loading for every class.
/// </summary>
public static class TestPostgres
{
    public static string? Server { get; } = Environment.GetEnvironmentVariable("ENFORCEMENT_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    static readonly string Run = Guid.NewGuid().ToString("N")[..8];
    static readonly Lazy<string> Plain = new(() => MakeTemplate(withDataset: false));
    static readonly Lazy<string> WithDataset = new(() => MakeTemplate(withDataset: true));

    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = database }.ToString();

    /// <summary>A new database for one test class, from the template.</summary>
    public static string NewDatabase(bool withDataset)
    {
        var template = withDataset ? WithDataset.Value : Plain.Value;
        var name = "t_" + Run + "_" + Guid.NewGuid().ToString("N")[..12];
        Admin($"create database {name} template {template}");
        return name;
    }

    /// <summary>A new database with the schema and nothing else (no app has started on it): what a copy goes into.</summary>
    public static string NewMigratedDatabase()
    {
        var name = "t_" + Run + "_" + Guid.NewGuid().ToString("N")[..12];
        Admin($"create database {name}");
        new EnforcementApi.Data.Migrator(new EnforcementApi.Data.Db(ConnectionString(name), dialect: EnforcementApi.Data.Dialect.Postgres),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<EnforcementApi.Data.Migrator>.Instance).ApplyPending();
        return name;
    }

    public static void Drop(string database)
    {
        NpgsqlConnection.ClearAllPools();
        Admin($"drop database if exists {database} with (force)");
    }

    static string MakeTemplate(bool withDataset)
    {
        var name = "template_" + Run + (withDataset ? "_dataset" : "_plain");
        Admin($"create database {name}");
        using (var app = new TemplateApp(name, withDataset)) _ = app.Services; // the app migrates and loads it on start
        // A template cannot be copied while anything is connected to it.
        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Admin($"drop database if exists {name} with (force)");
        return name;
    }

    static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Pooling = false }.ToString());
        connection.Open();
        connection.Execute(sql);
    }

    sealed class TemplateApp(string database, bool withDataset) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Database:Provider", "postgres");
            builder.UseSetting("ConnectionStrings:Enforcement", ConnectionString(database));
            builder.UseSetting("Database:LoadBundledDatasets", withDataset ? "true" : "false");
        }
    }
}
