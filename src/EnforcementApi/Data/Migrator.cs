using EnforcementApi.Data;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;

namespace EnforcementApi.Data;

/// <summary>One numbered script from <c>db/</c>.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>The database was written by a newer build: it has migrations this build does not know.</summary>
public sealed class DatabaseTooNewException(string message) : Exception(message);

/// <summary>
/// Applies the numbered scripts of <c>db/</c> in order, each once, each in its own transaction, and
/// records them in <c>schema_migrations</c>.
/// </summary>
public sealed partial class Migrator(Db db, ILogger<Migrator> logger)
{
    /// <summary>The migrations embedded in this build, in version order: SQLite's, from <c>db/</c>.</summary>
    public static IReadOnlyList<Migration> Bundled { get; } = LoadBundled("db/");

    /// <summary>
    /// PostgreSQL's: for each version, <c>db/postgres/</c>'s script where SQLite's text does not run there or means
    /// something else, and SQLite's own where it is engine-neutral (the metrics, the seed article), so that both
    /// engines count the same versions and a data migration is written once.
    /// </summary>
    public static IReadOnlyList<Migration> BundledPostgres { get; } = ForPostgres(Bundled, LoadBundled("db/postgres/"));

    internal static IReadOnlyList<Migration> ForPostgres(IReadOnlyList<Migration> shared, IReadOnlyList<Migration> own)
    {
        var unknown = own.FirstOrDefault(m => shared.All(s => s.Version != m.Version));
        if (unknown is not null)
            throw new InvalidOperationException($"db/postgres/ has version {unknown.Version}, which db/ has not.");
        return shared.Select(m => own.FirstOrDefault(o => o.Version == m.Version) ?? m).ToList();
    }

    /// <summary>The migrations of the configured engine.</summary>
    public IReadOnlyList<Migration> ForThisDatabase => db.Dialect == Dialect.Postgres ? BundledPostgres : Bundled;

    public void ApplyPending() => Apply(ForThisDatabase);

    public void Apply(IReadOnlyList<Migration> migrations)
    {
        if (db.Dialect == Dialect.Sqlite && Path.GetDirectoryName(db.DataSource) is { Length: > 0 } directory)
            Directory.CreateDirectory(directory);
        using var connection = db.Open();
        // Asked first, so that a database already set up opens on a read-only server too (a hot standby).
        if (db.Dialect == Dialect.Postgres && connection.ExecuteScalar<string?>("select to_regclass('schema_migrations')::text") is null)
            connection.Execute("""
                create table if not exists schema_migrations (
                    version     bigint primary key,
                    name        text collate "C" not null,
                    applied_at  text collate "C" not null
                )
                """);
        else if (db.Dialect == Dialect.Sqlite)
            PrepareSqliteFile(connection);

        var known = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
        var newest = connection.ExecuteScalar<long?>("select max(version) from schema_migrations") ?? 0;
        if (newest > known)
            throw new DatabaseTooNewException(
                $"The database '{db.DataSource}' has schema version {newest}, but this build of EnforcementApi " +
                $"knows versions up to {known}. Run a newer build, or point ConnectionStrings__Enforcement at another database.");

        // Read first, so that a database already at this version opens read-only too.
        var done = connection.Query<long>("select version from schema_migrations").ToHashSet();
        foreach (var migration in migrations.OrderBy(m => m.Version).Where(m => !done.Contains(m.Version)))
        {
            // The write lock first, so two processes starting at once cannot both apply it.
            using var transaction = db.Dialect.BeginWrite(connection);
            var applied = connection.ExecuteScalar<long>(
                "select count(*) from schema_migrations where version = @Version", new { migration.Version }, transaction);
            if (applied > 0) continue;

            connection.Execute(migration.Sql, transaction: transaction);
            connection.Execute(
                "insert into schema_migrations (version, name, applied_at) values (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = Timestamps.Now() },
                transaction);
            transaction.Commit();
            logger.LogInformation("Applied migration {Version} {Name}", migration.Version, migration.Name);
        }
    }

    void PrepareSqliteFile(System.Data.Common.DbConnection connection)
    {
        // WAL lets readers go on while a writer commits; it is a property of the file, set once here.
        // Both steps are asked first, so that a database already set up opens read-only too.
        if (connection.ExecuteScalar<string>("pragma journal_mode") != "wal")
            connection.Execute("pragma journal_mode = wal");
        if (connection.ExecuteScalar<long>("select count(*) from sqlite_master where type = 'table' and name = 'schema_migrations'") == 0)
            connection.Execute("""
                create table schema_migrations (
                    version     integer primary key,
                    name        text not null,
                    applied_at  text not null
                ) strict
                """);
    }

    static IReadOnlyList<Migration> LoadBundled(string folder)
    {
        var assembly = typeof(Migrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(folder, StringComparison.Ordinal)) continue;
            var match = MigrationName().Match(resource[folder.Length..]);
            if (!match.Success) continue;
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                reader.ReadToEnd()));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}.");
        return migrations.OrderBy(m => m.Version).ToList();
    }

    [GeneratedRegex(@"^(?<version>\d{3})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex MigrationName();
}
