using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EnforcementApi.Data;

/// <summary>
/// Copies a PostgreSQL database into a new SQLite file of the same schema version, table by table and row by row:
/// the dataset download of a PostgreSQL deployment, which is a SQLite file as on SQLite. The rows are the server's
/// own (the records, their revisions and the change feed with their ids, times and key names), so a reader of the
/// file cannot tell which engine it came from; an export and an import would have written new revisions. The copy
/// reads one snapshot (a REPEATABLE READ transaction) while writers go on, and leaves out the API keys and the
/// idempotency records, as the SQLite download does.
/// </summary>
internal static class PostgresToSqlite
{
    /// <summary>Tables left out: SQLite's own, the FTS5 index (rebuilt from the copied documents) and what stays private.</summary>
    static bool Skipped(string table) =>
        SqliteToPostgres.Skipped(table) || table is "api_keys" or "idempotency_keys";

    public static async Task<long> CopyAsync(Db postgres, string path, CancellationToken ct)
    {
        var target = new Db(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        new Migrator(target, NullLogger<Migrator>.Instance).ApplyPending();

        await using var from = (NpgsqlConnection)await postgres.OpenAsync(ct);
        await using var snapshot = await from.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await from.ExecuteAsync("set transaction read only", transaction: snapshot);
        await using var to = (SqliteConnection)await target.OpenAsync(ct);

        var fromVersion = await from.ExecuteScalarAsync<long>("select max(version) from schema_migrations", transaction: snapshot);
        var toVersion = await to.ExecuteScalarAsync<long>("select max(version) from schema_migrations");
        if (fromVersion != toVersion)
            throw new InvalidOperationException($"The PostgreSQL database is at schema version {fromVersion} and this build's SQLite schema at {toVersion}.");

        var postgresColumns = (await from.QueryAsync<(string Table, string Column)>("""
            select table_name, column_name from information_schema.columns where table_schema = current_schema()
            """, transaction: snapshot)).Select(c => (c.Table, c.Column)).ToHashSet();
        var tables = (await to.QueryAsync<string>("select name from sqlite_master where type = 'table'"))
            .Where(t => !Skipped(t)).ToList();
        var order = SqliteToPostgres.ForeignKeyOrder(tables, await to.QueryAsync<(string Table, string References)>("""
            select m.name, k."table" from sqlite_master m join pragma_foreign_key_list(m.name) k where m.type = 'table'
            """));

        await using var transaction = to.BeginTransaction();
        // Rows come in the server's order, so a record may come before the record it refers to (an organization's
        // parent): references are checked at the commit.
        await to.ExecuteAsync("pragma defer_foreign_keys = on", transaction: transaction);
        // The triggers would derive rows a second time (search documents, ranks) from rows that are copied as
        // they are; they are put back, from their own SQL, before the commit.
        var triggers = (await to.QueryAsync<(string Name, string Sql)>(
            "select name, sql from sqlite_master where type = 'trigger' order by rowid", transaction: transaction)).AsList();
        foreach (var (name, _) in triggers)
            await to.ExecuteAsync($"drop trigger \"{name.Replace("\"", "\"\"")}\"", transaction: transaction);
        // What the migrations wrote (the metrics, the seed article) is in the PostgreSQL database too: replaced by its rows.
        foreach (var table in Enumerable.Reverse(order))
            await to.ExecuteAsync($"delete from \"{table}\"", transaction: transaction);

        long rows = 0;
        foreach (var table in order)
        {
            var columns = (await to.QueryAsync<string>("select name from pragma_table_info(@table) order by cid", new { table }, transaction))
                .Where(c => postgresColumns.Contains((table, c))).ToList();
            var list = string.Join(", ", columns.Select(c => "\"" + c + "\""));
            await using var insert = to.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"insert into \"{table}\" ({list}) values ({string.Join(", ", columns.Select((_, i) => "$" + i))})";
            var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter("$" + i, null))).ToArray();
            insert.Prepare();

            await using var select = new NpgsqlCommand($"select {list} from \"{table}\"", from, snapshot);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                for (var i = 0; i < parameters.Length; i++) parameters[i].Value = reader.GetValue(i);
                await insert.ExecuteNonQueryAsync(ct);
                rows++;
            }
        }

        await to.ExecuteAsync("insert into search_text (search_text) values ('rebuild')", transaction: transaction);
        foreach (var (_, sql) in triggers) await to.ExecuteAsync(sql, transaction: transaction);
        await transaction.CommitAsync(ct);
        return rows;
    }
}
