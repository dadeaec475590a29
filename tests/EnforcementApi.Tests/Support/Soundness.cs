using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Tests.Support;

/// <summary>
/// That a database is sound after a test has pushed it hard: on SQLite its file (integrity_check), its references
/// (foreign_key_check) and its full-text index (FTS5's own check); on PostgreSQL, which checks references itself,
/// that the full-text documents are exactly those the records give (search_entries), none missing and none stale.
/// </summary>
public static class Soundness
{
    public static void Assert(DbConnection connection)
    {
        if (connection is SqliteConnection)
        {
            Xunit.Assert.Equal("ok", connection.ExecuteScalar<string>("pragma integrity_check"));
            Xunit.Assert.Empty(connection.Query("pragma foreign_key_check"));
            connection.Execute("insert into search_text (search_text) values ('integrity-check')");
            return;
        }
        Xunit.Assert.Equal(0, connection.ExecuteScalar<long>("""
            select count(*) from (
                (select type, record_id, title, body, excerpts from search_entries
                 except select type, record_id, title, body, excerpts from search_documents)
                union all
                (select type, record_id, title, body, excerpts from search_documents
                 except select type, record_id, title, body, excerpts from search_entries)
            ) as differing
            """));
    }
}
