using Dapper;
using EnforcementApi.Entities;
using EnforcementApi.Events;
using EnforcementApi.Figures;
using EnforcementApi.Sources;
using EnforcementApi.Statements;
using EnforcementApi.Tests.Support;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Tests;

/// <summary>
/// Every filter and every sort of every list is answered from an index: the SQLite query planner,
/// asked with EXPLAIN QUERY PLAN about the exact SQL the API runs, never scans a whole table, and a
/// single-field sort never needs a temporary sort.
/// </summary>
public sealed class QueryPlanTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    static List<string> Plan(SqliteConnection connection, string sql, object parameters) =>
        connection.Query<(long Id, long Parent, long NotUsed, string Detail)>("explain query plan " + sql, parameters)
            .Select(row => row.Detail).ToList();

    static void AssertIndexed(List<string> plan, string what, bool sortFromIndex)
    {
        var text = what + ":\n  " + string.Join("\n  ", plan);
        Assert.True(plan.Count > 0, text);
        Assert.False(plan.Any(line => line.StartsWith("SCAN ") && !line.Contains(" USING ")), "A table is scanned whole in " + text);
        if (sortFromIndex)
            Assert.False(plan.Any(line => line.Contains("TEMP B-TREE")), "The order is not read from an index in " + text);
    }

    public static TheoryData<string?, string?> FigureQueries => new()
    {
        { "metric", null }, { "kind", null }, { "reportedBy", null }, { "source", null }, { "from", null }, { "to", null },
        { null, "periodEnd" }, { null, "-periodEnd" }, { null, "periodStart" }, { null, "-periodStart" }, { null, "value" }, { null, "-value" }, { null, "id" }, { null, "-id" },
    };

    [Theory, MemberData(nameof(FigureQueries))]
    public async Task Figures_filter_and_sort_use_an_index(string? filter, string? sort)
    {
        using var connection = factory.OpenDatabase();
        var query = new FigureListQuery
        {
            Metric = filter == "metric" ? "removals" : null,
            Kind = filter == "kind" ? "actual" : null,
            ReportedBy = filter == "reportedBy" ? "dhs" : null,
            Source = filter == "source" ? "article-ice-leadership-shakeup" : null,
            From = filter == "from" ? "2025-01-01" : null,
            To = filter == "to" ? "2025-12-31" : null,
            Sort = sort,
        };
        var list = await query.ToListQueryAsync(connection);
        Assert.False(list.Errors.Any);
        AssertIndexed(Plan(connection, list.Sql(FiguresApi.SelectFrom), list.Parameters), $"figures {filter} {sort}", sortFromIndex: sort is not null || filter is "metric" or "kind" or "reportedBy" or "from");
    }

    public static TheoryData<string?, string?> StatementQueries => new()
    {
        { "speaker", null }, { "quoteType", null }, { "source", null }, { "from", null }, { "to", null },
        { null, "saidOn" }, { null, "-saidOn" }, { null, "id" }, { null, "-id" },
    };

    [Theory, MemberData(nameof(StatementQueries))]
    public async Task Statements_filter_and_sort_use_an_index(string? filter, string? sort)
    {
        using var connection = factory.OpenDatabase();
        var list = await new StatementListQuery
        {
            Speaker = filter == "speaker" ? "tom-homan" : null,
            QuoteType = filter == "quoteType" ? "direct" : null,
            Source = filter == "source" ? "article-ice-leadership-shakeup" : null,
            From = filter == "from" ? "2025-01-01" : null,
            To = filter == "to" ? "2025-12-31" : null,
            Sort = sort,
        }.ToListQueryAsync(connection);
        Assert.False(list.Errors.Any);
        AssertIndexed(Plan(connection, list.Sql(StatementsApi.SelectFrom), list.Parameters), $"statements {filter} {sort}", sortFromIndex: sort is not null || filter is "speaker" or "quoteType" or "from");
    }

    public static TheoryData<string?, string?> EventQueries => new()
    {
        { "kind", null }, { "participant", null }, { "source", null }, { "from", null }, { "to", null },
        { null, "occurredOn" }, { null, "-occurredOn" }, { null, "id" }, { null, "-id" },
    };

    [Theory, MemberData(nameof(EventQueries))]
    public async Task Events_filter_and_sort_use_an_index(string? filter, string? sort)
    {
        using var connection = factory.OpenDatabase();
        var list = await new EventListQuery
        {
            Kind = filter == "kind" ? "arrest" : null,
            Participant = filter == "participant" ? "ice" : null,
            Source = filter == "source" ? "article-ice-leadership-shakeup" : null,
            From = filter == "from" ? "2025-01-01" : null,
            To = filter == "to" ? "2025-12-31" : null,
            Sort = sort,
        }.ToListQueryAsync(connection);
        Assert.False(list.Errors.Any);
        AssertIndexed(Plan(connection, list.Sql(EventsApi.SelectFrom), list.Parameters), $"events {filter} {sort}", sortFromIndex: sort is not null || filter is "kind" or "from");
    }

    public static TheoryData<string?, string?> EntityQueries => new()
    {
        { "kind", null }, { "parent", null }, { "source", null },
        { null, "name" }, { null, "-name" }, { null, "id" }, { null, "-id" },
    };

    [Theory, MemberData(nameof(EntityQueries))]
    public async Task Entities_filter_and_sort_use_an_index(string? filter, string? sort)
    {
        using var connection = factory.OpenDatabase();
        var list = await new EntityListQuery
        {
            Kind = filter == "kind" ? "person" : null,
            Parent = filter == "parent" ? "ice" : null,
            Source = filter == "source" ? "article-ice-leadership-shakeup" : null,
            Sort = sort,
        }.ToListQueryAsync(connection);
        Assert.False(list.Errors.Any);
        AssertIndexed(Plan(connection, list.Sql(EntitiesApi.SelectFrom), list.Parameters), $"entities {filter} {sort}", sortFromIndex: sort is not null || filter is "kind" or "parent");
    }

    public static TheoryData<string?, string?> SourceQueries => new()
    {
        { "kind", null }, { "source", null },
        { null, "publishedOn" }, { null, "-publishedOn" }, { null, "title" }, { null, "-title" }, { null, "id" }, { null, "-id" },
    };

    [Theory, MemberData(nameof(SourceQueries))]
    public async Task Sources_filter_and_sort_use_an_index(string? filter, string? sort)
    {
        using var connection = factory.OpenDatabase();
        var list = await new SourceListQuery
        {
            Kind = filter == "kind" ? "news_article" : null,
            Source = filter == "source" ? "article-ice-leadership-shakeup" : null,
            Sort = sort,
        }.ToListQueryAsync(connection);
        Assert.False(list.Errors.Any);
        AssertIndexed(Plan(connection, list.Sql(SourcesApi.SelectFrom), list.Parameters), $"sources {filter} {sort}", sortFromIndex: sort is not null || filter is "source");
    }
}
