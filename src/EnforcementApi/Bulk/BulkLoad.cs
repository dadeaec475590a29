using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Querying;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Bulk;

/// <summary>
/// What a large import does differently: it drops the indexes that only reads use (the orders and filters
/// of the figures list, the dates of the search documents) and builds them again from their own SQL in
/// <c>sqlite_master</c> before it commits. Building an index from all its rows at once is a sort and a
/// sequential write; keeping it up to date costs every insert a search and a page write in each index.
/// Indexes that lead with a reference to a record an import writes stay, and so do unique ones: such an index
/// is how a write finds the records that refer to another (an entity's figures, which a later line renaming the
/// entity revises), and a unique index is a rule. (References to metrics and dimensions, which no import
/// changes, are only read.) DDL is transactional in SQLite, so a failed, stopped or
/// killed import leaves every index as it was.
/// </summary>
internal sealed class BulkLoad
{
    /// <summary>Lines an import writes the ordinary way before it may drop indexes; below this, keeping them costs less than building them again.</summary>
    public const int Threshold = 10_000;

    /// <summary>
    /// The size of full-text index data SQLite keeps in memory before it writes a segment: 1 MiB by
    /// default (FTS5's <c>hashsize</c>). With a million documents that is a segment every few thousand,
    /// and SQLite merges them again and again; 64 MiB halves the time to index them.
    /// </summary>
    public const int SearchBufferBytes = 64 << 20;
    const int DefaultSearchBufferBytes = 1 << 20;

    readonly List<(string Name, string Sql)> dropped;

    BulkLoad(List<(string Name, string Sql)> dropped) => this.dropped = dropped;

    /// <summary>
    /// Whether an import that has written <paramref name="lines"/> lines should write the rest in bulk: it is
    /// past the threshold and at least half as large as the table it adds to (the figures there before,
    /// <paramref name="figuresBefore"/>), whose indexes it would build again whole.
    /// </summary>
    public static bool Pays(long lines, long figuresBefore) => lines >= Threshold && lines * 2 >= figuresBefore;

    public static async Task<BulkLoad> BeginAsync(SqliteConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        // In the order they were made, to be made again in that order.
        var indexes = (await connection.QueryAsync<(string Name, string Sql)>(new CommandDefinition("""
            select m.name, m.sql
            from sqlite_master m
            where m.type = 'index' and m.sql is not null and m.tbl_name in ('figures', 'search_documents')
              and not exists (select 1 from pragma_index_list(m.tbl_name) l where l.name = m.name and l."unique")
              and not exists (select 1 from pragma_index_xinfo(m.name) x
                              join pragma_foreign_key_list(m.tbl_name) k on k."from" = x.name
                              where x.seqno = 0 and k."table" in (select value from json_each(@tables)))
            order by m.rowid
            """, new { tables = Ids.Json(RecordKinds.All.Select(k => k.Plural)) }, transaction, cancellationToken: ct))).AsList();
        foreach (var (name, _) in indexes)
            await connection.ExecuteAsync(new CommandDefinition($"drop index \"{name.Replace("\"", "\"\"")}\"", transaction: transaction, cancellationToken: ct));
        return new BulkLoad(indexes);
    }

    /// <summary>The indexes it dropped, made again: the last writes before the commit.</summary>
    public async Task EndAsync(SqliteConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        foreach (var (_, sql) in dropped)
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: ct));
    }

    /// <summary>
    /// Runs <paramref name="index"/> (the full-text indexing of what the import wrote) with SQLite's buffer of
    /// full-text data raised to <see cref="SearchBufferBytes"/>, then puts back the default. The setting is
    /// kept in the index's own config table, in the same transaction.
    /// </summary>
    public static async Task WithLargeSearchBufferAsync(SqliteConnection connection, DbTransaction transaction, Func<Task> index, CancellationToken ct)
    {
        const string Set = "insert into search_text (search_text, rank) values ('hashsize', @bytes)";
        await connection.ExecuteAsync(new CommandDefinition(Set, new { bytes = SearchBufferBytes }, transaction, cancellationToken: ct));
        await index();
        await connection.ExecuteAsync(new CommandDefinition(Set, new { bytes = DefaultSearchBufferBytes }, transaction, cancellationToken: ct));
    }
}
