using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using EnforcementApi.Writes;

namespace EnforcementApi.Bulk;

/// <summary>
/// One line of an import as read: its number (from 1, blank lines counted), and either the resource it is
/// for with the input read from it (and the errors found so far), or why it cannot be read at all.
/// </summary>
internal sealed class ImportLine
{
    public required int Number { get; init; }
    public string? Type { get; init; }
    public IImportable? Writer { get; init; }
    public object? Input { get; init; }
    public BodyErrors Errors { get; init; } = new();

    /// <summary>Why the line cannot be read (not JSON, no known type), at the path the answer names.</summary>
    public (string? Path, string Message)? Problem { get; init; }

    /// <summary>The file stops being valid UTF-8 here: the import reads no further.</summary>
    public bool NotUtf8 { get; init; }
}

/// <summary>
/// Reads an import's lines on a thread of their own, ahead of the writes: each line parsed as JSON and read
/// as its resource's POST reads a body (<see cref="IImportable.Read"/>), which needs no database. The import
/// then checks references and writes on its own thread, so parsing and SQLite's work share the two cores
/// instead of taking turns.
/// </summary>
internal sealed class ImportLines : IAsyncDisposable
{
    // Lines are handed over in batches, so that the two threads meet a few hundred times for a million lines;
    // and few are read ahead, so that the garbage collector finds few of them alive.
    const int BatchSize = 128;
    const int BatchesAhead = 4;

    readonly Channel<List<ImportLine>> batches = Channel.CreateBounded<List<ImportLine>>(
        new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });
    readonly CancellationTokenSource stop;
    readonly Task reading;

    ImportLines(Stream ndjson, IReadOnlyDictionary<string, IImportable> writers, string types, CancellationToken ct)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        reading = Task.Run(() => ReadAsync(ndjson, writers, types, stop.Token));
    }

    public static ImportLines Start(Stream ndjson, IReadOnlyDictionary<string, IImportable> writers, string types, CancellationToken ct) =>
        new(ndjson, writers, types, ct);

    /// <summary>
    /// The lines in order. A failure to read the stream (a body over its size limit, a broken connection) is
    /// thrown here, as soon as the lines before it are taken.
    /// </summary>
    public async IAsyncEnumerable<ImportLine> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var batch in batches.Reader.ReadAllAsync(ct))
            foreach (var line in batch)
                yield return line;
        await reading;
    }

    async Task ReadAsync(Stream ndjson, IReadOnlyDictionary<string, IImportable> writers, string types, CancellationToken ct)
    {
        try
        {
            var lines = new Utf8Lines(ndjson);
            var batch = new List<ImportLine>(BatchSize);
            var number = 0;
            while (await lines.NextAsync(ct) is (true, var bytes))
            {
                number++;
                if (!Utf8.IsValid(bytes.Span))
                {
                    batch.Add(new ImportLine { Number = number, NotUtf8 = true });
                    break;
                }
                if (IsBlank(bytes.Span)) continue;
                batch.Add(Read(number, bytes.Span, writers, types));
                if (batch.Count == BatchSize)
                {
                    await batches.Writer.WriteAsync(batch, ct);
                    batch = new List<ImportLine>(BatchSize);
                }
            }
            if (batch.Count > 0) await batches.Writer.WriteAsync(batch, ct);
        }
        finally
        {
            batches.Writer.Complete();
        }
    }

    /// <summary>Whether a line is empty or only white space, as <see cref="string.IsNullOrWhiteSpace"/> says of its text.</summary>
    static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b >= 0x80) return string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(line));
            if (!char.IsWhiteSpace((char)b)) return false;
        }
        return true;
    }

    static ImportLine Read(int number, ReadOnlySpan<byte> text, IReadOnlyDictionary<string, IImportable> writers, string types)
    {
        var (body, problem) = ParseLine(text);
        if (body is null) return new ImportLine { Number = number, Problem = (null, problem!) };
        var type = body["type"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        if (type is null || !writers.TryGetValue(type, out var writer))
            return new ImportLine
            {
                Number = number,
                Problem = ("type", type is null ? $"Is required: one of {types}." : $"Must be one of {types}; got '{type}'."),
            };
        body.Remove("type");
        var errors = new BodyErrors();
        return new ImportLine { Number = number, Type = type, Writer = writer, Input = writer.Read(body, errors), Errors = errors };
    }

    static (JsonObject? Body, string? Problem) ParseLine(ReadOnlySpan<byte> bytes)
    {
        if (RequestBody.FirstUndecodableString(bytes, validUtf8: true) is { } offset)
            return (null, $"Has a string at byte {offset} with an escape that stands for half a character (a lone surrogate).");
        try
        {
            return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false }) is JsonObject body
                ? (body, null)
                : (null, "Must be one JSON object: a record with its type.");
        }
        catch (JsonException e)
        {
            return (null, $"Is not well-formed JSON at byte {(e.BytePositionInLine ?? 0) + 1}: {e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        // An import that stops early (a failure, a cancelled request) stops the reading too.
        await stop.CancelAsync();
        try
        {
            await reading;
        }
        catch (Exception)
        {
            // Already thrown to the import through ReadAllAsync, or of no interest once it stopped.
        }
        stop.Dispose();
    }
}
