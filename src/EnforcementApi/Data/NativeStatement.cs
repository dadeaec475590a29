using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EnforcementApi.Data;

/// <summary>
/// One statement compiled once on a connection's own SQLite handle and run again and again, its values
/// bound straight from what the caller holds: a string encoded on the stack, JSON as its UTF-8 bytes, a date
/// formatted on the stack. No parameter objects, boxing or copies on the way, which for the few statements
/// an import runs per record cost more than SQLite's own work (<see cref="PreparedStatements"/> reads each
/// value by reflection, and a command looks every parameter up by name on every run). Parameters are named
/// as Dapper names them (<c>@id</c>); a failure is the <see cref="SqliteException"/> a command would throw.
/// It runs in whatever transaction the connection has open.
/// </summary>
internal sealed class NativeStatement : IImportStatement
{
    const int StackBytes = 768;

    readonly sqlite3 db;
    readonly sqlite3_stmt statement;
    readonly Dictionary<string, int> positions = new(StringComparer.Ordinal);

    public NativeStatement(SqliteConnection connection, string sql)
    {
        db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v3(db, sql, (uint)raw.SQLITE_PREPARE_PERSISTENT, out statement, out string tail);
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
        if (!string.IsNullOrWhiteSpace(tail)) throw new ArgumentException("A native statement is one statement; this SQL has more.", nameof(sql));
        for (var i = 1; i <= raw.sqlite3_bind_parameter_count(statement); i++)
            positions[raw.sqlite3_bind_parameter_name(statement, i).utf8_to_string()] = i;
    }

    /// <summary>
    /// A string, encoded on the stack as the UTF-8 the database keeps (SQLite would otherwise copy the
    /// UTF-16 and convert it itself).
    /// </summary>
    public NativeStatement Text(string name, string? value)
    {
        if (value is null) return Bound(raw.sqlite3_bind_null(statement, At(name)));
        if (Encoding.UTF8.GetMaxByteCount(value.Length) > StackBytes) return Utf8(name, Encoding.UTF8.GetBytes(value));
        Span<byte> utf8 = stackalloc byte[StackBytes];
        return Utf8(name, utf8[..Encoding.UTF8.GetBytes(value, utf8)]);
    }

    /// <summary>Text already encoded as UTF-8 (a record serialized as JSON), bound as it is.</summary>
    public NativeStatement Utf8(string name, ReadOnlySpan<byte> value) =>
        // An empty span has no address, which SQLite would take for NULL.
        Bound(value.IsEmpty ? raw.sqlite3_bind_text(statement, At(name), "") : raw.sqlite3_bind_text(statement, At(name), value));

    public NativeStatement Real(string name, double value) => Bound(raw.sqlite3_bind_double(statement, At(name), value));

    public NativeStatement Integer(string name, long? value) =>
        Bound(value is { } number ? raw.sqlite3_bind_int64(statement, At(name), number) : raw.sqlite3_bind_null(statement, At(name)));

    public NativeStatement Date(string name, DateOnly? value)
    {
        if (value is not { } date) return Bound(raw.sqlite3_bind_null(statement, At(name)));
        Span<byte> text = stackalloc byte[10];
        date.TryFormat(text, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Utf8(name, text[..length]);
    }

    /// <summary>Runs the statement to its end.</summary>
    public void Run()
    {
        var rc = raw.sqlite3_step(statement);
        while (rc == raw.SQLITE_ROW) rc = raw.sqlite3_step(statement);
        Done(rc);
    }

    /// <summary>Runs a query whose first row's first column is a number (a count, an id): that number, or null without a row.</summary>
    public long? Number()
    {
        var rc = raw.sqlite3_step(statement);
        long? value = rc == raw.SQLITE_ROW ? raw.sqlite3_column_int64(statement, 0) : null;
        while (rc == raw.SQLITE_ROW) rc = raw.sqlite3_step(statement);
        Done(rc);
        return value;
    }

    /// <summary>
    /// Makes the statement ready for the next run, its values cleared so that none carries over, whether
    /// or not this run failed; then throws what the failure was.
    /// </summary>
    void Done(int rc)
    {
        try
        {
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    int At(string name) => positions.TryGetValue(name, out var position)
        ? position
        : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));

    NativeStatement Bound(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
        return this;
    }

    IImportStatement IImportStatement.Text(string name, string? value) => Text(name, value);
    IImportStatement IImportStatement.Real(string name, double value) => Real(name, value);
    IImportStatement IImportStatement.Integer(string name, long? value) => Integer(name, value);
    IImportStatement IImportStatement.Date(string name, DateOnly? value) => Date(name, value);
    IImportStatement IImportStatement.Utf8(string name, ReadOnlySpan<byte> value) => Utf8(name, value);
    IStatementValues IStatementValues.Text(string name, string? value) => Text(name, value);
    IStatementValues IStatementValues.Real(string name, double value) => Real(name, value);
    IStatementValues IStatementValues.Integer(string name, long? value) => Integer(name, value);
    IStatementValues IStatementValues.Date(string name, DateOnly? value) => Date(name, value);

    public void Dispose() => statement.Dispose();
}
