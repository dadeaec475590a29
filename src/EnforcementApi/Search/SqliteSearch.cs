namespace EnforcementApi.Search;

/// <summary>Search on SQLite: the FTS5 table <c>search_text</c> over <c>search_documents</c> (db/004_search.sql).</summary>
internal sealed class SqliteSearch : SearchSql
{
    public static readonly SqliteSearch Instance = new();

    // Column weights of bm25(): title, body, excerpts. Lower is better; the API's score is its negation.
    const string Rank = "bm25(search_text, 10.0, 4.0, 1.0)";

    // CROSS JOIN keeps the full-text match first, so SQLite looks up only the matching documents. The
    // snippet marks matches with two private-use characters, so that the text can be HTML-escaped
    // before they become <mark> tags.
    const string SelectFrom = """
        select d.id, d.type, d.record_id, d.label,
               snippet(search_text, -1, char(57344), char(57345), '…', 16) as snippet,
               bm25(search_text, 10.0, 4.0, 1.0) as rank
        from search_text
        cross join search_documents d on d.id = search_text.rowid
        """;

    public override Querying.ListDefinition<SearchApi.HitRow> List { get; } =
        Define("from search_text\ncross join search_documents d on d.id = search_text.rowid", SelectFrom, Rank);

    public override string Matches => "search_text match @q";

    public override string RecordsMatching(string idSql, string type) =>
        idSql + " in (select d.record_id from search_text cross join search_documents d on d.id = search_text.rowid"
        + " where search_text match @q and d.type = '" + type + "')";

    public override string Bind(SearchQuery query) => query.Fts5;
}
