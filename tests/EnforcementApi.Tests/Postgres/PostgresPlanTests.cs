using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using EnforcementApi.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Xunit.Abstractions;

namespace EnforcementApi.Tests.Postgres;

/// <summary>
/// PostgreSQL's equivalent of <see cref="QueryPlanTests"/>: every list query of those tests (each list unfiltered,
/// with each filter's documented example, with each sort each way, with the count and every facet, and the operators
/// the examples do not show), built as the API builds it, and the next page of each sort by its cursor, is asked of
/// PostgreSQL with <c>EXPLAIN (ANALYZE, FORMAT JSON)</c> on a database of tens of thousands of records
/// (<see cref="PlanDatabase"/>), and its page must do bounded work (<see cref="PlanRule"/>).
/// On PostgreSQL the app does not choose the index (no <c>indexed by</c>): the planner does, from the statistics and
/// the values bound (the API does not prepare its statements, so each is planned with its own values, as here).
/// Ranked full-text searches are left out: ranking reads every match, by design.
/// Counts and facets read every match by design (cached until the data changes); only the page is checked here.
/// </summary>
public sealed class PostgresPlanTests(PlanDatabase database, ITestOutputHelper output) : IClassFixture<PlanDatabase>
{
    /// <summary>
    /// The list queries whose page PostgreSQL's planner does not bound on this data, each with why: kept here, not
    /// dropped from the check, until the lead decides (a PostgreSQL index or statistics, or the list choosing its plan
    /// there too, as <c>ListQuery.ChoosePlanAsync</c> does on SQLite). Each is checked to be still unbounded, so one
    /// that a change bounds fails here and moves back to the checked queries. The planner walks the sort's index and
    /// tests each row, having assumed the matches spread evenly along it; they are not.
    /// </summary>
    static readonly Dictionary<string, string> Unbounded = new()
    {
        // The matches of a period filter sit at one end of the other period's index (as on SQLite before its walk probe).
        ["figures?from=2025-01-01&sort=periodStart"] = "a period filter with the other period's sort",
        ["figures?periodStart=gte%3A2025-01-01&sort=periodEnd"] = "a period filter with the other period's sort",
        // Few matches (the bundled records' values), lying together along the sort's index: read and sorted, they
        // would cost a few hundred rows; walked, most of the table.
        ["figures?rank=preferred&sort=-periodStart"] = "a rare value, walked",
        ["figures?rank=preferred&sort=-value"] = "a rare value, walked",
        ["figures?countedBy=ice&sort=-value"] = "a rare value, walked",
        ["figures?dimensionValue=in%3AMX%2CGT%2CHN&sort=id"] = "rare values of in:, walked",
        ["figures?dimensionValue=in%3AMX%2CGT%2CHN&sort=-id"] = "rare values of in:, walked",
        ["entities?parent=ice&sort=-id"] = "a rare value, walked",
        // A merge join with the participants' index walks every event before ice's four (their ids sort at both ends).
        ["events?participant=ice&sort=id"] = "a rare participant, merge-joined along the id index",
        ["events?participant=ice&sort=-id"] = "a rare participant, merge-joined along the id index",
        // Three filters taken as independent: their matches are more rare together than the planner multiplies out.
        ["figures?metric=removals&kind=actual&rank=normal&sort=value"] = "correlated filters, walked",
    };

    public static TheoryData<string, string> Queries => Cases(unbounded: false);

    public static TheoryData<string, string> UnboundedQueries => Cases(unbounded: true);

    static TheoryData<string, string> Cases(bool unbounded)
    {
        var data = new TheoryData<string, string>();
        foreach (var row in QueryPlanTests.Queries)
        {
            var (resource, query) = ((string)row[0], (string)row[1]);
            // A ranked search reads every match to rank it, by design (the GIN index finds them): SameSearchTests and
            // SearchApi's plan are its checks, not this rule for pages.
            if (resource == "search" || query.Split('&').Any(p => p.StartsWith("q=", StringComparison.Ordinal))) continue;
            if (Unbounded.ContainsKey($"{resource}?{query}") == unbounded) data.Add(resource, query);
        }
        return data;
    }

    [PostgresTheory, MemberData(nameof(Queries))]
    public async Task List_page_does_bounded_work_on_postgres(string resource, string query)
    {
        using var connection = database.OpenDatabase();
        var violations = await ViolationsAsync(connection, resource, query);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [PostgresTheory, MemberData(nameof(UnboundedQueries))]
    public async Task Known_unbounded_page_is_still_unbounded_on_postgres(string resource, string query)
    {
        using var connection = database.OpenDatabase();
        Assert.True(await ViolationsAsync(connection, resource, query) is not [], $"{resource}?{query} is bounded now: take it out of Unbounded");
    }

    public static TheoryData<string, string> Sorts => QueryPlanTests.Sorts;

    /// <summary>A page after the first starts at the cursor's place in the index (the keyset condition is its Index Cond).</summary>
    [PostgresTheory, MemberData(nameof(Sorts))]
    public async Task A_later_page_does_bounded_work_on_postgres(string resource, string query)
    {
        var first = await database.CreateClient().GetJsonAsync($"/api/v1/{resource}?{query}&limit=50");
        var cursor = first.GetProperty("nextCursor").GetString();
        Assert.NotNull(cursor);
        using var connection = database.OpenDatabase();
        var violations = await ViolationsAsync(connection, resource, query + "&cursor=" + Uri.EscapeDataString(cursor));
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>The large tables are large: the rule means nothing over tables a Seq Scan is right for.</summary>
    [PostgresFact]
    public void The_records_tables_are_large()
    {
        using var connection = database.OpenDatabase();
        var rows = TableRows(connection);
        foreach (var table in new[] { "figures", "statements", "events", "sources", "entities", "citations", "revisions" })
            Assert.True(rows[table] >= PlanRule.LargeRows * 5, $"{table} holds {rows[table]:N0} rows");
    }

    /// <summary>How the page of one list request breaks <see cref="PlanRule"/>, each with the SQL and the plan; none when bounded.</summary>
    async Task<List<string>> ViolationsAsync(DbConnection connection, string resource, string query)
    {
        var parameters = QueryHelpers.ParseQuery(query);
        string[]? Many(string name) => parameters.TryGetValue(name, out var v) ? v.Select(s => s ?? "").ToArray() : null;
        var (errors, statements, sqlParameters, _) = await QueryPlanTests.BuildAsync(connection, resource, Many);
        Assert.True(errors.Count == 0, $"{resource}?{query}: {string.Join("; ", errors)}");

        var json = await connection.ExecuteScalarAsync<string>("explain (analyze, format json) " + statements[0], sqlParameters);
        var plan = JsonDocument.Parse(json!).RootElement[0].GetProperty("Plan");
        var limit = parameters.TryGetValue("limit", out var l) ? int.Parse(l!, CultureInfo.InvariantCulture) : 50;
        var rule = new PlanRule(TableRows(connection), resource, limit + 1);
        var outline = PlanRule.Outline(plan);
        output.WriteLine($"{resource}?{query}: {PlanRule.RowsRead(plan, resource):N0} rows read\n{outline}");
        return rule.Violations(plan).Select(v => $"{resource}?{query}: {v}\n{statements[0]}\n{outline}").ToList();
    }

    /// <summary>Each table's rows as the statistics say (VACUUM ANALYZE has just counted them).</summary>
    static Dictionary<string, double> TableRows(DbConnection connection) =>
        connection.Query<(string Table, double Rows)>(
                "select relname, reltuples::float8 from pg_class where relkind = 'r' and relnamespace = current_schema()::regnamespace")
            .ToDictionary(r => r.Table, r => r.Rows);
}
