namespace EnforcementApi.Search;

/// <summary>
/// Search on PostgreSQL: the generated tsvector <c>search_documents.search</c> with its GIN index, the text search
/// configuration <c>search_english</c> and the function <c>search_snippet</c> (db/postgres/019_postgres_search.sql).
/// </summary>
internal sealed class PostgresSearch : SearchSql
{
    public static readonly PostgresSearch Instance = new();

    // @q is SearchQuery.ToTsQuery()'s text: every term in it quoted, so to_tsquery reads no syntax from the client.
    // search_symbols makes the non-ASCII punctuation and symbols in the terms spaces, as in the records' text.
    const string Query = "to_tsquery('search_english', search_symbols(@q))";

    // ts_rank's weights are {D, C, B, A}: excerpts (C), body (B) and title (A) weigh 1, 4 and 10, as SQLite's bm25
    // columns do; normalization 1 divides by the log of the document's length, as BM25 favours the shorter of two
    // documents that match alike. Negated, so that the best comes first in ascending order, as bm25's does on SQLite.
    // float8: the cursor holds the rank as a double, and a real widened to a double compares exactly.
    const string Rank = "-ts_rank('{0, 0.1, 0.4, 1.0}', d.search, " + Query + ", 1)::float8";

    // search_snippet is costly to the planner, so it runs for the page's rows only, after the sort and the limit.
    const string SelectFrom = """
        select d.id, d.type, d.record_id, d.label,
               search_snippet(d.title, d.body, d.excerpts, to_tsquery('search_english', search_symbols(@q))) as snippet,
               -ts_rank('{0, 0.1, 0.4, 1.0}', d.search, to_tsquery('search_english', search_symbols(@q)), 1)::float8 as rank
        from search_documents d
        """;

    public override Querying.ListDefinition<SearchApi.HitRow> List { get; } = Define("from search_documents d", SelectFrom, Rank);

    public override string Matches => "d.search @@ " + Query;

    public override string RecordsMatching(string idSql, string type) =>
        idSql + " in (select d.record_id from search_documents d where d.search @@ " + Query + " and d.type = '" + type + "')";

    public override string Bind(SearchQuery query) => query.ToTsQuery();
}
