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

    /// <summary>
    /// Whether this run is on PostgreSQL and the request is one PostgreSQL does not answer yet (exports, the dataset
    /// download, drafts: step 2 of the port): there it must answer 501 with a problem that says so, never a 500.
    /// </summary>
    public static bool NotYet(string url) => Server is not null && NotOnPostgresYet(url);

    public static bool NotOnPostgresYet(string url)
    {
        var path = url.Split('?')[0];
        return path.StartsWith("/api/v1/export", StringComparison.Ordinal) || path.StartsWith("/api/v1/dataset", StringComparison.Ordinal)
               || path.Contains("/drafts", StringComparison.Ordinal);
    }

    /// <summary>Asserts the answer PostgreSQL gives a request of step 2: 501, as a problem naming PostgreSQL.</summary>
    public static async Task AssertNotYetAsync(HttpResponseMessage response, string url)
    {
        var body = await response.Content.ReadAsStringAsync();
        Xunit.Assert.True(response.StatusCode == System.Net.HttpStatusCode.NotImplemented, $"{url} answered {(int)response.StatusCode} on PostgreSQL, not 501: {body}");
        if (response.RequestMessage?.Method != HttpMethod.Head)
            Xunit.Assert.Contains("not available on PostgreSQL yet", body);
    }

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
