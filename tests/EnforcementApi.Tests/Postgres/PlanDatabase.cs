using Dapper;
using EnforcementApi.Tests.Hardening;
using EnforcementApi.Tests.Support;
using Npgsql;

namespace EnforcementApi.Tests.Postgres;

/// <summary>
/// The app on a PostgreSQL database large enough that the planner's choice means something (on the few hundred
/// bundled records every plan is a Seq Scan, and rightly so): the benchmark's generator writes <see cref="Records"/>
/// figures, statements and events with their sources, entities and citations into a SQLite file; the app's first
/// start on that file adds the bundled records (the ids the contract's examples name) and every revision; the file is
/// copied into PostgreSQL as a deployment moves (<see cref="EnforcementApi.Data.SqliteToPostgres"/>). The generator
/// makes a source per 50 figures and an entity per 170: those are multiplied in SQL so that their lists too are over
/// tables a Seq Scan would cost something on. Then VACUUM ANALYZE, as autovacuum leaves a live database. About a
/// minute on two cores; made once per run, and only when the run has a PostgreSQL server.
/// </summary>
public sealed class PlanDatabase : ApiFactory
{
    public const int Records = 30_000;

    protected override string NewPostgresDatabase()
    {
        var file = TempDatabase.NewPath();
        try
        {
            EnforcementApi.Bench.BenchDatabase.Write(file, Records, seed: 42);
            using (var app = new ConfiguredApiFactory(new Dictionary<string, string> { ["Database:LoadBundledDatasets"] = "true" }, file))
                _ = app.Services;

            var database = TestPostgres.NewMigratedDatabase();
            using var source = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
            source.Open();
            using var target = new NpgsqlConnection(TestPostgres.ConnectionString(database));
            target.Open();
            EnforcementApi.Data.SqliteToPostgres.CopyAsync(source, target).GetAwaiter().GetResult();
            foreach (var table in new[] { "sources", "entities" }) Multiply(target, table);
            target.Execute("vacuum analyze");
            return database;
        }
        finally
        {
            TempDatabase.Delete(file);
        }
    }

    /// <summary>
    /// Adds copies of every row under new ids until the table holds about <see cref="Records"/> rows, every other
    /// column as it is (the same kinds, dates and parents, so the values keep their spread). The table's triggers
    /// would record each copy's history; its foreign keys stay checked.
    /// </summary>
    static void Multiply(NpgsqlConnection connection, string table)
    {
        using var transaction = connection.BeginTransaction();
        var copies = Records / connection.ExecuteScalar<long>($"select count(*) from {table}", transaction: transaction);
        connection.Execute($"alter table {table} disable trigger user", transaction: transaction);
        connection.Execute($"""
            insert into {table}
            select (jsonb_populate_record(null::{table}, to_jsonb(t) || jsonb_build_object('id', t.id || '-copy-' || g))).*
            from {table} t cross join generate_series(1, {copies}) g
            """, transaction: transaction);
        connection.Execute($"alter table {table} enable trigger user", transaction: transaction);
        transaction.Commit();
    }
}
