using System.Diagnostics;
using System.Globalization;

namespace EnforcementApi.Bulk;

/// <summary>
/// The line an import or an export keeps up to date on a terminal: records so far, records per second and
/// the time left, from the file's size (import) or the records to go (export). Written to standard error,
/// and only to a terminal: standard output carries the command's answer (or the export itself), and a log
/// or a pipe gets no carriage returns.
/// </summary>
internal sealed class ProgressLine(string verb, bool quiet)
{
    readonly bool shown = !quiet && !Console.IsErrorRedirected;
    readonly Stopwatch clock = Stopwatch.StartNew();
    TimeSpan? last;

    /// <summary>Shows the records done; <paramref name="fraction"/> (0 to 1) of the work done, when known, gives the time left.</summary>
    public void Show(long records, double? fraction, bool final = false)
    {
        if (!shown) return;
        var now = clock.Elapsed;
        if (!final && last is { } before && now - before < TimeSpan.FromMilliseconds(250)) return;
        last = now;
        var rate = now.TotalSeconds > 0 ? records / now.TotalSeconds : 0;
        // The time left once a little of the work shows the pace; under 1% it would be a guess.
        var left = fraction is >= 0.01 and < 1 && !final ? TimeSpan.FromSeconds(Math.Min(now.TotalSeconds * (1 - fraction.Value) / fraction.Value, 86_400)) : (TimeSpan?)null;
        var line = FormattableString.Invariant($"{verb} {records:N0} records, {rate:N0}/s")
                   + (fraction is { } f && !final ? FormattableString.Invariant($", {f:P0}") : "")
                   + (left is { } l ? FormattableString.Invariant($", {(int)l.TotalMinutes}:{l.Seconds:00} left") : "")
                   + (final ? FormattableString.Invariant($" in {now.TotalSeconds:0.0} s") : "");
        Console.Error.Write("\r" + line.PadRight(72) + (final ? "\n" : ""));
    }
}

/// <summary>An IProgress that reports on the thread that calls it (the import's), in order: Progress&lt;T&gt; would post to the thread pool.</summary>
internal sealed class ProgressReport<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

/// <summary>A stream that counts what goes through it: the bytes read, for an import's progress.</summary>
internal sealed class CountingReadStream(Stream inner) : Stream
{
    public long Count { get; private set; }
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => Count; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => Counted(await inner.ReadAsync(buffer, ct));
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
    int Counted(int n) { Count += n; return n; }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A stream that counts the lines written through it: an export's records (a CSV's header is one more).</summary>
internal sealed class LineCountingStream(Stream inner, Action<long> lines) : Stream
{
    long count;
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Write(byte[] buffer, int offset, int length) => Write(buffer.AsSpan(offset, length));
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Count(buffer);
        inner.Write(buffer);
    }
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        Count(buffer.Span);
        await inner.WriteAsync(buffer, ct);
    }
    public override Task WriteAsync(byte[] buffer, int offset, int length, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, length), ct).AsTask();
    void Count(ReadOnlySpan<byte> buffer)
    {
        count += buffer.Count((byte)'\n');
        lines(count);
    }
    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken ct) => inner.FlushAsync(ct);
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
