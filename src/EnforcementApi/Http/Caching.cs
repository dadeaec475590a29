using System.Globalization;
using System.IO.Compression;
using EnforcementApi.Data;
using EnforcementApi.Querying;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace EnforcementApi.Http;

/// <summary>How public reads are cached and compressed: section <c>Caching</c>.</summary>
public sealed class CachingOptions
{
    /// <summary>Seconds a browser or CDN may reuse a public read without asking again (<c>Cache-Control: max-age</c>).</summary>
    public int MaxAgeSeconds { get; set; } = 60;

    /// <summary>Megabytes of answers the server keeps to serve hot reads again; 0 turns the output cache off.</summary>
    public int OutputCacheMegabytes { get; set; } = 32;

    /// <summary>Bodies smaller than this many bytes are sent uncompressed: compressing them saves less than it costs.</summary>
    public int MinCompressedBytes { get; set; } = 1024;
}

/// <summary>
/// Caching and compression of reads. A write makes every cached answer stale at once: the output cache
/// keys each answer by the database's data version (<see cref="QueryCache.DataVersion"/>), which changes on
/// every commit, whichever process makes it. Compressed answers carry their own strong ETag (the
/// uncompressed one with the coding appended), as RFC 9110 asks of different representations.
/// </summary>
internal static class Caching
{
    static readonly string[] Codings = ["br", "gzip"];

    public static WebApplicationBuilder AddApiCaching(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection("Caching");
        services.Configure<CachingOptions>(section);
        var options = section.Get<CachingOptions>() ?? new CachingOptions();

        services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes,
                "application/problem+json", "application/x-ndjson", "text/csv", "application/vnd.sqlite3"];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.AddSingleton<IResponseCompressionProvider, ReadCompression>();

        services.AddOutputCache(cache =>
        {
            cache.SizeLimit = Math.Max(1, options.OutputCacheMegabytes) * 1024L * 1024;
            cache.MaximumBodySize = 4 * 1024 * 1024;
            cache.UseCaseSensitivePaths = true;
            cache.DefaultExpirationTimeSpan = TimeSpan.FromMinutes(10);
            if (options.OutputCacheMegabytes > 0) cache.AddBasePolicy(new ReadCachePolicy());
        });
        return builder;
    }

    /// <summary>Early in the pipeline, so that every answer (documents included) gets its headers and compression.</summary>
    public static WebApplication UseApiCompression(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<CachingOptions>>().Value;
        var publicRead = $"public, max-age={options.MaxAgeSeconds.ToString(CultureInfo.InvariantCulture)}";
        app.Use((http, next) => CacheHeaders(http, next, publicRead));
        app.UseResponseCompression();
        app.Use(OneByteStreamPerETag);
        return app;
    }

    /// <summary>After authorization and the rate limit: a cached answer still counts against the client.</summary>
    public static WebApplication UseApiOutputCache(this WebApplication app)
    {
        app.UseOutputCache();
        return app;
    }

    /// <summary>
    /// <c>Cache-Control</c> on every answer of the API, and ETags per content coding. A client's
    /// <c>If-None-Match</c> naming a compressed copy is passed on as the uncompressed tag that the
    /// endpoints and the output cache know, and a 304 answers with the tag the client sent. So is its
    /// <c>If-Match</c>: a client that lets its HTTP library decompress reads the <c>-br</c> or <c>-gzip</c>
    /// tag, and that tag names the record's current representation as much as the plain one does
    /// (RFC 9110 8.8.3), so a write that sends it back is not refused as stale.
    /// </summary>
    static Task CacheHeaders(HttpContext http, Func<Task> next, string publicRead)
    {
        var path = http.Request.Path;
        var isPage = Pages.Pages.Owns(path);
        if (!path.StartsWithSegments("/api") && !path.StartsWithSegments("/health") && !isPage) return next();

        Dictionary<string, string>? sent = null;
        if (http.Request.Headers.IfNoneMatch is { Count: > 0 } ifNoneMatch)
        {
            sent = new Dictionary<string, string>(StringComparer.Ordinal);
            http.Request.Headers.IfNoneMatch = new StringValues(ifNoneMatch.SelectMany(v => (v ?? "").Split(','))
                .Select(tag => tag.Trim()).Select(tag => Uncoded(tag, sent)).ToArray());
        }
        if (http.Request.Headers.IfMatch is { Count: > 0 } ifMatch)
        {
            var ignored = new Dictionary<string, string>(StringComparer.Ordinal);
            http.Request.Headers.IfMatch = new StringValues(ifMatch.SelectMany(v => (v ?? "").Split(','))
                .Select(tag => tag.Trim()).Select(tag => Uncoded(tag, ignored)).ToArray());
        }

        http.Response.OnStarting(() =>
        {
            var response = http.Response;
            var headers = response.Headers;
            if (headers.CacheControl.Count == 0)
            {
                var isRead = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
                headers.CacheControl = isRead && response.StatusCode is 200 or 304 && !path.StartsWithSegments("/api/v1/admin")
                    && !path.StartsWithSegments("/api/v1/drafts") && (path.StartsWithSegments("/api") || isPage)
                    ? publicRead
                    : "no-store";
            }
            if (headers.ETag is [{ } etag])
            {
                if (response.StatusCode == 304 && sent is not null && sent.TryGetValue(etag, out var asSent)) headers.ETag = asSent;
                else if (headers.ContentEncoding is [{ } coding] && etag.EndsWith('"')) headers.ETag = etag[..^1] + "-" + coding + "\"";
            }
            return Task.CompletedTask;
        });
        return next();
    }

    /// <summary>
    /// Inside the compression: an answer with a strong ETag is compressed as one piece. A flush in the middle
    /// of it (the output cache flushes after writing a kept body) would make the compressor end a block
    /// early, so that the copy served from the cache had other bytes than the computed one under the same
    /// <c>-gzip</c> or <c>-br</c> tag. Streams without an ETag (exports) still flush as they go.
    /// </summary>
    static async Task OneByteStreamPerETag(HttpContext http, Func<Task> next)
    {
        var body = http.Response.Body;
        http.Response.Body = new WholeWhenTagged(body, http.Response);
        try
        {
            await next();
        }
        finally
        {
            http.Response.Body = body;
        }
    }

    /// <summary>Passes writes on, and flushes only for an answer that has no ETag.</summary>
    sealed class WholeWhenTagged(Stream inner, HttpResponse response) : Stream
    {
        bool Tagged => response.Headers.ETag.Count > 0;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.WriteAsync(buffer, offset, count, cancellationToken);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(buffer, cancellationToken);
        public override void Flush()
        {
            if (!Tagged) inner.Flush();
        }
        public override Task FlushAsync(CancellationToken cancellationToken) => Tagged ? Task.CompletedTask : inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>The tag without a content-coding suffix, remembering what the client sent for it.</summary>
    static string Uncoded(string tag, Dictionary<string, string> sent)
    {
        foreach (var coding in Codings)
        {
            var suffix = "-" + coding + "\"";
            if (tag.EndsWith(suffix, StringComparison.Ordinal))
            {
                var plain = tag[..^suffix.Length] + "\"";
                sent[plain] = tag;
                return plain;
            }
        }
        return tag;
    }

    /// <summary>
    /// Compresses answers to reads only (never a write's answer, which may hold a new key: BREACH), and only
    /// bodies large enough to gain; a streamed body, of unknown length, is an export and always large.
    /// </summary>
    sealed class ReadCompression(IServiceProvider services, IOptions<ResponseCompressionOptions> compression, IOptions<CachingOptions> caching)
        : ResponseCompressionProvider(services, compression)
    {
        readonly int minBytes = caching.Value.MinCompressedBytes;

        public override bool ShouldCompressResponse(HttpContext context) =>
            HttpMethods.IsGet(context.Request.Method)
            && !(context.Response.ContentLength < minBytes)
            && base.ShouldCompressResponse(context);
    }

    /// <summary>
    /// Keeps the answers of public reads, by the exact path and query string (so that a request the API
    /// refuses is never answered from the cache) and by the data version. Exports and the download stream
    /// files too large to keep; requests with a key and admin reads are never cached. Nor is search: its
    /// queries rarely repeat, and keeping each answer cost a miss about a third more CPU and filled the
    /// memory (bench/compare.sh, docs/benchmarks.md).
    /// </summary>
    sealed class ReadCachePolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var request = context.HttpContext.Request;
            var path = request.Path;
            // The pages are kept as the API's reads are, search aside for the same reason.
            var cacheable = HttpMethods.IsGet(request.Method)
                            && (path.StartsWithSegments("/api/v1") || Pages.Pages.Owns(path) && !path.StartsWithSegments("/search"))
                            && !path.StartsWithSegments("/api/v1/admin")
                            && !path.StartsWithSegments("/api/v1/export")
                            && !path.StartsWithSegments("/api/v1/dataset.sqlite")
                            && !path.StartsWithSegments("/api/v1/search")
                            && StringValues.IsNullOrEmpty(request.Headers.Authorization);
            context.EnableOutputCaching = cacheable;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            context.AllowLocking = true;
            if (!cacheable) return ValueTask.CompletedTask;

            var versions = context.HttpContext.RequestServices.GetRequiredService<QueryCache>();
            context.CacheVaryByRules.VaryByHost = true;
            context.CacheVaryByRules.VaryByValues["data"] = versions.DataVersion().ToString(CultureInfo.InvariantCulture);
            context.CacheVaryByRules.VaryByValues["query"] = request.QueryString.Value ?? "";
            // The home page is HTML for a browser and JSON for a client that asks (Vary: Accept).
            if (path == "/") context.CacheVaryByRules.HeaderNames = HeaderNames.Accept;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode != StatusCodes.Status200OK || !StringValues.IsNullOrEmpty(response.Headers.SetCookie))
                context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
    }
}
