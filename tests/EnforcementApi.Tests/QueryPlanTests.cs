using System.Data.Common;
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
using System.Reflection;
using System.Text.Json.Nodes;
using EnforcementApi.Querying;

namespace EnforcementApi.Tests;

/// <summary>
/// Every filter, sort, count and facet of every list is answered from an index: the SQLite query
/// planner, asked with EXPLAIN QUERY PLAN about the exact SQL the API runs, never scans a records table
/// whole, and a list ordered by one field reads that order from an index instead of sorting. The cases
/// come from the contract (each list's filters, with their documented examples) and the lists' own
/// definitions (their sort fields, each way, and their facets), so a filter or sort added without its
/// index fails here.
/// </summary>
[SqliteOnly(NotOnPostgres.SqliteFile)]
public sealed class QueryPlanTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>Each list's query type, by resource: what the API binds a list request to.</summary>
    static readonly Dictionary<string, Type> QueryTypes = typeof(ListParameters).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(ListParameters)))
        .ToDictionary(t => ((ListParameters)Activator.CreateInstance(t)!).List.Resource);

    static IListDefinition ListOf(string resource) => ((ListParameters)Activator.CreateInstance(QueryTypes[resource])!).List;

    /// <summary>Each list's filters as the contract documents them: a query parameter that is not about the page, with its example.</summary>
    static IEnumerable<(string Name, string Example)> Filters(string resource)
    {
        var contract = JsonNode.Parse(File.ReadAllText(Repo.PathOf("openapi", "enforcement-api.v1.json")))!;
        foreach (var parameter in contract["paths"]!["/api/v1/" + resource]!["get"]!["parameters"]!.AsArray())
        {
            var name = parameter!["name"]!.GetValue<string>();
            if (parameter["in"]!.GetValue<string>() != "query" || ListParameters.PageParameters.Contains(name)) continue;
            var example = parameter["example"]!;
            yield return (name, example is JsonArray many ? many[0]!.GetValue<string>() : example.GetValue<string>());
        }
    }

    /// <summary>
    /// Every list's requests: unfiltered with each sort (each way), each filter with its documented example alone
    /// and with each sort (each way), and each with the count and every facet; then the operators the examples do
    /// not show.
    /// </summary>
    public static TheoryData<string, string> Queries
    {
        get
        {
            // A hand-written operator case may be one the examples already give: each case once, or xUnit skips both.
            var data = new TheoryData<string, string>();
            var seen = new HashSet<(string, string)>();
            void Add(string resource, string query) { if (seen.Add((resource, query))) data.Add(resource, query); }
            foreach (var resource in QueryTypes.Keys.Order(StringComparer.Ordinal))
            {
                var list = ListOf(resource);
                var sorts = list.SortFields.SelectMany(f => new[] { f, "-" + f }).ToList();
                var filters = Filters(resource).Select(f => f.Name + "=" + Uri.EscapeDataString(f.Example)).ToList();
                Assert.NotEmpty(filters);

                Add(resource, "");
                Add(resource, "limit=1");
                foreach (var sort in sorts) Add(resource, "sort=" + sort);
                foreach (var filter in filters)
                {
                    Add(resource, filter);
                    foreach (var sort in sorts) Add(resource, filter + "&sort=" + sort);
                }
                var facets = "count=true&facet=" + string.Join(",", list.FacetFields);
                Add(resource, facets);
                foreach (var filter in filters) Add(resource, filter + "&" + facets);
            }

            // The operators of a filter, which the examples show one of.
            foreach (var (resource, query) in new[]
            {
                ("figures", "metric=in:removals,arrests"), ("figures", "metric=ne:removals"), ("figures", "metric=removals&sort=-value"),
                ("figures", "reportedBy=in:dhs,stephen-miller"), ("figures", "source=ne:article-ice-leadership-shakeup"),
                ("figures", "value=gte:100000&value=lt:200000&sort=value"), ("figures", "value=eq:65600"), ("figures", "value=eq:65600&sort=-value"),
                ("figures", "periodEnd=ne:2025-04-29"), ("figures", "sort=-periodEnd,value"),
                ("figures", "dimension=citizenship&dimensionValue=MX"), ("figures", "dimension=none"), ("figures", "dimension=ne:none"),
                ("figures", "scope=in:US,TX"), ("figures", "metric=removals&kind=actual&rank=normal&sort=value"),
                ("statements", "saidOn=lt:2025-01-01"), ("statements", "from=2025-01-01&to=2025-12-31"),
                ("events", "from=2025-01-01&to=2025-12-31"), ("entities", "parent=in:ice,dhs"),
                ("search", "q=deportation"), ("search", "q=deport*&types=figure,statement&from=2025-01-01&to=2025-12-31&count=true"),
            })
                Add(resource, query);
            return data;
        }
    }

    [Theory, MemberData(nameof(Queries))]
    public async Task List_query_is_answered_from_indexes(string resource, string query)
    {
        using var connection = factory.OpenDatabase();
        await AssertQueryUsesIndexesAsync(connection, resource, query);
    }

    /// <summary>Every list query type declares exactly the parameters its definition's filters read (and those of the page).</summary>
    [Fact]
    public void Every_list_reads_every_parameter_it_declares()
    {
        Assert.Equal(["entities", "events", "figures", "sources", "statements"], QueryTypes.Keys.Order(StringComparer.Ordinal));
        foreach (var type in QueryTypes.Values)
        {
            var instance = (ListParameters)Activator.CreateInstance(type)!;
            type.GetMethod("CheckParameters")!.Invoke(instance, null);
            Assert.Equal(
                ListParameters.PropertiesOf(type).Keys.Where(k => !ListParameters.PageParameters.Contains(k)).Order(StringComparer.Ordinal),
                Filters(instance.List.Resource).Select(f => f.Name).Order(StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// Checks every way the list may read the page (<c>ListQuery.PlanCandidates</c>: the sort's index, and the index
    /// of each filter that has one), then the way it chooses: none scans a table whole; a way that reads the sort's
    /// own index, or a filter's index whose next columns are the sort's, never sorts; a filter's index that does not
    /// give the order searches its records (a number the list counts first, up to a bound, before it reads them
    /// so). The count and the facets are read from indexes too.
    /// </summary>
    internal static async Task AssertQueryUsesIndexesAsync(DbConnection connection, string resource, string query)
    {
        var parameters = QueryHelpers.ParseQuery(query);
        string[]? Many(string name) => parameters.TryGetValue(name, out var v) ? v.Select(s => s ?? "").ToArray() : null;

        var (errors, statements, sqlParameters, candidates) = await BuildAsync(connection, resource, Many);
        Assert.True(errors.Count == 0, $"{resource}?{query}: {string.Join("; ", errors)}");
        var what = $"{resource}?{query}";
        if (candidates.Count == 0)
            AssertPlans(connection, what, statements, sqlParameters, orderFromIndex: false);
        foreach (var (index, sql, ordered) in candidates)
        {
            var plan = AssertPlans(connection, $"{what} read through {index}", [sql], sqlParameters, orderFromIndex: ordered);
            Assert.True(plan.Any(line => line.Contains(" INDEX " + index)), $"{what}: the page is not read through {index}:\n  " + string.Join("\n  ", plan));
            if (!ordered)
                Assert.True(plan.Any(line => line.StartsWith("SEARCH ") && line.Contains(" INDEX " + index)),
                    $"{what}: {index} is not searched by the filter's value:\n  " + string.Join("\n  ", plan));
        }
        AssertPlans(connection, what, statements, sqlParameters, orderFromIndex: false);
    }

    public static TheoryData<string, string?> AnalyticsSql => new()
    {
        { EnforcementApi.Writes.RecordHistory.DependentsOfSource, "article-ice-leadership-shakeup" },
        { EnforcementApi.Writes.RecordHistory.DependentsOfEntity, "ice" },
        { SeriesApi.FiguresSql, "removals" },
        { DiscrepanciesApi.ActualsSql, null },
        { DiscrepanciesApi.ActualsOfMetricSql, "removals" },
        { DiscrepanciesApi.ActualsOfMetricFromSql, "removals" },
        { PaceApi.PaceSql, "removals" },
        { PaceApi.PaceOfScopeSql, "removals" },
    };

    /// <summary>
    /// A write to a source or an entity finds the records that show it (to revise them) from indexes, and
    /// pace, discrepancies and series read their figures from indexes.
    /// </summary>
    [Theory, MemberData(nameof(AnalyticsSql))]
    public void Records_that_show_a_changed_record_and_the_figures_of_analytics_are_found_from_indexes(string sql, string? id)
    {
        using var connection = factory.OpenDatabase();
        var parameters = new { id, metric = id, scope = "US", dimension = (string?)null, dimensionValue = (string?)null, from = "2024-01-01" };
        Assert.NotEmpty(connection.Query(sql, parameters));
        _ = AssertPlans(connection, "for " + id, [sql], parameters, orderFromIndex: false);
    }

    /// <summary>Every sort of every list, each way, alone and after a filter that has an index of its own.</summary>
    public static TheoryData<string, string> Sorts
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var resource in QueryTypes.Keys.Order(StringComparer.Ordinal))
                foreach (var name in ListOf(resource).SortFields)
                {
                    data.Add(resource, "sort=" + name);
                    data.Add(resource, "sort=-" + name);
                }
            data.Add("figures", "metric=removals&sort=-periodEnd");
            return data;
        }
    }

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
        var (errors, statements, sqlParameters, _) = await BuildAsync(connection, resource, Many);
        Assert.Empty(errors);

        var plan = Plan(connection, statements[0], sqlParameters);
        Assert.False(plan.Any(line => line.StartsWith("SCAN ")), $"{resource}?{query} with a cursor scans:\n  " + string.Join("\n  ", plan));
    }

    static List<string> Plan(DbConnection connection, string sql, object parameters) =>
        connection.Query<(long Id, long Parent, long NotUsed, string Detail)>("explain query plan " + sql, parameters)
            .Select(row => row.Detail).ToList();

    static List<string> AssertPlans(DbConnection connection, string what, List<string> statements, object sqlParameters, bool orderFromIndex)
    {
        var first = new List<string>();
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
            if (i == 0) first = plan;
        }
        return first;
    }

    /// <summary>
    /// The statements one list request runs (its page as the list chooses to read it, then its count and facets),
    /// built as the API builds them, and every way the page may be read.
    /// </summary>
    internal static async Task<(List<string> Errors, List<string> Statements, DynamicParameters Parameters, List<(string Index, string Sql, bool Ordered)> Candidates)> BuildAsync(
        DbConnection connection, string resource, Func<string, string[]?> values)
    {
        if (resource == "search")
        {
            string? One(string name) => values(name)?.Single();
            return await SqlsAsync(connection, new SearchParameters { Q = One("q"), Types = One("types"), From = One("from"), To = One("to"), Count = One("count") }.ToListQuery(EnforcementApi.Data.Dialect.Sqlite));
        }
        var type = QueryTypes[resource];
        var build = typeof(QueryPlanTests).GetMethod(nameof(BuildTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type, type.BaseType!.GetGenericArguments()[0]);
        return await (Task<(List<string>, List<string>, DynamicParameters, List<(string, string, bool)>)>)build.Invoke(null, [connection, values])!;
    }

    static async Task<(List<string>, List<string>, DynamicParameters, List<(string, string, bool)>)> BuildTypedAsync<TQuery, TRow>(
        DbConnection connection, Func<string, string[]?> values) where TQuery : ListParameters<TRow>, new() =>
        await SqlsAsync(connection, await ListParameters.From<TQuery>(values).ToListQueryAsync(connection));

    /// <summary>The statements one list request runs: its page, then its count and facets; and the ways to read the page.</summary>
    static async Task<(List<string> Errors, List<string> Statements, DynamicParameters Parameters, List<(string Index, string Sql, bool Ordered)> Candidates)> SqlsAsync<TRow>(
        DbConnection connection, EnforcementApi.Querying.ListQuery<TRow> list)
    {
        if (list.Errors.Any) return (list.Errors.All.Select(e => e.Key + ": " + string.Join(" ", e.Value)).ToList(), [], list.Parameters, []);
        var candidates = list.PlanCandidates().ToList();
        await list.ChoosePlanAsync(connection, null, default);
        var statements = new List<string> { list.Sql(), list.CountSql() };
        statements.AddRange(list.FacetQueries().Select(f => f.Sql));
        return ([], statements, list.Parameters, candidates);
    }
}

/// <summary>
/// The same plans on a database with the statistics of a large one: with them SQLite weighs joins
/// differently, and a list must still read its order from an index instead of sorting every record.
/// </summary>
[SqliteOnly(NotOnPostgres.SqliteFile)]
public sealed class QueryPlanWithStatisticsTests(StatisticsDatabase database) : IClassFixture<StatisticsDatabase>
{
    public static TheoryData<string, string> Queries => QueryPlanTests.Queries;

    [Theory, MemberData(nameof(Queries))]
    public async Task List_query_is_answered_from_indexes_with_statistics(string resource, string query)
    {
        using var connection = database.Open();
        await QueryPlanTests.AssertQueryUsesIndexesAsync(connection, resource, query);
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

    public DbConnection Open() => factory.OpenDatabase();

    public void Dispose() => factory.Dispose();
}
