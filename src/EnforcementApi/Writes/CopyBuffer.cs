using System.Text.RegularExpressions;
using EnforcementApi.Data;
using Npgsql;
using NpgsqlTypes;

namespace EnforcementApi.Writes;

/// <summary>
/// The rows of the new records an import writes on PostgreSQL (a figure, its citations, its revision), held and
/// then written with binary COPY, table by table, in batches: one round trip and no statement per row, where an
/// INSERT per row is bound by the round trips. The rows of a line are kept together with the line's number, so
/// that when the schema refuses a batch (a rule only the schema knows) the batch is written again line by line,
/// each in a savepoint, and the line at fault gets its error as the ordinary path gives it.
/// </summary>
internal sealed partial class CopyBuffer(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    /// <summary>Lines held before they are written: a batch large enough that COPY's per-batch cost is small.</summary>
    public const int BatchLines = 5_000;

    readonly Dictionary<string, Target> targets = new(StringComparer.Ordinal);
    readonly List<Line> lines = [];
    readonly HashSet<(RecordType, string)> ids = [];
    Line? current;

    /// <summary>The statement an import runs for one of its inserts (<c>insert into t (a, b) values (@a, @b)</c>): its rows are held here.</summary>
    public IImportStatement Insert(string sql)
    {
        if (!targets.TryGetValue(sql, out var target))
        {
            var match = InsertSql().Match(sql);
            if (!match.Success) throw new ArgumentException("A held insert names its columns and binds one parameter to each: " + sql, nameof(sql));
            var columns = match.Groups["columns"].Value.Split(',', StringSplitOptions.TrimEntries);
            var values = match.Groups["values"].Value.Split(',', StringSplitOptions.TrimEntries);
            if (columns.Length != values.Length || values.Any(v => !v.StartsWith('@')))
                throw new ArgumentException("A held insert binds one parameter to each column: " + sql, nameof(sql));
            targets[sql] = target = new Target(this, sql, match.Groups["table"].Value, columns, values);
        }
        return target;
    }

    /// <summary>Starts the rows of an import's line (a new record of <paramref name="type"/> with <paramref name="id"/>).</summary>
    public void BeginLine(int number, RecordType type, string id)
    {
        current = new Line(number);
        lines.Add(current);
        ids.Add((type, id));
    }

    /// <summary>Whether a record with the id is held, not yet written.</summary>
    public bool Holds(RecordType type, string id) => ids.Contains((type, id));

    public bool Full => lines.Count >= BatchLines;

    /// <summary>
    /// Writes what is held. Returns the lines the schema refused, with its message: none when the batch went in whole;
    /// otherwise the batch is written again line by line, and every line but those is written.
    /// </summary>
    public async Task<List<(int Line, string Message)>> FlushAsync(CancellationToken ct)
    {
        if (lines.Count == 0) return [];
        var refused = new List<(int, string)>();
        await transaction.SaveAsync("copy_batch", ct);
        try
        {
            foreach (var target in targets.Values)
            {
                var rows = lines.SelectMany(l => l.Rows).Where(r => r.Target == target).ToList();
                if (rows.Count == 0) continue;
                await using var writer = await connection.BeginBinaryImportAsync(target.Copy, ct);
                foreach (var row in rows)
                {
                    await writer.StartRowAsync(ct);
                    foreach (var (type, value) in row.Values)
                        if (value is null) await writer.WriteNullAsync(ct);
                        else await writer.WriteAsync(value, type, ct);
                }
                await writer.CompleteAsync(ct);
            }
            await transaction.ReleaseAsync("copy_batch", ct);
        }
        catch (PostgresException e) when (Dialect.ConstraintMessage(e) is not null)
        {
            await transaction.RollbackAsync("copy_batch", ct);
            foreach (var line in lines)
                if (await WriteAloneAsync(line, ct) is { } message) refused.Add((line.Number, message));
        }
        lines.Clear();
        ids.Clear();
        current = null;
        return refused;
    }

    /// <summary>One line's rows with ordinary inserts, in a savepoint: null when they went in, else the schema's message.</summary>
    async Task<string?> WriteAloneAsync(Line line, CancellationToken ct)
    {
        await transaction.SaveAsync("copy_line", ct);
        try
        {
            foreach (var row in line.Rows)
            {
                await using var insert = new NpgsqlCommand(row.Target.Sql, connection, transaction);
                for (var i = 0; i < row.Values.Length; i++)
                    insert.Parameters.Add(new NpgsqlParameter(row.Target.Parameters[i], row.Values[i].Type) { Value = row.Values[i].Value ?? DBNull.Value });
                await insert.ExecuteNonQueryAsync(ct);
            }
            await transaction.ReleaseAsync("copy_line", ct);
            return null;
        }
        catch (PostgresException e) when (Dialect.ConstraintMessage(e) is { } message)
        {
            await transaction.RollbackAsync("copy_line", ct);
            return message;
        }
    }

    [GeneratedRegex(@"^\s*insert into (?<table>\w+) \((?<columns>[^)]*)\)\s*values \((?<values>[^)]*)\)\s*$", RegexOptions.Singleline)]
    private static partial Regex InsertSql();

    sealed record Line(int Number)
    {
        public List<Row> Rows { get; } = [];
    }

    sealed record Row(Target Target, (NpgsqlDbType Type, object? Value)[] Values);

    /// <summary>One insert's rows: its values are set by parameter name, and <see cref="Run"/> holds the row.</summary>
    sealed class Target(CopyBuffer buffer, string sql, string table, string[] columns, string[] parameters) : PostgresImportStatement
    {
        readonly (NpgsqlDbType Type, object? Value)[] values = new (NpgsqlDbType, object?)[columns.Length];

        public string Sql => sql;
        /// <summary>The parameters' names as Npgsql takes them (without <c>@</c>), in column order.</summary>
        public string[] Parameters { get; } = [.. parameters.Select(p => p.TrimStart('@'))];
        public string Copy { get; } = $"copy {table} ({string.Join(", ", columns)}) from stdin (format binary)";

        protected override void Set(string name, (NpgsqlDbType Type, object? Value) value)
        {
            var at = Array.IndexOf(parameters, name);
            if (at < 0) throw new ArgumentException($"The insert has no parameter {name}.", nameof(name));
            values[at] = value;
        }

        public override void Run()
        {
            var line = buffer.current ?? throw new InvalidOperationException("A held row belongs to a line: call BeginLine first.");
            line.Rows.Add(new Row(this, [.. values]));
            Array.Clear(values);
        }

        public override long? Number() => throw new NotSupportedException("A held insert returns nothing.");

        public override void Dispose() { }
    }
}
