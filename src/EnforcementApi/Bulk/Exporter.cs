using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CsvHelper;
using CsvHelper.Configuration;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Entities;
using EnforcementApi.Events;
using EnforcementApi.Figures;
using EnforcementApi.Querying;
using EnforcementApi.Sources;
using EnforcementApi.Statements;

namespace EnforcementApi.Bulk;

internal enum ExportFormat { Ndjson, Csv }

/// <summary>
/// Writes every record a list's filters select, a page at a time, as NDJSON (each line a record with its
/// <c>type</c>, as an import takes it) or CSV (RFC 4180, one row per record, nested parts flattened to
/// dotted columns, with the first citation's source and excerpt). Shared by the export endpoints and the
/// <c>export</c> command.
/// </summary>
internal static class Exporter
{
    const int PageSize = 500;

    static readonly CsvConfiguration Csv = new(CultureInfo.InvariantCulture)
    {
        // A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return) starts with a quote mark.
        InjectionOptions = InjectionOptions.Escape,
        NewLine = "\r\n",
        // RFC 4180: a cell with a comma, a quote mark or a line break of either kind is quoted. (CsvHelper's own
        // test looks for the configured "\r\n" only, so an excerpt with a bare "\n" would break its row.)
        ShouldQuote = args => args.Field is { } field
            && (field.IndexOfAny([',', '"', '\r', '\n']) >= 0 || field.Length > 0 && (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1]))),
    };

    public static async Task WriteAsync<TRow, TRecord>(
        DbConnection connection, ListQuery<TRow> list, Func<DbConnection, List<TRow>, CancellationToken, Task<List<TRecord>>> toRecords,
        string type, ExportFormat format, Stream output, JsonSerializerOptions json, CancellationToken ct,
        Func<DbConnection, List<TRecord>, CancellationToken, Task<List<TRecord>>>? wholeOrder = null)
    {
        var pages = Pages(connection, list, toRecords, ct);
        if (wholeOrder is not null) pages = Whole(connection, pages, wholeOrder, ct);
        if (format == ExportFormat.Ndjson)
            await WriteNdjsonAsync(pages, type, output, json, ct);
        else
            await WriteCsvAsync(pages, typeof(TRecord), json, output, ct);
    }

    static async IAsyncEnumerable<List<TRecord>> Pages<TRow, TRecord>(
        DbConnection connection, ListQuery<TRow> list,
        Func<DbConnection, List<TRow>, CancellationToken, Task<List<TRecord>>> toRecords,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var rows in list.AllPagesAsync(connection, PageSize, ct))
            yield return await toRecords(connection, rows, ct);
    }

    /// <summary>All pages as one, in an order that needs them all (entities, a few thousand at most).</summary>
    static async IAsyncEnumerable<List<TRecord>> Whole<TRecord>(
        DbConnection connection, IAsyncEnumerable<List<TRecord>> pages,
        Func<DbConnection, List<TRecord>, CancellationToken, Task<List<TRecord>>> order,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var all = new List<TRecord>();
        await foreach (var page in pages) all.AddRange(page);
        yield return await order(connection, all, ct);
    }

    /// <summary>
    /// What an export of these records writes, as text: the contract's example of each export, made by the
    /// same writers as the export itself so that it shows the columns an export really has.
    /// </summary>
    public static string Example(RecordType type, object record, ExportFormat format, JsonSerializerOptions json)
    {
        using var output = new MemoryStream();
        var pages = One(record);
        (format == ExportFormat.Ndjson
            ? WriteNdjsonAsync(pages, Wire<RecordType>.Name(type), output, json, CancellationToken.None)
            : WriteCsvAsync(pages, record.GetType(), json, output, CancellationToken.None)).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>The citation export's example: its header and these rows, as <see cref="WriteCitationsCsvAsync"/> writes them.</summary>
    public static string CitationsExample(IEnumerable<object?[]> rows)
    {
        using var output = new MemoryStream();
        WriteCitationRowsAsync(rows.ToAsyncEnumerable(), output, CancellationToken.None).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(output.ToArray());
    }

    static async IAsyncEnumerable<List<object>> One(object record)
    {
        yield return [record];
        await Task.CompletedTask;
    }

    static async Task WriteNdjsonAsync<TRecord>(IAsyncEnumerable<List<TRecord>> pages, string type, Stream output, JsonSerializerOptions json, CancellationToken ct)
    {
        var prefix = Encoding.UTF8.GetBytes("{\"type\":\"" + type + "\",");
        var page = new MemoryStream();
        await foreach (var records in pages)
        {
            // A page at a time into memory, then out in one write.
            page.SetLength(0);
            foreach (var record in records)
            {
                // The record's own object, opened with its type: {"type":"figure","id":...}
                var bytes = JsonSerializer.SerializeToUtf8Bytes(record, record!.GetType(), json);
                page.Write(prefix);
                page.Write(bytes.AsSpan(1));
                page.WriteByte((byte)'\n');
            }
            await output.WriteAsync(page.GetBuffer().AsMemory(0, (int)page.Length), ct);
            await output.FlushAsync(ct);
        }
    }

    static async Task WriteCsvAsync<TRecord>(IAsyncEnumerable<List<TRecord>> pages, Type recordType, JsonSerializerOptions json, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await using var csv = new CsvWriter(writer, Csv);
        var columns = Columns(json.GetTypeInfo(recordType), json, "").ToList();
        foreach (var column in columns) csv.WriteField(column.Name);
        await csv.NextRecordAsync();

        await foreach (var page in pages)
        {
            foreach (var record in page)
            {
                var element = JsonSerializer.SerializeToElement(record, recordType, json);
                foreach (var column in columns) csv.WriteField(column.Value(element));
                await csv.NextRecordAsync();
            }
            await csv.FlushAsync();
        }
    }

    /// <summary>
    /// The CSV columns of a record type: its scalar properties; a nested object's properties as
    /// <c>reportedBy.id</c>; a list as JSON text in one cell, except citations, which give
    /// <c>citationCount</c> and the first citation's <c>citation.sourceId</c>, <c>citation.sourceTitle</c>
    /// and <c>citation.excerpt</c>.
    /// </summary>
    static IEnumerable<(string Name, Func<JsonElement, string?> Value)> Columns(JsonTypeInfo type, JsonSerializerOptions json, string prefix)
    {
        foreach (var property in type.Properties)
        {
            var name = property.Name;
            var path = prefix + name;
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var info = json.GetTypeInfo(propertyType);
            if (prefix.Length == 0 && name == "citations")
            {
                yield return ("citationCount", e => e.GetProperty("citations").GetArrayLength().ToString(CultureInfo.InvariantCulture));
                foreach (var part in new[] { "sourceId", "sourceTitle", "excerpt" })
                    yield return ("citation." + part, e => e.GetProperty("citations") is { } c && c.GetArrayLength() > 0 ? Text(c[0].GetProperty(part)) : null);
            }
            else if (info.Kind == JsonTypeInfoKind.Object)
            {
                foreach (var (inner, value) in Columns(info, json, ""))
                    yield return (path + "." + inner, e => e.TryGetProperty(name, out var o) && o.ValueKind == JsonValueKind.Object ? value(o) : null);
            }
            else
            {
                yield return (path, e => e.TryGetProperty(name, out var v) ? Text(v) : null);
            }
        }
    }

    static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    /// <summary>Every citation as a CSV row: the record it supports, its source and its words.</summary>
    public static Task WriteCitationsCsvAsync(DbConnection connection, Stream output, CancellationToken ct) =>
        WriteCitationRowsAsync(CitationRows(connection, ct), output, ct);

    static async Task WriteCitationRowsAsync(IAsyncEnumerable<object?[]> rows, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await using var csv = new CsvWriter(writer, Csv);
        foreach (var header in new[] { "recordType", "recordId", "sourceId", "sourceTitle", "excerpt", "charStart", "charEnd", "page", "paragraph" })
            csv.WriteField(header);
        await csv.NextRecordAsync();
        var written = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var value in row)
                csv.WriteField(value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture));
            await csv.NextRecordAsync();
            if (++written % PageSize == 0) await csv.FlushAsync();
        }
    }

    /// <summary>Every citation's row, in the order they were recorded.</summary>
    static async IAsyncEnumerable<object?[]> CitationRows(DbConnection connection, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition("""
            select c.record_type, c.record_id, c.source_id, s.title, c.excerpt, c.char_start, c.char_end, c.page, c.paragraph
            from citations c
            left join sources s on s.id = c.source_id
            order by c.id
            """, cancellationToken: ct, flags: CommandFlags.None));
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            yield return row;
        }
    }

    /// <summary>
    /// Entities in an order an import can follow: organizations from the top down (each after the one
    /// that contains it), then people (whose roles are at organizations).
    /// </summary>
    public static async Task<List<Entity>> InContainmentOrderAsync(DbConnection connection, List<Entity> entities, CancellationToken ct)
    {
        var depth = (await connection.QueryAsync<(string Id, long Depth)>(new CommandDefinition("""
            with recursive tree(id, depth) as (
                select id, 0 from entities where parent_id is null and kind = 'organization'
                union all
                select e.id, tree.depth + 1 from entities e join tree on e.parent_id = tree.id
            )
            select id, depth from tree
            """, cancellationToken: ct))).ToDictionary(r => r.Id, r => r.Depth, StringComparer.Ordinal);
        return entities
            .OrderBy(e => e.Kind == EntityKind.Person ? 1 : 0)
            .ThenBy(e => depth.GetValueOrDefault(e.Id))
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
    }
}
