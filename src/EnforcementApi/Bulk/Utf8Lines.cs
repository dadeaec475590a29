namespace EnforcementApi.Bulk;

/// <summary>
/// Splits a stream into its lines as bytes, where <see cref="StreamReader.ReadLine"/> splits text: at "\n",
/// "\r" or "\r\n", the last line without one counting too. An import parses each line as UTF-8 JSON, so it
/// never needs the line as a string: this saves decoding every line to UTF-16 and encoding it back. The
/// stream is read 64 KiB at a time (each read may be a hop to another thread); a line longer than that grows
/// the buffer.
/// </summary>
internal sealed class Utf8Lines(Stream stream)
{
    byte[] buffer = new byte[1 << 16];
    int start;
    int end;
    bool ended;

    /// <summary>The next line, without its line break, valid until the next call; false at the end of the stream.</summary>
    public async ValueTask<(bool Found, ReadOnlyMemory<byte> Line)> NextAsync(CancellationToken ct)
    {
        var scanned = 0;
        while (true)
        {
            var at = buffer.AsSpan(start + scanned, end - start - scanned).IndexOfAny((byte)'\n', (byte)'\r');
            if (at >= 0)
            {
                var lineEnd = start + scanned + at;
                // A "\r" last in the buffer may be the first half of "\r\n": read on to see.
                if (buffer[lineEnd] == (byte)'\r' && lineEnd + 1 == end && !ended)
                {
                    scanned += at;
                    await FillAsync(ct);
                    continue;
                }
                var line = buffer.AsMemory(start, lineEnd - start);
                start = lineEnd + (buffer[lineEnd] == (byte)'\r' && lineEnd + 1 < end && buffer[lineEnd + 1] == (byte)'\n' ? 2 : 1);
                return (true, line);
            }
            if (ended)
            {
                if (start == end) return (false, default);
                var last = buffer.AsMemory(start, end - start);
                start = end;
                return (true, last);
            }
            scanned = end - start;
            await FillAsync(ct);
        }
    }

    /// <summary>Reads more of the stream after what is left, moving that to the front (or into a larger buffer) first.</summary>
    async ValueTask FillAsync(CancellationToken ct)
    {
        var left = end - start;
        if (start > 0 || left == buffer.Length)
        {
            var target = left == buffer.Length ? new byte[buffer.Length * 2] : buffer;
            Buffer.BlockCopy(buffer, start, target, 0, left);
            (buffer, start, end) = (target, 0, left);
        }
        var read = await stream.ReadAsync(buffer.AsMemory(end), ct);
        if (read == 0) ended = true;
        end += read;
    }
}
