namespace EnforcementApi.Querying;

/// <summary>How a sort key compares: as text (ids, names, ISO dates) or as a number.</summary>
internal enum SortKind { Text, Number }

/// <summary>
/// A field a list can be sorted by: its public name, the SQL expression an index is built on, how to read
/// the same value from a row for the next page's cursor, and the index that reads the records in this order.
/// </summary>
internal sealed record SortField<TRow>(string Name, string Sql, SortKind Kind, Func<TRow, object> Key, string? Index = null);

/// <summary>
/// A field whose values a list can count (<c>facet=</c>): the SQL of the value, an optional join that
/// reaches it, an optional label for the value, and what to count (distinct records through a join).
/// </summary>
internal sealed record Facet(string Name, string ValueSql, string? LabelSql = null, string? JoinSql = null, string CountSql = "count(*)");

/// <summary>
/// Where a filter by id or enum looks: a column of the listed table, or, with <see cref="Subquery"/>,
/// the records whose id is among those a related table gives for the value
/// (<c>f.id in (select c.record_id from citations c where c.record_type = 'figure' and c.source_id = @p)</c>).
/// The subquery must not yield NULL: <c>x not in (..., null)</c> is never true, which would empty
/// every <c>ne:</c> filter.
/// </summary>
internal sealed record Match(string Column, string? Subquery = null)
{
    public string Sql(Op op, string parameter, Data.Dialect dialect)
    {
        var test = op == Op.In ? dialect.InList(parameter) : "= " + parameter;
        if (Subquery is null)
            return op == Op.Ne ? Column + " is distinct from " + parameter : Column + " " + test;
        return Column + (op == Op.Ne ? " not in (" : " in (") + Subquery + " " + test + ")";
    }
}

/// <summary>What the contract says of a list: its sort fields and default, and its facets.</summary>
internal interface IListDefinition
{
    string Resource { get; }
    string DefaultSort { get; }
    /// <summary>The fields the list sorts by, <c>id</c> last.</summary>
    IReadOnlyList<string> SortFields { get; }
    IReadOnlyList<string> FacetFields { get; }
}

/// <summary>What one resource's list can be filtered, sorted and counted by, and how its records are identified.</summary>
internal sealed class ListDefinition<TRow> : IListDefinition
{
    /// <summary>The resource's name as clients see it; cursors are bound to it.</summary>
    public required string Resource { get; init; }

    /// <summary>The FROM clause with the alias every condition uses, e.g. <c>from figures f</c>.</summary>
    public required string From { get; init; }

    /// <summary>
    /// What a page selects: <see cref="Select"/>, then <see cref="From"/>, then <see cref="Joins"/>; or, for a list
    /// whose plan is left to SQLite (search, revisions, drafts), this text as it is.
    /// </summary>
    public string SelectFrom
    {
        get => selectFrom ?? Select + "\n" + From + (Joins.Length == 0 ? "" : "\n" + Joins);
        init => selectFrom = value;
    }
    string? selectFrom;

    /// <summary>The record's columns and what it shows of the records it refers to: <c>select f.id, …</c>.</summary>
    public string? Select { get; init; }

    /// <summary>The joins that reach what the record shows of others; the listed table stays first, so its index gives the order.</summary>
    public string Joins { get; init; } = "";

    /// <summary>The SELECT of a page read through one index of the listed table, chosen by the list (see ListSql.cs).</summary>
    public string SelectFromIndexed(string index) =>
        Select + "\n" + From + " indexed by " + index + (Joins.Length == 0 ? "" : "\n" + Joins);

    /// <summary>The index of the records' ids, which reads them by id and in the order of their ids.</summary>
    public string? IdIndex { get; init; }

    public required string IdSql { get; init; }
    public required Func<TRow, object> Id { get; init; }
    public SortKind IdKind { get; init; } = SortKind.Text;

    public required string DefaultSort { get; init; }

    public int DefaultLimit { get; init; } = QueryDocs.DefaultLimit;

    /// <summary>The record type the list sends: its JSON properties are what <c>fields</c> may name.</summary>
    public required Type RecordType { get; init; }

    public IReadOnlyList<SortField<TRow>> Sorts { get; init; } = [];
    public IReadOnlyList<Facet> Facets { get; init; } = [];

    /// <summary>What the list can be filtered by, in the order the filters apply (and their errors are listed).</summary>
    public IReadOnlyList<Filter> Filters { get; init; } = [];

    public IReadOnlyList<string> SortFields => [.. Sorts.Select(s => s.Name), "id"];
    public IReadOnlyList<string> FacetFields => [.. Facets.Select(f => f.Name)];

    public SortField<TRow> IdField => idField ??= new("id", IdSql, IdKind, Id, IdIndex);
    SortField<TRow>? idField;
}
