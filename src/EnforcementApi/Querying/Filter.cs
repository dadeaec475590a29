using EnforcementApi.Data;
using System.Data.Common;

namespace EnforcementApi.Querying;

/// <summary>
/// A filter a list takes: the query parameters it reads and the condition it adds for them. A list's filters
/// are data in its definition, so what the API reads, what its page accepts and what the plan tests try
/// are the same list. The SQL is made only of fragments given here; every value is a bound parameter.
/// </summary>
internal abstract class Filter(params string[] parameters)
{
    /// <summary>The query parameters this filter reads (one, or two for a range).</summary>
    public IReadOnlyList<string> Parameters => parameters;

    /// <summary>
    /// Stands for the index of the records' ids: a filter whose condition is <c>id in (…)</c> reads its records by
    /// id (the list's <see cref="ListDefinition{TRow}.IdIndex"/>).
    /// </summary>
    public const string ById = "";

    readonly Dictionary<string, (string Index, string[] Orders)> indexes = new(StringComparer.Ordinal);

    /// <summary>
    /// The index that finds the records of <paramref name="parameter"/>'s condition (<see cref="ById"/> for an
    /// <c>id in (…)</c>), and the sorts it also gives, in its order, for one value (<c>figures_metric</c> on
    /// (metric, periodEnd, id) gives <c>periodEnd</c>).
    /// </summary>
    public (string Index, string[] Orders)? IndexOf(string parameter) =>
        indexes.TryGetValue(parameter, out var found) ? found : null;

    /// <summary>Names the index of the filter's (first) parameter, and the sorts it gives; see <see cref="IndexOf"/>.</summary>
    public Filter Indexed(string index, params string[] orders) => IndexedFor(parameters[0], index, orders);

    /// <summary>Names the index of one of the filter's parameters (a range's <c>from</c> or <c>to</c>).</summary>
    public Filter IndexedFor(string parameter, string index, params string[] orders)
    {
        if (!parameters.Contains(parameter)) throw new ArgumentException($"The filter does not read {parameter}.", nameof(parameter));
        indexes[parameter] = (index, orders);
        return this;
    }

    /// <summary>Adds the filter's condition to <paramref name="list"/> for the values given (each parameter's raw values, or null).</summary>
    public abstract Task ApplyAsync<TRow>(ListQuery<TRow> list, DbConnection connection, Func<string, string[]?> values);

    static string? One(Func<string, string[]?> values, string name) => values(name) is [var first, ..] ? first : null;

    /// <summary><c>q=</c>: the records whose full-text entry matches. <paramref name="type"/> is the record type the index files them under.</summary>
    public static Filter FullText(string idSql, string type) => new FullTextFilter(idSql, type);

    /// <summary>A field of fixed values: <c>kind=actual</c>, <c>ne:</c>, <c>in:</c>.</summary>
    public static Filter Enum<T>(string parameter, string column) where T : struct, System.Enum => new EnumFilter<T>(parameter, new Match(column));

    /// <summary>A field of free text compared whole: <c>scope=US</c>, <c>ne:</c>, <c>in:</c>.</summary>
    public static Filter Text(string parameter, string column, int maxLength) => new TextFilter(parameter, new Match(column), maxLength);

    /// <summary>
    /// A field holding another record's id (every id given must exist). With <paramref name="noneSql"/>, the value
    /// <c>none</c> keeps the records without one (and <c>ne:none</c> those with one).
    /// </summary>
    public static Filter Reference(string parameter, Reference reference, Match match, string? noneSql = null) =>
        new ReferenceFilter(parameter, reference, match, noneSql);

    /// <summary>A date or number with comparison operators, repeatable for a range: <c>value=gte:1&amp;value=lt:9</c>.</summary>
    public static Filter Compare(string parameter, SortKind kind, string sql) => new CompareFilter(parameter, kind, sql);

    /// <summary><c>from</c> and <c>to</c>: the record's own date or period against a range, either end open.</summary>
    public static Filter DateRange(string fromCondition, string toCondition) => new DateRangeFilter(fromCondition, toCondition);

    sealed class FullTextFilter(string idSql, string type) : Filter("q")
    {
        public override Task ApplyAsync<TRow>(ListQuery<TRow> list, DbConnection connection, Func<string, string[]?> values)
        {
            list.FullText(One(values, "q"), Search.SearchSql.Of(list.Dialect).RecordsMatching(idSql, type));
            return Task.CompletedTask;
        }
    }

    sealed class EnumFilter<T>(string parameter, Match match) : Filter(parameter) where T : struct, System.Enum
    {
        public override Task ApplyAsync<TRow>(ListQuery<TRow> list, DbConnection connection, Func<string, string[]?> values)
        {
            list.Enum<T>(parameter, One(values, parameter), match);
            return Task.CompletedTask;
        }
    }

    sealed class TextFilter(string parameter, Match match, int maxLength) : Filter(parameter)
    {
        public override Task ApplyAsync<TRow>(ListQuery<TRow> list, DbConnection connection, Func<string, string[]?> values)
        {
            list.Text(parameter, One(values, parameter), match, maxLength);
            return Task.CompletedTask;
        }
    }

    sealed class ReferenceFilter(string parameter, Reference reference, Match match, string? noneSql) : Filter(parameter)
    {
        public override Task ApplyAsync<TRow>(ListQuery<TRow> list, DbConnection connection, Func<string, string[]?> values)
        {
            var raw = One(values, parameter);
            if (noneSql is not null && raw is "none" or "ne:none")
            {
                list.Condition(parameter, raw == "none" ? noneSql + " is null" : noneSql + " is not null", raw, raw == "none" ? Seek.Equal : Seek.Not);
                return Task.CompletedTask;
            }
            return list.ReferenceAsync(connection, parameter, raw, reference, match);
        }
    }

    sealed class CompareFilter(string parameter, SortKind kind, string sql) : Filter(parameter)
    {
        public override Task ApplyAsync<TRow>(ListQuery<TRow> list, DbConnection connection, Func<string, string[]?> values)
        {
            list.Compare(parameter, values(parameter), kind, sql);
            return Task.CompletedTask;
        }
    }

    sealed class DateRangeFilter(string fromCondition, string toCondition) : Filter("from", "to")
    {
        public override Task ApplyAsync<TRow>(ListQuery<TRow> list, DbConnection connection, Func<string, string[]?> values)
        {
            list.DateRange(One(values, "from"), One(values, "to"), fromCondition, toCondition);
            return Task.CompletedTask;
        }
    }
}
