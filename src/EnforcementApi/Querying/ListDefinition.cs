namespace EnforcementApi.Querying;

/// <summary>How a sort key compares: as text (ids, names, ISO dates) or as a number.</summary>
internal enum SortKind { Text, Number }

/// <summary>
/// A field a list can be sorted by: its public name, the SQL expression an index is built on, and
/// how to read the same value from a row for the next page's cursor.
/// </summary>
internal sealed record SortField<TRow>(string Name, string Sql, SortKind Kind, Func<TRow, object> Key);

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
    public string Sql(Op op, string parameter)
    {
        var test = op == Op.In ? "in " + parameter : "= " + parameter;
        if (Subquery is null)
            return op == Op.Ne ? Column + " is not " + parameter : Column + " " + test;
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

    /// <summary>What a page selects: the record's columns, with the joins that give what it shows of the records it refers to.</summary>
    public required string SelectFrom { get; init; }

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

    public SortField<TRow> IdField => idField ??= new("id", IdSql, IdKind, Id);
    SortField<TRow>? idField;
}
