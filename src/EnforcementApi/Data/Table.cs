using EnforcementApi.Json;

namespace EnforcementApi.Data;

/// <summary>
/// A column a write stores: its name in the table, the SQL of its value (<c>@name</c>, or an expression over
/// parameters, such as a lookup), and how the write's input binds those parameters.
/// </summary>
internal sealed record Column<TInput>(string Name, string ValueSql, Action<IStatementValues, TInput> Bind);

/// <summary>
/// A record's table as its writes and reads name it: the id, the columns a write stores, and the revision.
/// The SELECT list, the INSERT and the UPDATE are made from this one list, so a column is named once and
/// cannot be left out of one of them; the SQL around them (joins, conditions) stays where it is used.
/// </summary>
/// <example>
/// <code>
/// new Table&lt;FigureInput&gt;("figures", "f").Text("metric", f => f.Metric).Real("value", f => (double)f.Value)
/// </code>
/// gives <c>f.id, f.metric, f.value, f.revision</c>, <c>insert into figures (id, metric, value) values (@id, @metric, @value)</c>
/// and <c>update figures set metric = @metric, value = @value where id = @id</c>.
/// </example>
internal sealed class Table<TInput>(string name, string alias)
{
    readonly List<Column<TInput>> columns = [];

    public string Name => name;
    public string Alias => alias;
    public IReadOnlyList<Column<TInput>> Columns => columns;

    public Table<TInput> Text(string column, Func<TInput, string?> value) =>
        Add(new(column, "@" + column, (v, i) => v.Text("@" + column, value(i))));

    public Table<TInput> Enum<TEnum>(string column, Func<TInput, TEnum> value) where TEnum : struct, System.Enum =>
        Add(new(column, "@" + column, (v, i) => v.Text("@" + column, Wire<TEnum>.Name(value(i)))));

    public Table<TInput> Real(string column, Func<TInput, double> value) =>
        Add(new(column, "@" + column, (v, i) => v.Real("@" + column, value(i))));

    public Table<TInput> Date(string column, Func<TInput, DateOnly?> value) =>
        Add(new(column, "@" + column, (v, i) => v.Date("@" + column, value(i))));

    public Table<TInput> Timestamp(string column, Func<TInput, DateTimeOffset?> value) =>
        Add(new(column, "@" + column, (v, i) => v.Text("@" + column, value(i) is { } time ? Timestamps.Format(time) : null)));

    /// <summary>A column whose value is an expression over the parameters <paramref name="bind"/> gives (a lookup by name, say).</summary>
    public Table<TInput> Computed(string column, string valueSql, Action<IStatementValues, TInput> bind) =>
        Add(new(column, valueSql, bind));

    Table<TInput> Add(Column<TInput> column)
    {
        if (columns.Any(c => c.Name == column.Name)) throw new InvalidOperationException($"{name}.{column.Name} is defined twice.");
        columns.Add(column);
        (select, insert, update) = (null, null, null);
        return this;
    }

    /// <summary>The stored columns with the table's alias, from the id to the revision: <c>f.id, f.metric, …, f.revision</c>.</summary>
    public string Select => select ??= string.Join(", ", Names().Select(c => alias + "." + c));

    public string Insert => insert ??=
        $"insert into {name} (id, {string.Join(", ", columns.Select(c => c.Name))})\nvalues (@id, {string.Join(", ", columns.Select(c => c.ValueSql))})";

    public string Update => update ??=
        $"update {name}\nset {string.Join(",\n    ", columns.Select(c => c.Name + " = " + c.ValueSql))}\nwhere id = @id";

    string? select, insert, update;

    IEnumerable<string> Names() => columns.Select(c => c.Name).Prepend("id").Append("revision");

    /// <summary>Binds the id and every column's parameters, for <see cref="Insert"/> and <see cref="Update"/> alike.</summary>
    public void Bind(IStatementValues values, string id, TInput input)
    {
        values.Text("@id", id);
        foreach (var column in columns) column.Bind(values, input);
    }

    /// <summary>The same values as Dapper parameters.</summary>
    public Dapper.DynamicParameters Parameters(string id, TInput input) => DapperValues.Of(v => Bind(v, id, input));
}
