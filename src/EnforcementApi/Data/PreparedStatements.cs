using System.Globalization;
using System.Reflection;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Data;

/// <summary>
/// Statements compiled once for a transaction and run again with new values. Dapper makes a new command
/// for every call, so SQLite compiles the statement every time; for an import that runs a few
/// statements per record, compiling was most of the work. Values come from an object's properties as
/// Dapper takes them (<c>@Name</c> for property <c>Name</c>), stored as the Dapper type handlers store them.
/// On PostgreSQL the commands are kept but not prepared: a parameter's type is known there only from its first value.
/// </summary>
internal sealed class PreparedStatements(DbConnection connection, DbTransaction transaction) : IDisposable
{
    readonly Dictionary<(string Sql, Type? Values), (DbCommand Command, PropertyInfo[] Bound)> commands = [];

    public int Execute(string sql, object? values = null) => Bind(sql, values).ExecuteNonQuery();

    public object? Scalar(string sql, object? values = null) => Bind(sql, values).ExecuteScalar() is var value and not DBNull ? value : null;

    public DbDataReader Reader(string sql, object? values = null) => Bind(sql, values).ExecuteReader();

    DbCommand Bind(string sql, object? values)
    {
        var key = (sql, values?.GetType());
        if (!commands.TryGetValue(key, out var prepared))
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            // Only the properties the statement names, as Dapper does.
            var bound = (key.Item2?.GetProperties() ?? []).Where(p => sql.Contains("@" + p.Name, StringComparison.Ordinal)).ToArray();
            foreach (var property in bound)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + property.Name;
                command.Parameters.Add(parameter);
            }
            if (connection is SqliteConnection) command.Prepare();
            commands[key] = prepared = (command, bound);
        }
        for (var i = 0; i < prepared.Bound.Length; i++)
            prepared.Command.Parameters[i].Value = Stored(prepared.Bound[i].GetValue(values));
        return prepared.Command;
    }

    static object Stored(object? value) => value switch
    {
        null => DBNull.Value,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset time => Timestamps.Format(time),
        _ => value,
    };

    public void Dispose()
    {
        foreach (var (command, _) in commands.Values) command.Dispose();
        commands.Clear();
    }
}
