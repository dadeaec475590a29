using System.Text.Json;

namespace EnforcementApi.Tests.Postgres;

/// <summary>
/// What "bounded work" means for a list page on PostgreSQL, read from <c>EXPLAIN (ANALYZE, FORMAT JSON)</c> of the
/// page's exact SQL. A page is one Limit over the list's table (and the lookups of what each row shows), and it costs
/// what page 1 of a small database costs only if the rows it reads do not grow with the table:
/// <list type="number">
/// <item>No Seq Scan of a large table: it reads every row, whatever the limit.</item>
/// <item>An index read without an <c>Index Cond</c> (a walk of the whole index in its order, testing each row) only
/// streams to the Limit, which stops it after a page of matches. Under a Sort, a Hash, an Aggregate or a Merge Join it
/// may run to the end of the index: a Seq Scan in index order.</item>
/// <item>A Sort under the Limit (a top-N) sorts what its input gives: rule 2 makes that input an index range found by
/// a filter's value, and it may hold at most <see cref="Budget"/> rows.</item>
/// <item>The page reads at most <see cref="Budget"/> rows of the list's table in all. This is what catches a walk
/// whose matches lie at the far end of the sort's index (or are rarer than the planner believed): it streams, but
/// through most of the table before it fills a page.</item>
/// </list>
/// The budget is twice √(limit × rows of the list's table), at least 1,000 (the bound the list uses to choose its
/// index on SQLite, <c>ListQuery.ChoosePlanAsync</c>): there, reading and sorting a filter's matches costs what walking
/// the sort's index to a page of them costs, when they are spread along it; one of the two ways is always within it.
/// Twice, because the planner chooses from estimates, and an estimate off by half is not a plan that grows with the
/// table; one that reads most of the table is.
/// Rows are counted as the scans of the list's table produce or discard them (actual, not estimated: the estimate is what
/// the planner believed, the actual rows what the page cost). Small tables (vocabularies: metrics, dimensions,
/// record types) are read whole by any plan, and cheaply: a Seq Scan of a page or two is PostgreSQL's best plan there.
/// </summary>
public sealed class PlanRule(IReadOnlyDictionary<string, double> tableRows, string listTable, int limit)
{
    /// <summary>A table with at least this many rows is large: its Seq Scan costs more than a page's index reads.</summary>
    public const double LargeRows = 1_000;

    /// <summary>The most rows of the list's table a page may read, and sort.</summary>
    public double Budget => 2 * Math.Max(1_000, Math.Sqrt((double)limit * tableRows[listTable]));

    bool Large(string? table) => table is not null && tableRows.TryGetValue(table, out var rows) && rows >= LargeRows;

    static readonly HashSet<string> Streaming = ["Limit", "Nested Loop", "Incremental Sort", "Result", "Subquery Scan", "Memoize", "Gather Merge"];
    static readonly HashSet<string> Scans = ["Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan"];

    /// <summary>Every way the plan breaks the rules, each with the node that does; empty when the page is bounded.</summary>
    public List<string> Violations(JsonElement plan)
    {
        var found = new List<string>();
        if (plan.GetProperty("Node Type").GetString() != "Limit") found.Add("the page is not a Limit at its root");
        Walk(plan, streamsToLimit: true, found);
        var read = RowsRead(plan, listTable);
        if (read > Budget) found.Add($"{read:N0} rows of {listTable} read, more than {Budget:N0}");
        return found;
    }

    void Walk(JsonElement node, bool streamsToLimit, List<string> found)
    {
        var type = node.GetProperty("Node Type").GetString()!;
        var table = node.TryGetProperty("Relation Name", out var r) ? r.GetString() : null;
        if (Scans.Contains(type) && Large(table))
        {
            if (type == "Seq Scan") found.Add($"Seq Scan of {table} ({tableRows[table!]:N0} rows)");
            else if (!HasIndexCond(node) && !streamsToLimit)
                found.Add($"{type} of {table} through {Name(node)} without an Index Cond, under a node that reads it to the end");
        }
        if (type == "Sort")
        {
            var input = Produced(node.GetProperty("Plans")[0]);
            if (input > Budget) found.Add($"Sort of {input:N0} rows, more than {Budget:N0}: {Keys(node)}");
        }

        if (!node.TryGetProperty("Plans", out var children)) return;
        foreach (var child in children.EnumerateArray())
        {
            // A nested loop streams its outer side; its inner side is looked up once per outer row (bounded by
            // rule 2 and the outer side's own rows), so a walk there would run once per row: not streaming.
            var outer = child.TryGetProperty("Parent Relationship", out var p) && p.GetString() == "Outer";
            var streams = streamsToLimit && Streaming.Contains(type) && (type != "Nested Loop" || outer);
            Walk(child, streams, found);
        }
    }

    /// <summary>The rows a node handed up, over all its loops.</summary>
    static double Produced(JsonElement node) =>
        node.GetProperty("Actual Rows").GetDouble() * node.GetProperty("Actual Loops").GetDouble();

    /// <summary>Rows the scans of a table read: those they returned and those their filters discarded.</summary>
    public static double RowsRead(JsonElement node, string table)
    {
        double rows = 0;
        var type = node.GetProperty("Node Type").GetString()!;
        if (Scans.Contains(type) && node.TryGetProperty("Relation Name", out var r) && r.GetString() == table)
        {
            var removed = (node.TryGetProperty("Rows Removed by Filter", out var f) ? f.GetDouble() : 0)
                          + (node.TryGetProperty("Rows Removed by Index Recheck", out var i) ? i.GetDouble() : 0);
            rows += (node.GetProperty("Actual Rows").GetDouble() + removed) * node.GetProperty("Actual Loops").GetDouble();
        }
        if (node.TryGetProperty("Plans", out var children))
            foreach (var child in children.EnumerateArray()) rows += RowsRead(child, table);
        return rows;
    }

    /// <summary>Whether the scan reads a range of its index (for a bitmap scan: its bitmap's index).</summary>
    static bool HasIndexCond(JsonElement node) =>
        node.TryGetProperty("Index Cond", out _)
        || (node.TryGetProperty("Plans", out var children) && children.EnumerateArray().Any(HasIndexCond));

    static string Name(JsonElement node) => node.TryGetProperty("Index Name", out var n) ? n.GetString()! : "?";

    static string Keys(JsonElement node) =>
        node.TryGetProperty("Sort Key", out var k) ? string.Join(", ", k.EnumerateArray().Select(e => e.GetString())) : "";

    /// <summary>The plan as an indented outline (node, table, index, condition, actual rows × loops): for the failure message.</summary>
    public static string Outline(JsonElement node, int depth = 0)
    {
        string Text(string name) => node.TryGetProperty(name, out var v) ? " " + name.ToLowerInvariant() + ": " + (v.ValueKind == JsonValueKind.Array ? string.Join(", ", v.EnumerateArray()) : v.ToString()) : "";
        var line = new string(' ', depth * 2) + node.GetProperty("Node Type").GetString()
                   + (node.TryGetProperty("Relation Name", out var r) ? " on " + r.GetString() : "")
                   + (node.TryGetProperty("Index Name", out var n) ? " using " + n.GetString() : "")
                   + Text("Index Cond") + Text("Filter") + Text("Sort Key")
                   + $" (rows {node.GetProperty("Actual Rows")} x {node.GetProperty("Actual Loops")}"
                   + (node.TryGetProperty("Rows Removed by Filter", out var f) ? $", {f} removed by filter" : "") + ")";
        if (!node.TryGetProperty("Plans", out var children)) return line;
        return line + "\n" + string.Join("\n", children.EnumerateArray().Select(c => Outline(c, depth + 1)));
    }
}
