// Copies a SQLite database into an empty PostgreSQL database, as a deployment moves: the migrations first (the
// copy needs the same schema version on both), then every row (EnforcementApi.Data.SqliteToPostgres), then
// VACUUM ANALYZE, so the planner has the statistics a live database's autovacuum would have given it.
//
//   dotnet bench/ToPostgres/bin/Release/net10.0/ToPostgres.dll FILE.db 'Host=...;Database=...'
//
// The API has no command for this yet; the benchmark and the tests (SameAnswersTests, PostgresPlanTests) call the same code.

using System.Diagnostics;
using EnforcementApi.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ToPostgres FILE.db POSTGRES_CONNECTION_STRING");
    return 2;
}

var clock = Stopwatch.StartNew();
new Migrator(new Db(args[1], dialect: Dialect.Postgres), NullLogger<Migrator>.Instance).ApplyPending();
await using var from = new SqliteConnection($"Data Source={args[0]};Mode=ReadOnly;Pooling=False");
await from.OpenAsync();
await using var to = new NpgsqlConnection(args[1]);
await to.OpenAsync();
var rows = await SqliteToPostgres.CopyAsync(from, to);
await using (var analyze = new NpgsqlCommand("vacuum analyze", to) { CommandTimeout = 0 })
    await analyze.ExecuteNonQueryAsync();
Console.WriteLine($"Copied {rows:N0} rows from {args[0]} into PostgreSQL in {clock.Elapsed.TotalSeconds:F0} s.");
return 0;
