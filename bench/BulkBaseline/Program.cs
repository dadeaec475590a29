using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;

// The machine's limit for an import (bench/bulk.sh): the rows an import of figures writes (the source, each
// figure, its citation, its revision, the search documents and their full-text entries) into the same tables
// of a database the app's own migrations made, with one prepared command per table in one transaction. No
// checks beyond the schema's own, no reference lookups, no record served back: a revision holds the line as
// read. By default the secondary indexes and the search triggers are dropped first; after the rows come the
// indexes, then the search documents (the search view finds a figure's citations by an index) and the
// search index, each by one insert...select. With --row-by-row they stay, so every insert keeps every index
// and the search index up to date, as single writes do: the database the reads after a bulk import are
// compared with.
//
//   BulkBaseline DATABASE FILE [--row-by-row]
if (args.Length < 2)
{
    Console.Error.WriteLine("Usage: BulkBaseline DATABASE FILE [--row-by-row]");
    return 2;
}
var (database, file, rowByRow) = (args[0], args[1], args.Contains("--row-by-row"));
var started = Stopwatch.StartNew();

using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
{
    DataSource = database,
    ForeignKeys = true,
    Pooling = false,
}.ToString());
connection.Open();
using var transaction = connection.BeginTransaction(deferred: false);
Execute("pragma cache_size = -65536"); // as the import's connection has it

var dropped = new List<string>();
if (!rowByRow)
{
    using var find = Command("""
        select m.type, m.name, m.sql from sqlite_master m
        where m.sql is not null and m.tbl_name in ('figures', 'citations', 'search_documents')
          and ((m.type = 'index' and not exists (select 1 from pragma_index_list(m.tbl_name) l where l.name = m.name and l."unique"))
               or (m.type = 'trigger' and m.name like '%search%'))
        order by m.rowid
        """);
    var objects = new List<(string Type, string Name, string Sql)>();
    using (var reader = find.ExecuteReader())
        while (reader.Read()) objects.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
    foreach (var (type, name, sql) in objects)
    {
        Execute($"drop {type} \"{name.Replace("\"", "\"\"")}\"");
        dropped.Add(sql);
    }
}
var figuresBefore = (long)Command("select ifnull(max(rowid), 0) from figures").ExecuteScalar()!;
var documentsBefore = (long)Command("select ifnull(max(id), 0) from search_documents").ExecuteScalar()!;

var source = Prepared("""
    insert into sources (id, kind, title, language) values ($id, $kind, $title, $language)
    """, "$id", "$kind", "$title", "$language");
var figure = Prepared("""
    insert into figures (id, metric, kind, value, value_qualifier, unit, period_start, period_end, scope, reported_by, rank)
    values ($id, $metric, $kind, $value, 'exact', $unit, $periodStart, $periodEnd, $scope, $reportedBy, 'normal')
    """, "$id", "$metric", "$kind", "$value", "$unit", "$periodStart", "$periodEnd", "$scope", "$reportedBy");
var citation = Prepared("""
    insert into citations (source_id, record_type, record_id, excerpt) values ($sourceId, 'figure', $figureId, $excerpt)
    """, "$sourceId", "$figureId", "$excerpt");
var revision = Prepared("""
    insert into revisions (record_type, record_id, revision, change, record, key_name, changed_at)
    values ($type, $id, 1, 'created', $record, 'baseline', $now)
    """, "$type", "$id", "$record", "$now");
var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");

var records = 0;
foreach (var line in File.ReadLines(file))
{
    if (line.Length == 0) continue;
    using var json = JsonDocument.Parse(line);
    var r = json.RootElement;
    var type = r.GetProperty("type").GetString()!;
    var id = r.GetProperty("id").GetString()!;
    if (type == "source")
        Run(source, id, r.GetProperty("kind").GetString(), r.GetProperty("title").GetString(), r.GetProperty("language").GetString());
    else
    {
        Run(figure, id, r.GetProperty("metric").GetString(), r.GetProperty("kind").GetString(), r.GetProperty("value").GetDouble(),
            r.GetProperty("unit").GetString(), r.GetProperty("periodStart").GetString(), r.GetProperty("periodEnd").GetString(),
            r.GetProperty("scope").GetString(), r.GetProperty("reportedBy").GetProperty("id").GetString());
        foreach (var c in r.GetProperty("citations").EnumerateArray())
            Run(citation, c.GetProperty("sourceId").GetString(), id, c.GetProperty("excerpt").GetString());
    }
    Run(revision, type, id, line, now);
    records++;
}

Console.Error.WriteLine($"rows written after {started.Elapsed.TotalSeconds:F1} s");
if (!rowByRow)
{
    // The indexes first: the search view finds each figure's citations by one of them.
    foreach (var sql in dropped.Where(s => !s.StartsWith("CREATE TRIGGER", StringComparison.OrdinalIgnoreCase))) Execute(sql);
    Console.Error.WriteLine($"indexes made after {started.Elapsed.TotalSeconds:F1} s");
    Execute($"""
        insert into search_documents (type, record_id, label, date_start, date_end, title, body, excerpts)
            select type, record_id, label, date_start, date_end, title, body, excerpts from search_entries
            where type = 'figure' and record_id in (select id from figures where rowid > {figuresBefore});
        insert into search_text (rowid, title, body, excerpts)
            select id, title, body, excerpts from search_documents where id > {documentsBefore} and type = 'figure';
        """);
    foreach (var sql in dropped.Where(s => s.StartsWith("CREATE TRIGGER", StringComparison.OrdinalIgnoreCase))) Execute(sql);
}
transaction.Commit();
Console.WriteLine($"{records} records in {started.Elapsed.TotalSeconds:F1} s");
return 0;

void Execute(string sql)
{
    using var command = Command(sql);
    command.ExecuteNonQuery();
}

SqliteCommand Command(string sql)
{
    var command = connection.CreateCommand();
    command.Transaction = transaction;
    command.CommandText = sql;
    return command;
}

SqliteCommand Prepared(string sql, params string[] names)
{
    var command = Command(sql);
    foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
    command.Prepare();
    return command;
}

static void Run(SqliteCommand command, params object?[] values)
{
    for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
    command.ExecuteNonQuery();
}
