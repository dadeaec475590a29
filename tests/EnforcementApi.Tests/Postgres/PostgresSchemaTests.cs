using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EnforcementApi.Tests.Postgres;

/// <summary>
/// The schema PostgreSQL's migrations make, against the one SQLite's make, read from each engine's own catalog: the
/// same tables with the same columns in the same order, the same indexes by name (every list's filter and sort index
/// among them), text that sorts in byte order; and the start that SQLite has: migrations once, a newer build's
/// database refused.
/// </summary>
public sealed class PostgresSchemaTests : IAsyncLifetime
{
    readonly ApiFactory sqlite = new SqliteApiFactory();
    string database = "";

    public Task InitializeAsync()
    {
        if (TestPostgres.Server is not null) database = TestPostgres.NewMigratedDatabase();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await sqlite.DisposeAsync();
        if (database.Length > 0) TestPostgres.Drop(database);
    }

    NpgsqlConnection OpenPostgres()
    {
        var connection = new NpgsqlConnection(TestPostgres.ConnectionString(database));
        connection.Open();
        return connection;
    }

    /// <summary>What PostgreSQL has and SQLite has not: the data version that keys the caches (SQLite's is a pragma).</summary>
    static readonly string[] PostgresOwn = ["data_version", "data_version_pending"];

    static bool SqliteOwn(string table) => table.StartsWith("sqlite_", StringComparison.Ordinal) || table.StartsWith("search_text", StringComparison.Ordinal);

    [PostgresFact]
    public void Every_table_has_the_same_columns_in_the_same_order_on_both()
    {
        using var lite = sqlite.OpenDatabase();
        var sqliteTables = lite.Query<string>("select name from sqlite_master where type = 'table' order by name")
            .Where(t => !SqliteOwn(t))
            .ToDictionary(t => t, t => string.Join(", ", lite.Query<string>("select name from pragma_table_info(@t) order by cid", new { t })));
        using var pg = OpenPostgres();
        // A generated column is PostgreSQL's own: search_documents.search, the full-text index that FTS5's tables are on SQLite.
        var postgresTables = pg.Query<string>("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'")
            .Where(t => !PostgresOwn.Contains(t))
            .ToDictionary(t => t, t => string.Join(", ", pg.Query<string>(
                "select column_name from information_schema.columns where table_schema = 'public' and table_name = @t and is_generated = 'NEVER' order by ordinal_position", new { t })));

        Assert.Equal(sqliteTables.Keys.Order(StringComparer.Ordinal), postgresTables.Keys.Order(StringComparer.Ordinal));
        foreach (var (table, columns) in sqliteTables) Assert.True(columns == postgresTables[table], $"{table}: SQLite ({columns}), PostgreSQL ({postgresTables[table]})");
    }

    [PostgresFact]
    public void Every_index_of_sqlite_is_there_by_name_with_the_same_columns()
    {
        using var lite = sqlite.OpenDatabase();
        var sqliteIndexes = lite.Query<(string Name, string Table)>(
                "select name, tbl_name from sqlite_master where type = 'index' and sql is not null and tbl_name not like 'search_text%'")
            .ToDictionary(i => i.Name, i => i.Table);
        using var pg = OpenPostgres();
        var postgresIndexes = pg.Query<(string Name, string Table, string Definition)>(
                "select indexname, tablename, indexdef from pg_indexes where schemaname = 'public'")
            .ToDictionary(i => i.Name);

        Assert.NotEmpty(sqliteIndexes);
        foreach (var (name, table) in sqliteIndexes)
        {
            Assert.True(postgresIndexes.TryGetValue(name, out var index), $"PostgreSQL has no index {name} on {table}");
            Assert.Equal(table, index.Table);
            // The columns in order, as SQLite lists them (an expression as null): PostgreSQL's definition names each in turn.
            var columns = lite.Query<string?>("select name from pragma_index_xinfo(@name) where key = 1 order by seqno", new { name }).ToList();
            var at = 0;
            foreach (var column in columns.Where(c => c is not null))
            {
                var found = index.Definition.IndexOf(column!, at, StringComparison.Ordinal);
                Assert.True(found >= 0, $"{name}: PostgreSQL's index ({index.Definition}) does not take {column} where SQLite's does");
                at = found;
            }
        }
    }

    [PostgresFact]
    public void Every_text_column_sorts_in_byte_order_as_sqlite_does()
    {
        using var pg = OpenPostgres();
        var notC = pg.Query<string>("""
            select c.table_name || '.' || c.column_name
            from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
            where c.table_schema = 'public' and c.data_type = 'text' and c.collation_name is distinct from 'C'
            """).ToList();
        Assert.True(notC.Count == 0, "not in the C collation: " + string.Join(", ", notC));
        Assert.Equal(["B", "a", "é"], pg.Query<string>("select v from (values ('a'), ('é'), ('B')) as t(v) order by v collate \"C\"").ToList());
    }

    [PostgresFact]
    public void A_database_from_a_newer_build_is_refused_and_left_as_it_is()
    {
        using (var pg = OpenPostgres())
            pg.Execute("insert into schema_migrations (version, name, applied_at) values (999, 'from_a_newer_build', '2030-01-01T00:00:00Z')");
        var migrator = new Migrator(new Db(TestPostgres.ConnectionString(database), dialect: Dialect.Postgres), NullLogger<Migrator>.Instance);

        var refused = Assert.Throws<DatabaseTooNewException>(migrator.ApplyPending);
        Assert.Contains("999", refused.Message);
        using var after = OpenPostgres();
        Assert.Equal(Migrator.BundledPostgres.Count + 1, after.ExecuteScalar<long>("select count(*) from schema_migrations"));
    }

    [PostgresFact]
    public void Migrations_apply_once_whatever_the_starts()
    {
        var migrator = new Migrator(new Db(TestPostgres.ConnectionString(database), dialect: Dialect.Postgres), NullLogger<Migrator>.Instance);
        migrator.ApplyPending();
        migrator.ApplyPending();
        using var pg = OpenPostgres();
        Assert.Equal(Migrator.BundledPostgres.Select(m => (long)m.Version), pg.Query<long>("select version from schema_migrations order by version"));
        Assert.Equal(Migrator.Bundled.Select(m => m.Version), Migrator.BundledPostgres.Select(m => m.Version));
    }

    sealed class SqliteApiFactory : ApiFactory
    {
        protected override bool OnPostgres => false;
    }
}
