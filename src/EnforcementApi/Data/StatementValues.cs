using System.Globalization;
using Dapper;

namespace EnforcementApi.Data;

/// <summary>
/// Where the values of a statement go, by parameter name (<c>@id</c>): Dapper's parameters for an
/// ordinary write, or the bindings of a <see cref="NativeStatement"/> for an import. A write names its
/// columns' values once, in one method, whichever way it runs.
/// </summary>
internal interface IStatementValues
{
    IStatementValues Text(string name, string? value);
    IStatementValues Real(string name, double value);
    IStatementValues Integer(string name, long? value);
    IStatementValues Date(string name, DateOnly? value);
}

/// <summary>
/// A statement an import keeps and runs once per record: <see cref="NativeStatement"/> on SQLite,
/// <see cref="PostgresStatement"/> on PostgreSQL.
/// </summary>
internal interface IImportStatement : IStatementValues, IDisposable
{
    new IImportStatement Text(string name, string? value);
    new IImportStatement Real(string name, double value);
    new IImportStatement Integer(string name, long? value);
    new IImportStatement Date(string name, DateOnly? value);

    /// <summary>Text already encoded as UTF-8 (a record serialized as JSON).</summary>
    IImportStatement Utf8(string name, ReadOnlySpan<byte> value);

    /// <summary>Runs the statement to its end.</summary>
    void Run();

    /// <summary>Runs a query whose first row's first column is a number (a count, an id): that number, or null without a row.</summary>
    long? Number();
}

/// <summary>Values for Dapper: the same names, stored as the Dapper type handlers store them.</summary>
internal sealed class DapperValues : IStatementValues
{
    public DynamicParameters Parameters { get; } = new();

    public IStatementValues Text(string name, string? value) => Add(name, value);
    public IStatementValues Real(string name, double value) => Add(name, value);
    public IStatementValues Integer(string name, long? value) => Add(name, value);
    public IStatementValues Date(string name, DateOnly? value) => Add(name, value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    IStatementValues Add(string name, object? value)
    {
        Parameters.Add(name, value);
        return this;
    }

    /// <summary>The parameters that <paramref name="bind"/> names.</summary>
    public static DynamicParameters Of(Action<IStatementValues> bind)
    {
        var values = new DapperValues();
        bind(values);
        return values.Parameters;
    }
}
