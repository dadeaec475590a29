using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using EnforcementApi.Querying;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EnforcementApi.Http;

/// <summary>Limits on what one client may ask: section <c>Limits</c>.</summary>
public sealed class LimitOptions
{
    /// <summary>Reads per minute from one client address (anonymous or not).</summary>
    public int ReadsPerMinute { get; set; } = 600;

    /// <summary>Writes per minute with one API key.</summary>
    public int WritesPerMinute { get; set; } = 120;

    /// <summary>Characters of the query string (after the ?).</summary>
    public int MaxQueryStringLength { get; set; } = 8000;

    /// <summary>Bytes of all request headers together (names and values).</summary>
    public int MaxHeaderBytes { get; set; } = 16 * 1024;

    /// <summary>Seconds a request may run before it is stopped with a 503.</summary>
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Records a page may hold (<c>limit</c>).</summary>
    public int MaxPageSize { get; set; } = QueryDocs.MaxLimit;

    /// <summary>Values one <c>in:</c> filter may list.</summary>
    public int MaxInValues { get; set; } = 50;

    /// <summary>Characters of a full-text query (<c>q</c>).</summary>
    public int MaxSearchQueryLength { get; set; } = 500;

    /// <summary>Addresses of reverse proxies whose X-Forwarded-For is trusted; none by default.</summary>
    public string[] TrustedProxies { get; set; } = [];
}

/// <summary>
/// The bounds that the query parsers check, read from <see cref="LimitOptions"/> once at start. The parsers
/// are plain code without the request's services, and these never change while the process runs.
/// </summary>
internal static class ClientBounds
{
    static LimitOptions limits = new();

    public static int MaxPageSize => limits.MaxPageSize;
    public static int MaxInValues => limits.MaxInValues;
    public static int MaxSearchQueryLength => limits.MaxSearchQueryLength;

    public static void Set(LimitOptions configured) => limits = configured;
}

/// <summary>
/// What a public API needs against scrapers, broken clients and people trying things: rate limits per
/// client address (reads) and per key (writes), bounds on the URL and headers, a request timeout,
/// security headers, CORS that lets any page read and none write, and one log line per request.
/// </summary>
internal static class Hardening
{
    public const string WritePolicy = "writes";

    public static WebApplicationBuilder AddApiHardening(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<LimitOptions>(builder.Configuration.GetSection("Limits"));
        var limits = builder.Configuration.GetSection("Limits").Get<LimitOptions>() ?? new LimitOptions();

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Kestrel's own bounds sit above this API's (Limits:MaxQueryStringLength, Limits:MaxHeaderBytes),
            // so that a client over them gets a problem that names the limit; Kestrel refuses only what is far past it.
            kestrel.Limits.MaxRequestLineSize = 4 * Math.Max(limits.MaxQueryStringLength, 4096);
            kestrel.Limits.MaxRequestHeadersTotalSize = 4 * Math.Max(limits.MaxHeaderBytes, 8192);
        });
        // The framework's own "Request starting" lines carry the query string, which may hold anything;
        // the request line below says what is needed without it, whatever level the rest is logged at.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the proxies named in configuration are believed. (With no proxy listed at all the
            // middleware would believe anyone, so without one it is not used: see UseApiHardening.)
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in limits.TrustedProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
        });

        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .AllowAnyOrigin()
            .WithMethods("GET", "HEAD")
            .WithHeaders("Accept", "If-None-Match")
            .WithExposedHeaders("ETag", "Link", "Location", "Retry-After", "Content-Disposition")));

        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                // Health probes come from the platform that runs the API, often many a minute.
                if (http.Request.Path.StartsWithSegments("/health")) return RateLimitPartition.GetNoLimiter("health");
                var isWrite = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
                              && !HttpMethods.IsOptions(http.Request.Method) && http.GetEndpoint()?.Metadata.GetMetadata<ReadsOnly>() is null;
                // Writes count against the key that makes them; reads, and writes without a valid key,
                // against the client's address.
                var key = isWrite && http.User.Identity?.IsAuthenticated == true
                    ? "key:" + http.User.Identity.Name
                    : (isWrite ? "write-address:" : "address:") + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = isWrite ? limits.WritesPerMinute : limits.ReadsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await WriteProblemAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests.",
                    $"This client has used its requests for this minute (Limits:ReadsPerMinute for reads per address, Limits:WritesPerMinute for writes per key); retry after {seconds} s.");
            };
        });

        services.AddRequestTimeouts(options => options.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = TimeSpan.FromSeconds(limits.RequestTimeoutSeconds),
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            WriteTimeoutResponse = http => WriteProblemAsync(http, StatusCodes.Status503ServiceUnavailable, "The request took too long.",
                $"It was stopped after {limits.RequestTimeoutSeconds} s (Limits:RequestTimeoutSeconds); nothing it would have written was kept. Narrow the request or retry later."),
        });
        return builder;
    }

    /// <summary>The middleware, in order: before routing, the checks that need nothing else; after authentication, the rate limit.</summary>
    public static WebApplication UseApiHardening(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<LimitOptions>>().Value;
        ClientBounds.Set(limits);
        if (limits.TrustedProxies.Length > 0)
            app.UseForwardedHeaders();
        app.Use(SecurityHeaders);
        var requests = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EnforcementApi.Requests");
        app.Use((http, next) => RequestLog(http, next, requests));
        app.Use((http, next) => RequestBounds(http, next, limits));
        app.UseCors();
        return app;
    }

    /// <summary>After authentication, so that writes count against their key.</summary>
    public static WebApplication UseApiRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        return app;
    }

    static Task SecurityHeaders(HttpContext http, Func<Task> next)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            // Swagger UI runs its own script and styles from this origin; the HTML pages load their stylesheet
            // from it and send forms only to it (their charts are inline SVG); the API's answers run nothing.
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/swagger")
                ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"
                : EnforcementApi.Pages.Pages.Owns(http.Request.Path)
                    ? "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
                    : "default-src 'none'; frame-ancestors 'none'";
            return Task.CompletedTask;
        });
        return next();
    }

    /// <summary>
    /// The URL and headers are bounded below the server's own limits, so that a client over them gets a
    /// problem that says which limit, not a bare connection-level refusal.
    /// </summary>
    static async Task RequestBounds(HttpContext http, Func<Task> next, LimitOptions limits)
    {
        var query = http.Request.QueryString.Value ?? "";
        if (query.Length > limits.MaxQueryStringLength + 1)
        {
            await WriteProblemAsync(http, StatusCodes.Status414UriTooLong, "The query string is too long.",
                $"It has {query.Length - 1} characters; at most {limits.MaxQueryStringLength} are allowed (Limits:MaxQueryStringLength).");
            return;
        }
        var headerBytes = http.Request.Headers.Sum(h => h.Key.Length + h.Value.Sum(v => (v?.Length ?? 0) + 4));
        if (headerBytes > limits.MaxHeaderBytes)
        {
            await WriteProblemAsync(http, StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request headers are too large.",
                $"They take about {headerBytes} bytes; at most {limits.MaxHeaderBytes} are allowed (Limits:MaxHeaderBytes).");
            return;
        }
        await next();
    }

    /// <summary>
    /// One line per request: method, route template (never the path's values or the query string, which
    /// may hold anything), status, duration and the trace id that problem bodies carry. Never a header.
    /// </summary>
    static async Task RequestLog(HttpContext http, Func<Task> next, ILogger logger)
    {
        var started = Stopwatch.GetTimestamp();
        int? failed = null;
        try
        {
            await next();
        }
        catch (Exception e)
        {
            // The exception handler, outside this, writes the answer: log the status it will send, not the 200 set so far.
            failed = Problems.AnswerTo(e)?.Status ?? StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            logger.LogInformation("{Method} {Route} {Status} {DurationMs} ms {TraceId}",
                http.Request.Method, route, failed ?? http.Response.StatusCode,
                Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2), Activity.Current?.Id ?? http.TraceIdentifier);
        }
    }

    public static async Task WriteProblemAsync(HttpContext http, int status, string title, string detail)
    {
        if (http.Response.HasStarted) return;
        http.Response.StatusCode = status;
        // These answers come before the middleware that sets Cache-Control on the rest: an answer about a limit is never kept.
        http.Response.Headers.CacheControl = "no-store";
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Type = TypeOf(status) },
        });
    }

    /// <summary>Where each status is defined, as problem details give it in <c>type</c>.</summary>
    static string? TypeOf(int status) => status switch
    {
        StatusCodes.Status414UriTooLong => "https://tools.ietf.org/html/rfc9110#section-15.5.15",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "https://tools.ietf.org/html/rfc6585#section-5",
        StatusCodes.Status503ServiceUnavailable => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => null,
    };
}

/// <summary>Marks a POST that only reads (the claims check, whose text is too long for a URL): it is limited as a read.</summary>
internal sealed record ReadsOnly;
