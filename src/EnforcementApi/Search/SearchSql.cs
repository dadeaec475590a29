using EnforcementApi.Data;
using EnforcementApi.Querying;

namespace EnforcementApi.Search;

/// <summary>
/// What full-text search says differently on each engine, and nothing else: SQLite's FTS5 index
/// (<see cref="SqliteSearch"/>) or PostgreSQL's tsvector (<see cref="PostgresSearch"/>). The search list, the
/// condition of every list's <c>q=</c>, and the form the parsed query is bound in as <c>@q</c>.
/// </summary>
internal abstract class SearchSql
{
    public static SearchSql Of(Dialect dialect) => dialect == Dialect.Postgres ? PostgresSearch.Instance : SqliteSearch.Instance;

    /// <summary>The search list (<c>/api/v1/search</c>, <c>/search</c>): documents as <c>d</c>, best first by <c>rank</c>.</summary>
    public abstract ListDefinition<SearchApi.HitRow> List { get; }

    /// <summary>The condition that keeps the search list's documents that match <c>@q</c>.</summary>
    public abstract string Matches { get; }

    /// <summary><c>q=</c> on a list: the records, by their id column <paramref name="idSql"/>, whose entry of <paramref name="type"/> matches <c>@q</c>.</summary>
    public abstract string RecordsMatching(string idSql, string type);

    /// <summary>The value bound as <c>@q</c>.</summary>
    public abstract string Bind(SearchQuery query);

    /// <summary>The search list's definition: what the engines share, around their own SQL.</summary>
    protected static ListDefinition<SearchApi.HitRow> Define(string from, string selectFrom, string rank) => new()
    {
        Resource = "search",
        SelectFrom = selectFrom,
        From = from,
        IdSql = "d.id",
        IdKind = SortKind.Number,
        Id = r => r.Id,
        DefaultSort = "rank",
        DefaultLimit = QueryDocs.DefaultSearchLimit,
        RecordType = typeof(SearchHit),
        Sorts = [new SortField<SearchApi.HitRow>("rank", rank, SortKind.Number, r => r.Rank)],
        Facets = [new Facet("type", "d.type")],
    };
}
