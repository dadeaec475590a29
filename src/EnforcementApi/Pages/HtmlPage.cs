using System.Diagnostics;
using System.Globalization;
using System.Text;
using EnforcementApi.Http;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace EnforcementApi.Pages;

/// <summary>
/// A page: a Razor component rendered on the server into one HTML string (Razor encodes every value it
/// writes), sent with a strong ETag of its bytes, so a browser's If-None-Match gets 304 as an API read does.
/// <c>Server-Timing</c> says how long the page took from its handler's start, queries and rendering included.
/// </summary>
internal sealed class HtmlPage<TComponent>(object view, int status) : IResult where TComponent : IComponent
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var html = await RenderAsync(http);
        var body = Encoding.UTF8.GetBytes(html);
        var response = http.Response;
        var headers = response.Headers;
        headers.ContentType = "text/html; charset=utf-8";
        headers["Server-Timing"] = "page;dur=" + Pages.Elapsed(http).TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);
        if (status != StatusCodes.Status200OK)
        {
            // A page that reports a problem is not kept: the same URL may work after the next write.
            headers.CacheControl = "no-store";
            response.StatusCode = status;
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body);
            return;
        }

        var etag = new EntityTagHeaderValue(ETags.Of(body, null));
        headers.ETag = etag.ToString();
        var maxAge = http.RequestServices.GetRequiredService<IOptions<CachingOptions>>().Value.MaxAgeSeconds;
        headers.CacheControl = $"public, max-age={maxAge.ToString(CultureInfo.InvariantCulture)}";
        if (http.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }

    async Task<string> RenderAsync(HttpContext http)
    {
        await using var renderer = new HtmlRenderer(http.RequestServices, http.RequestServices.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { ["View"] = view });
            return (await renderer.RenderComponentAsync<TComponent>(parameters)).ToHtmlString();
        });
    }
}

/// <summary>The pages' shared plumbing: their results, their clock.</summary>
internal static partial class Pages
{
    const string StartedKey = "EnforcementApi.PageStarted";

    public static IResult Html<TComponent>(object view, int status = StatusCodes.Status200OK) where TComponent : IComponent =>
        new HtmlPage<TComponent>(view, status);

    /// <summary>Starts a page's clock: the group's filter calls it before the handler runs.</summary>
    public static void Start(HttpContext http) => http.Items[StartedKey] = Stopwatch.GetTimestamp();

    public static TimeSpan Elapsed(HttpContext http) =>
        http.Items.TryGetValue(StartedKey, out var started) && started is long t ? Stopwatch.GetElapsedTime(t) : TimeSpan.Zero;
}
