using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using System.Data.Common;

namespace EnforcementApi.Querying;

/// <summary>
/// The parameters every list takes (search, count, page size, cursor); a list's own are the properties of
/// its subclass, each named as the query string names it. The handler binds them (and the contract describes
/// them) from those properties; the list reads them by name against its definition's filters, so a property
/// without a filter, or a filter without a property, fails at the first request and in a test.
/// </summary>
internal abstract class ListParameters
{
    [FromQuery(Name = "q"), Description(QueryDocs.Q), ApiParameter(Example = "deport*")]
    public string? Q { get; init; }

    [FromQuery(Name = "count"), Description(QueryDocs.Count), ApiParameter(Type = typeof(bool), Example = "true")]
    public string? Count { get; init; }

    [FromQuery(Name = "limit"), Description(QueryDocs.Limit),
     ApiParameter(Type = typeof(int), Minimum = 1, Maximum = QueryDocs.MaxLimit, Default = QueryDocs.DefaultLimit, Example = "20")]
    public string? Limit { get; init; }

    [FromQuery(Name = "cursor"), Description(QueryDocs.Cursor), ApiParameter]
    public string? Cursor { get; init; }

    /// <summary>The list these parameters belong to, as the contract describes it (not a query parameter: it is not public).</summary>
    internal abstract IListDefinition List { get; }

    /// <summary>The parameters that are not filters: what every list does with its page.</summary>
    public static readonly string[] PageParameters = ["sort", "limit", "cursor", "count", "fields", "facet"];

    static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, PropertyInfo>> ByName = new();

    /// <summary>A list query type's parameters by their query names, in the order the type declares them.</summary>
    public static IReadOnlyDictionary<string, PropertyInfo> PropertiesOf(Type type) => ByName.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<FromQueryAttribute>() is not null)
            .OrderBy(p => p.DeclaringType == t ? 0 : 1)
            .ToDictionary(p => p.GetCustomAttribute<FromQueryAttribute>()!.Name!, StringComparer.Ordinal));

    /// <summary>The values of a parameter as bound: one for a single-valued parameter, each occurrence for a repeatable one.</summary>
    public string[]? Values(string name) => PropertiesOf(GetType()).TryGetValue(name, out var property)
        ? property.GetValue(this) switch
        {
            string one => [one],
            string[] many => many,
            _ => null,
        }
        : null;

    string? One(string name) => Values(name) is [var first, ..] ? first : null;

    /// <summary>
    /// A list query of type <typeparamref name="T"/> with these values, each set on the property of its name: what a
    /// page builds from its form, or a test from a query string. A name the type does not take is left out.
    /// </summary>
    public static T From<T>(Func<string, string[]?> values) where T : class, new()
    {
        var query = new T();
        foreach (var (name, property) in PropertiesOf(typeof(T)))
            if (values(name) is { Length: > 0 } given)
                property.SetValue(query, property.PropertyType == typeof(string[]) ? given : given[0]);
        return query;
    }
}

/// <summary>The parameters of one list, read against its definition.</summary>
internal abstract class ListParameters<TRow> : ListParameters
{
    /// <summary>The list these parameters filter, sort and page.</summary>
    protected abstract ListDefinition<TRow> Definition { get; }

    internal override IListDefinition List => Definition;

    /// <param name="before">A cursor the page should end just before: the HTML pages' Previous link; the API has none.</param>
    public async Task<ListQuery<TRow>> ToListQueryAsync(DbConnection connection, string? before = null)
    {
        CheckParameters();
        var list = new ListQuery<TRow>(Definition) { Dialect = Data.Dialect.Of(connection) };
        foreach (var filter in Definition.Filters) await filter.ApplyAsync(list, connection, Values);
        list.Output(One("fields"), One("count"), Values("facet"));
        list.Paging(One("sort"), One("limit"), One("cursor"), before);
        return list;
    }

    string? One(string name) => Values(name) is [var first, ..] ? first : null;

    static readonly ConcurrentDictionary<Type, bool> Checked = new();

    /// <summary>
    /// Throws unless every parameter this type declares is read (by a filter of the definition, or as one of
    /// <see cref="ListParameters.PageParameters"/>) and every filter's parameters are declared.
    /// </summary>
    public void CheckParameters() => Checked.GetOrAdd(GetType(), type =>
    {
        var declared = PropertiesOf(type).Keys.ToHashSet(StringComparer.Ordinal);
        var read = Definition.Filters.SelectMany(f => f.Parameters).Concat(PageParameters).ToHashSet(StringComparer.Ordinal);
        var unread = declared.Except(read).ToList();
        var undeclared = read.Except(declared).ToList();
        if (unread.Count > 0 || undeclared.Count > 0)
            throw new InvalidOperationException($"{type.Name} and the {Definition.Resource} list's definition disagree: "
                + (unread.Count > 0 ? $"no filter reads {string.Join(", ", unread)}; " : "")
                + (undeclared.Count > 0 ? $"no property declares {string.Join(", ", undeclared)}." : ""));
        return true;
    });
}
