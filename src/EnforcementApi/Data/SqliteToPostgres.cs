using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace EnforcementApi.Data;

/// <summary>
/// Copies every row of a SQLite database into an empty PostgreSQL database of the same schema version: how
/// the bundled dataset reaches PostgreSQL (loaded into a SQLite file through the import path, then copied, so
/// every record was checked as a write is and has its revision), and how a SQLite deployment moves.
/// One transaction: a failure leaves the PostgreSQL database as it was.
/// </summary>
public static class SqliteToPostgres
{
    /// <summary>Tables that are SQLite's own or rebuilt by the target: its migrations, the FTS5 index and its shadow tables.</summary>
    internal static bool Skipped(string table) =>
        table is "schema_migrations" || table.StartsWith("sqlite_", StringComparison.Ordinal) || table.StartsWith("search_text", StringComparison.Ordinal);

    public static async Task<long> CopyAsync(SqliteConnection from, NpgsqlConnection to, CancellationToken ct = default)
    {
        var fromVersion = await from.ExecuteScalarAsync<long>("select max(version) from schema_migrations");
        var toVersion = await to.ExecuteScalarAsync<long>("select max(version) from schema_migrations");
        if (fromVersion != toVersion)
            throw new InvalidOperationException($"The SQLite database is at schema version {fromVersion} and the PostgreSQL one at {toVersion}; migrate both first.");

        await using var transaction = (NpgsqlTransaction)Dialect.Postgres.BeginWrite(to);
        var columns = (await to.QueryAsync<(string Table, string Column, string Type)>("""
            select c.table_name, c.column_name, c.data_type
            from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
            where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.is_generated = 'NEVER'
            order by c.table_name, c.ordinal_position
            """, transaction: transaction)).ToLookup(c => c.Table);
        var sqliteTables = (await from.QueryAsync<string>("select name from sqlite_master where type = 'table'")).ToHashSet(StringComparer.Ordinal);
        var tables = columns.Select(c => c.Key).Where(t => !Skipped(t) && sqliteTables.Contains(t)).ToList();

        if (!await IsNewAsync(to, transaction))
            throw new InvalidOperationException("The PostgreSQL database already holds records of its own; the copy goes only into a new database.");

        // The target's own triggers would record the copied rows a second time (history, the change feed);
        // foreign keys stay checked, each at the end of its table's COPY.
        foreach (var table in tables) await to.ExecuteAsync($"alter table \"{table}\" disable trigger user", transaction: transaction);

        // What the migrations wrote (the metrics, the seed article) is in the SQLite database too: replaced by its rows.
        var order = ForeignKeyOrder(tables, await to.QueryAsync<(string Table, string References)>("""
            select tc.table_name, ccu.table_name
            from information_schema.table_constraints tc
            join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
            where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()
            """, transaction: transaction));
        foreach (var table in Enumerable.Reverse(order))
            await to.ExecuteAsync($"delete from \"{table}\"", transaction: transaction);

        long rows = 0;
        foreach (var table in order)
        {
            var shared = await from.QueryAsync<string>("select name from pragma_table_info(@table)", new { table });
            var copied = columns[table].Where(c => shared.Contains(c.Column)).ToList();
            var list = string.Join(", ", copied.Select(c => "\"" + c.Column + "\""));
            await using (var writer = await to.BeginBinaryImportAsync($"copy \"{table}\" ({list}) from stdin (format binary)", ct))
            {
                await using var command = from.CreateCommand();
                command.CommandText = $"select {list} from \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    await writer.StartRowAsync(ct);
                    for (var i = 0; i < copied.Count; i++)
                    {
                        if (reader.IsDBNull(i)) await writer.WriteNullAsync(ct);
                        else await WriteAsync(writer, reader, i, copied[i].Type, ct);
                    }
                    rows++;
                }
                await writer.CompleteAsync(ct);
            }
        }

        foreach (var table in tables) await to.ExecuteAsync($"alter table \"{table}\" enable trigger user", transaction: transaction);
        // The ids copied are given: each identity column's next one comes after them (the schema's own function).
        await to.ExecuteAsync("select sync_identity_sequences()", transaction: transaction);
        await to.ExecuteAsync("update data_version set version = version + 1", transaction: transaction);
        await transaction.CommitAsync(ct);
        return rows;
    }

    /// <summary>Whether the database holds only what its migrations wrote: no revision (every record written has one) and no bundled dataset.</summary>
    public static async Task<bool> IsNewAsync(DbConnection connection, DbTransaction? transaction = null) =>
        !await connection.ExecuteScalarAsync<bool>(
            "select exists (select 1 from revisions) or exists (select 1 from bundled_datasets)", transaction: transaction);

    static Task WriteAsync(NpgsqlBinaryImporter writer, DbDataReader reader, int i, string type, CancellationToken ct) => type switch
    {
        "bigint" => writer.WriteAsync(reader.GetInt64(i), NpgsqlDbType.Bigint, ct),
        "integer" => writer.WriteAsync(reader.GetInt32(i), NpgsqlDbType.Integer, ct),
        "smallint" => writer.WriteAsync(reader.GetInt16(i), NpgsqlDbType.Smallint, ct),
        "boolean" => writer.WriteAsync(reader.GetInt64(i) != 0, NpgsqlDbType.Boolean, ct),
        "double precision" => writer.WriteAsync(reader.GetDouble(i), NpgsqlDbType.Double, ct),
        "numeric" => writer.WriteAsync(reader.GetDecimal(i), NpgsqlDbType.Numeric, ct),
        "bytea" => writer.WriteAsync((byte[])reader.GetValue(i), NpgsqlDbType.Bytea, ct),
        "jsonb" => writer.WriteAsync(reader.GetString(i), NpgsqlDbType.Jsonb, ct),
        _ => writer.WriteAsync(reader.GetString(i), NpgsqlDbType.Text, ct),
    };

    /// <summary>Referenced tables before the tables that reference them (a table's references to itself aside).</summary>
    internal static List<string> ForeignKeyOrder(List<string> tables, IEnumerable<(string Table, string References)> keys)
    {
        var before = keys.Where(k => k.Table != k.References && tables.Contains(k.References))
            .ToLookup(k => k.Table, k => k.References);
        var ordered = new List<string>();
        var seen = new HashSet<string>();
        void Visit(string table)
        {
            if (!seen.Add(table)) return;
            foreach (var referenced in before[table]) Visit(referenced);
            ordered.Add(table);
        }
        foreach (var table in tables.Order(StringComparer.Ordinal)) Visit(table);
        return ordered;
    }
}
