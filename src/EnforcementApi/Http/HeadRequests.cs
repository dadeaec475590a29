namespace EnforcementApi.Http;

/// <summary>
/// HEAD is GET without the body (RFC 9110 9.3.2): every GET route answers it with the same status and
/// headers, Content-Length included where the GET would know it, so a client can check a record's ETag
/// or a download's size without fetching it.
/// </summary>
internal static class HeadRequests
{
    static readonly object Marker = new();

    /// <summary>Whether the request came as HEAD, for a handler that can skip producing a body it only streams.</summary>
    public static bool IsHead(HttpContext http) => http.Items.ContainsKey(Marker);

    /// <summary>First in the pipeline, before routing: the rest of it sees a GET, and its body goes nowhere.</summary>
    public static WebApplication UseHeadRequests(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsHead(http.Request.Method))
            {
                await next(http);
                return;
            }

            http.Request.Method = HttpMethods.Get;
            http.Items[Marker] = true;
            var body = http.Response.Body;
            await using var discarded = new CountingSink();
            http.Response.Body = discarded;
            try
            {
                await next(http);
            }
            finally
            {
                http.Response.Body = body;
                http.Request.Method = HttpMethods.Head;
            }
            if (!http.Response.HasStarted && http.Response.ContentLength is null && discarded.Length > 0
                && http.Response.StatusCode is not (StatusCodes.Status204NoContent or StatusCodes.Status304NotModified))
                http.Response.ContentLength = discarded.Length;
        });
        return app;
    }

    /// <summary>A body that is counted, not kept.</summary>
    sealed class CountingSink : Stream
    {
        public override long Length => Position;
        public override long Position { get; set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override void Write(byte[] buffer, int offset, int count) => Position += count;
        public override void Write(ReadOnlySpan<byte> buffer) => Position += buffer.Length;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Position += buffer.Length;
            return ValueTask.CompletedTask;
        }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Position += count;
            return Task.CompletedTask;
        }
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
