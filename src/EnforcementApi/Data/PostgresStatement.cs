using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace EnforcementApi.Data;

/// <summary>
/// What <see cref="NativeStatement"/> is for SQLite, on PostgreSQL: one command kept for a whole import and run
/// again with new values, each parameter typed once so that Npgsql prepares it on the server once. The values
/// are set by the same names (<c>@id</c>), and cleared after each run so that none carries over.
/// </summary>
internal sealed class PostgresStatement(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql) : PostgresImportStatement
{
    readonly NpgsqlCommand command = new(sql, connection, transaction);
    bool prepared;

    protected override void Set(string name, (NpgsqlDbType Type, object? Value) value)
    {
        var key = name.TrimStart('@');
        if (!command.Parameters.TryGetValue(key, out var parameter))
            command.Parameters.Add(parameter = new NpgsqlParameter(key, value.Type));
        parameter.Value = value.Value ?? DBNull.Value;
    }

    public override void Run()
    {
        Prepare();
        try { command.ExecuteNonQuery(); }
        finally { Clear(); }
    }

    public override long? Number()
    {
        Prepare();
        try { return command.ExecuteScalar() is var value and not (null or DBNull) ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : null; }
        finally { Clear(); }
    }

    // Prepared at its first run, once every parameter has been named and typed.
    void Prepare()
    {
        if (prepared) return;
        command.Prepare();
        prepared = true;
    }

    void Clear()
    {
        foreach (NpgsqlParameter parameter in command.Parameters) parameter.Value = DBNull.Value;
    }

    public override void Dispose() => command.Dispose();
}

/// <summary>
/// What PostgreSQL's two import statements share: each value typed as <see cref="PostgresValue"/> types it, and set
/// by name, as a parameter of a prepared statement (<see cref="PostgresStatement"/>) or a column of a row held for
/// COPY (<see cref="Writes.CopyBuffer"/>).
/// </summary>
internal abstract class PostgresImportStatement : IImportStatement
{
    protected abstract void Set(string name, (NpgsqlDbType Type, object? Value) value);

    public IImportStatement Text(string name, string? value) => Setting(name, PostgresValue.Text(value));
    public IImportStatement Utf8(string name, ReadOnlySpan<byte> value) => Setting(name, PostgresValue.Utf8(value));
    public IImportStatement Real(string name, double value) => Setting(name, PostgresValue.Real(value));
    public IImportStatement Integer(string name, long? value) => Setting(name, PostgresValue.Integer(value));
    public IImportStatement Date(string name, DateOnly? value) => Setting(name, PostgresValue.Date(value));

    IImportStatement Setting(string name, (NpgsqlDbType Type, object? Value) value)
    {
        Set(name, value);
        return this;
    }

    public abstract void Run();
    public abstract long? Number();
    public abstract void Dispose();

    IStatementValues IStatementValues.Text(string name, string? value) => Text(name, value);
    IStatementValues IStatementValues.Real(string name, double value) => Real(name, value);
    IStatementValues IStatementValues.Integer(string name, long? value) => Integer(name, value);
    IStatementValues IStatementValues.Date(string name, DateOnly? value) => Date(name, value);
}

/// <summary>
/// The values an import binds, typed as the schema stores them on PostgreSQL (dates as ISO 8601 text, JSON as text):
/// for <see cref="PostgresStatement"/>'s parameters and for the rows <see cref="Writes.CopyBuffer"/> writes with COPY.
/// </summary>
internal static class PostgresValue
{
    public static (NpgsqlDbType, object?) Text(string? value) => (NpgsqlDbType.Text, value);
    public static (NpgsqlDbType, object?) Utf8(ReadOnlySpan<byte> value) => (NpgsqlDbType.Text, Encoding.UTF8.GetString(value));
    public static (NpgsqlDbType, object?) Real(double value) => (NpgsqlDbType.Double, value);
    public static (NpgsqlDbType, object?) Integer(long? value) => (NpgsqlDbType.Bigint, value);
    public static (NpgsqlDbType, object?) Date(DateOnly? value) =>
        (NpgsqlDbType.Text, value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
