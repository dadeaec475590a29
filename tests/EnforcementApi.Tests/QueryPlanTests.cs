using Dapper;
using EnforcementApi.Entities;
using EnforcementApi.Events;
using EnforcementApi.Figures;
using EnforcementApi.Search;
using EnforcementApi.Sources;
using EnforcementApi.Statements;
using EnforcementApi.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Tests;

/// <summary>
/// Every filter, sort, count and facet of every list is answered from an index: the SQLite query
/// planner, asked with EXPLAIN QUERY PLAN about the exact SQL the API runs, never scans a records table
/// whole, and a list ordered by one field reads that order from an index instead of sorting.
/// </summary>
public sealed class QueryPlanTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>resource, query string, whether the page's order must come straight from an index.</summary>
    public static TheoryData<string, string, bool> Queries => new()
    {
        { "figures", "", true },
        { "figures", "limit=1", true },
        { "figures", "metric=removals", true },
        { "figures", "metric=in:removals,arrests", false },
        { "figures", "metric=ne:removals", true },
        { "figures", "kind=actual", true },
        { "figures", "kind=in:actual,target", false },
        { "figures", "rank=preferred", true },
        { "figures", "rank=in:preferred,normal", false },
        { "figures", "reportedBy=dhs", true },
        { "figures", "reportedBy=in:dhs,stephen-miller", false },
        { "figures", "source=article-ice-leadership-shakeup", false },
        { "figures", "source=ne:article-ice-leadership-shakeup", true },
        { "figures", "value=gte:100000", false },
        { "figures", "value=gte:100000&value=lt:200000&sort=value", true },
        { "figures", "value=eq:65600", false },
        { "figures", "periodStart=gte:2025-01-01", false },
        { "figures", "periodEnd=lt:2025-05-01", true },
        { "figures", "periodEnd=ne:2025-04-29", true },
        { "figures", "from=2025-01-01", true },
        { "figures", "to=2025-12-31", false },
        { "figures", "q=deported", false },
        { "figures", "sort=periodEnd", true },
        { "figures", "sort=periodStart", true },
        { "figures", "sort=-periodStart", true },
        { "figures", "sort=value", true },
        { "figures", "sort=-value", true },
        { "figures", "sort=id", true },
        { "figures", "sort=-id", true },
        { "figures", "sort=-periodEnd,value", false },
        { "figures", "dimension=citizenship&dimensionValue=MX", true },
        { "figures", "dimension=citizenship", false },
        { "figures", "dimension=none", false },
        { "figures", "dimensionValue=in:MX,GT", false },
        { "figures", "count=true&facet=metric,kind,rank,reportedBy,source,dimension,dimensionValue", true },
        { "figures", "metric=removals&count=true&facet=metric,kind,reportedBy,source", true },
        { "statements", "", true },
        { "statements", "limit=1", true },
        { "statements", "speaker=tom-homan", true },
        { "statements", "speaker=in:tom-homan,ice", false },
        { "statements", "quoteType=direct", true },
        { "statements", "source=article-ice-leadership-shakeup", false },
        { "statements", "saidOn=gte:2025-01-01", true },
        { "statements", "saidOn=lt:2025-01-01", true },
        { "statements", "from=2025-01-01&to=2025-12-31", true },
        { "statements", "q=homan", false },
        { "statements", "sort=saidOn", true },
        { "statements", "sort=id", true },
        { "statements", "sort=-id", true },
        { "statements", "count=true&facet=speaker,quoteType,source", true },
        { "events", "", true },
        { "events", "kind=arrest", true },
        { "events", "kind=in:arrest,other", false },
        { "events", "participant=ice", false },
        { "events", "source=article-ice-leadership-shakeup", false },
        { "events", "occurredOn=gte:2025-01-01", true },
        { "events", "from=2025-01-01&to=2025-12-31", true },
        { "events", "q=realignment", false },
        { "events", "sort=occurredOn", true },
        { "events", "sort=id", true },
        { "events", "count=true&facet=kind,participant,source", true },
        { "entities", "", true },
        { "entities", "kind=person", true },
        { "entities", "parent=ice", true },
        { "entities", "parent=in:ice,dhs", false },
        { "entities", "source=article-ice-leadership-shakeup", false },
        { "entities", "q=homan", false },
        { "entities", "sort=-name", true },
        { "entities", "sort=id", true },
        { "entities", "count=true&facet=kind,parent,source", true },
        { "sources", "", true },
        { "sources", "kind=news_article", false },
        { "sources", "source=article-ice-leadership-shakeup", true },
        { "sources", "publishedOn=gte:2025-01-01", true },
        { "sources", "q=deportation", false },
        { "sources", "sort=title", true },
        { "sources", "sort=id", true },
        { "sources", "count=true&facet=kind", true },
        { "search", "q=deportation", false },
        { "search", "q=deport*&types=figure,statement&from=2025-01-01&to=2025-12-31&count=true", false },
    };

    [Theory, MemberData(nameof(Queries))]
    public async Task List_query_is_answered_from_indexes(string resource, string query, bool orderFromIndex)
    {
        using var connection = factory.OpenDatabase();
        await AssertQueryUsesIndexesAsync(connection, resource, query, orderFromIndex);
    }

    internal static async Task AssertQueryUsesIndexesAsync(SqliteConnection connection, string resource, string query, bool orderFromIndex)
    {
        var parameters = QueryHelpers.ParseQuery(query);
        string[]? Many(string name) => parameters.TryGetValue(name, out var v) ? v.Select(s => s ?? "").ToArray() : null;
        string? One(string name) => Many(name)?.Single();

        var (errors, statements, sqlParameters) = await BuildAsync(connection, resource, One, Many);
        Assert.Empty(errors);
        AssertPlans(connection, $"{resource}?{query}", statements, sqlParameters, orderFromIndex);
    }

    /// <summary>
    /// A write to a source or an entity finds the records that show it (to revise them) from indexes, and
    /// pace, discrepancies and series read their figures from indexes.
    /// </summary>
    [Theory]
    [InlineData(EnforcementApi.Writes.RecordHistory.DependentsOfSource, "article-ice-leadership-shakeup")]
    [InlineData(EnforcementApi.Writes.RecordHistory.DependentsOfEntity, "ice")]
    [InlineData(SeriesApi.FiguresSql, "removals")]
    [InlineData(DiscrepanciesApi.ActualsSql, null)]
    [InlineData(DiscrepanciesApi.ActualsOfMetricSql, "removals")]
    [InlineData(DiscrepanciesApi.ActualsOfMetricFromSql, "removals")]
    [InlineData(PaceApi.PaceSql, "removals")]
    [InlineData(PaceApi.PaceOfScopeSql, "removals")]
    public void Records_that_show_a_changed_record_and_the_figures_of_analytics_are_found_from_indexes(string sql, string? id)
    {
        using var connection = factory.OpenDatabase();
        var parameters = new { id, metric = id, scope = "US", dimension = (string?)null, dimensionValue = (string?)null, from = "2024-01-01" };
        Assert.NotEmpty(connection.Query(sql, parameters));
        AssertPlans(connection, "for " + id, [sql], parameters, orderFromIndex: false);
    }

    public static TheoryData<string, string> Sorts => new()
    {
        { "figures", "sort=-periodEnd" }, { "figures", "sort=periodStart" }, { "figures", "sort=value" }, { "figures", "sort=-id" },
        { "figures", "metric=removals&sort=-periodEnd" },
        { "statements", "sort=-saidOn" }, { "statements", "sort=id" },
        { "events", "sort=-occurredOn" }, { "events", "sort=occurredOn" },
        { "entities", "sort=name" }, { "entities", "sort=-name" },
        { "sources", "sort=-publishedOn" }, { "sources", "sort=title" },
    };

    /// <summary>A page after the first starts at the cursor's place in the index, not by scanning up to it.</summary>
    [Theory, MemberData(nameof(Sorts))]
    public async Task A_later_page_searches_the_index_from_the_cursor(string resource, string query)
    {
        var first = await factory.Seeded().CreateClient().GetJsonAsync($"/api/v1/{resource}?{query}&limit=1");
        var cursor = first.GetProperty("nextCursor").GetString();
        Assert.NotNull(cursor);

        using var connection = factory.OpenDatabase();
        var parameters = QueryHelpers.ParseQuery(query + "&cursor=" + Uri.EscapeDataString(cursor));
        string[]? Many(string name) => parameters.TryGetValue(name, out var v) ? v.Select(s => s ?? "").ToArray() : null;
        string? One(string name) => Many(name)?.Single();
        var (errors, statements, sqlParameters) = await BuildAsync(connection, resource, One, Many);
        Assert.Empty(errors);

        var plan = Plan(connection, statements[0], sqlParameters);
        Assert.False(plan.Any(line => line.StartsWith("SCAN ")), $"{resource}?{query} with a cursor scans:\n  " + string.Join("\n  ", plan));
    }

    static List<string> Plan(SqliteConnection connection, string sql, object parameters) =>
        connection.Query<(long Id, long Parent, long NotUsed, string Detail)>("explain query plan " + sql, parameters)
            .Select(row => row.Detail).ToList();

    static void AssertPlans(SqliteConnection connection, string what, List<string> statements, object sqlParameters, bool orderFromIndex)
    {
        for (var i = 0; i < statements.Count; i++)
        {
            var plan = Plan(connection, statements[i], sqlParameters);
            var shown = $"{what}\n{statements[i]}\n  " + string.Join("\n  ", plan);
            Assert.True(plan.Count > 0, shown);
            Assert.False(plan.Any(line => line.StartsWith("SCAN ") && !line.Contains(" USING ") && !line.Contains("VIRTUAL TABLE")),
                "A table is scanned whole in " + shown);
            // A full-text condition is answered by the match, never by probing the index once per record.
            Assert.False(plan.Any(line => line.Contains("search_text VIRTUAL TABLE INDEX 0:=")), "The full-text index is probed per row in " + shown);
            if (i == 0 && orderFromIndex)
                Assert.False(plan.Any(line => line.Contains("TEMP B-TREE FOR ORDER BY")), "The page's order is not read from an index in " + shown);
        }
    }

    internal static async Task<(List<string> Errors, List<string> Statements, DynamicParameters Parameters)> BuildAsync(
        SqliteConnection connection, string resource, Func<string, string?> One, Func<string, string[]?> Many) =>
        resource switch
        {
            "figures" => Sqls(await new FigureListQuery
            {
                Metric = One("metric"), Kind = One("kind"), ReportedBy = One("reportedBy"), Source = One("source"),
                Value = Many("value"), PeriodStart = Many("periodStart"), PeriodEnd = Many("periodEnd"),
                From = One("from"), To = One("to"), Q = One("q"), Sort = One("sort"), Count = One("count"), Facet = Many("facet"),
                Cursor = One("cursor"), Limit = One("limit"),
            }.ToListQueryAsync(connection), FiguresApi.SelectFrom),
            "statements" => Sqls(await new StatementListQuery
            {
                Speaker = One("speaker"), QuoteType = One("quoteType"), Source = One("source"), SaidOn = Many("saidOn"),
                From = One("from"), To = One("to"), Q = One("q"), Sort = One("sort"), Count = One("count"), Facet = Many("facet"),
                Cursor = One("cursor"), Limit = One("limit"),
            }.ToListQueryAsync(connection), StatementsApi.SelectFrom),
            "events" => Sqls(await new EventListQuery
            {
                Kind = One("kind"), Participant = One("participant"), Source = One("source"), OccurredOn = Many("occurredOn"),
                From = One("from"), To = One("to"), Q = One("q"), Sort = One("sort"), Count = One("count"), Facet = Many("facet"),
                Cursor = One("cursor"), Limit = One("limit"),
            }.ToListQueryAsync(connection), EventsApi.SelectFrom),
            "entities" => Sqls(await new EntityListQuery
            {
                Kind = One("kind"), Parent = One("parent"), Source = One("source"),
                Q = One("q"), Sort = One("sort"), Count = One("count"), Facet = Many("facet"),
                Cursor = One("cursor"), Limit = One("limit"),
            }.ToListQueryAsync(connection), EntitiesApi.SelectFrom),
            "sources" => Sqls(await new SourceListQuery
            {
                Kind = One("kind"), Source = One("source"), PublishedOn = Many("publishedOn"),
                Q = One("q"), Sort = One("sort"), Count = One("count"), Facet = Many("facet"),
                Cursor = One("cursor"), Limit = One("limit"),
            }.ToListQueryAsync(connection), SourcesApi.SelectFrom),
            _ => Sqls(new SearchParameters
            {
                Q = One("q"), Types = One("types"), From = One("from"), To = One("to"), Count = One("count"),
            }.ToListQuery(), SearchApi.SelectFrom),
        };

    /// <summary>The statements one list request runs: its page, then its count and facets.</summary>
    static (List<string> Errors, List<string> Statements, DynamicParameters Parameters) Sqls<TRow>(
        EnforcementApi.Querying.ListQuery<TRow> list, string selectFrom)
    {
        if (list.Errors.Any) return (["invalid query"], [], list.Parameters);
        var statements = new List<string> { list.Sql(selectFrom), list.CountSql() };
        statements.AddRange(list.FacetQueries().Select(f => f.Sql));
        return ([], statements, list.Parameters);
    }
}

/// <summary>
/// The same plans on a database with the statistics of a large one: with them SQLite weighs joins
/// differently, and a list must still read its order from an index instead of sorting every record.
/// </summary>
public sealed class QueryPlanWithStatisticsTests(StatisticsDatabase database) : IClassFixture<StatisticsDatabase>
{
    public static TheoryData<string, string, bool> Queries => QueryPlanTests.Queries;

    [Theory, MemberData(nameof(Queries))]
    public async Task List_query_is_answered_from_indexes_with_statistics(string resource, string query, bool orderFromIndex)
    {
        using var connection = database.Open();
        await QueryPlanTests.AssertQueryUsesIndexesAsync(connection, resource, query, orderFromIndex);
    }
}

/// <summary>
/// A test database whose statistics say it holds 100,000 records of each type (those of a generated
/// database, in Support/statistics-100k.sql): SQLite plans from the statistics, not from the rows.
/// </summary>
public sealed class StatisticsDatabase : IDisposable
{
    readonly ApiFactory factory = new();

    public StatisticsDatabase()
    {
        using var connection = factory.OpenDatabase();
        connection.Execute("analyze; delete from sqlite_stat1;");
        connection.Execute(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Support", "statistics-100k.sql")));
        connection.Execute("analyze sqlite_schema;");
    }

    public SqliteConnection Open() => factory.OpenDatabase();

    public void Dispose() => factory.Dispose();
}
