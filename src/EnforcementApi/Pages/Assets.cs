using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace EnforcementApi.Pages;

/// <summary>
/// The pages' own files, the stylesheet and the site's icon, carried in the assembly like the migrations.
/// Each URL names its content's hash, so it can be cached for a year and a new build's pages ask for the new one.
/// </summary>
internal static class Assets
{
    static readonly Asset Stylesheet = new("site.css", "text/css; charset=utf-8");

    /// <summary>
    /// Named by every page's &lt;link rel="icon"&gt;: a page that names none makes the browser ask for
    /// /favicon.ico, which answers 404 and leaves an error in the console of every page.
    /// </summary>
    static readonly Asset Icon = new("icon.svg", "image/svg+xml");

    public static string StylesheetUrl => Stylesheet.Url;
    public static string IconUrl => Icon.Url;

    public static void MapAssets(this IEndpointRouteBuilder app)
    {
        foreach (var asset in new[] { Stylesheet, Icon })
            app.MapGet(asset.Path, asset.Serve).ExcludeFromDescription();
    }

    sealed class Asset
    {
        readonly byte[] content;
        readonly string contentType;
        readonly string hash;

        public Asset(string name, string contentType)
        {
            content = Read(name);
            this.contentType = contentType;
            hash = Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8));
            Path = "/assets/" + name;
        }

        public string Path { get; }
        public string Url => Path + "?v=" + hash;

        public IResult Serve(HttpContext http)
        {
            var etag = "\"" + hash + "\"";
            http.Response.Headers.ETag = etag;
            http.Response.Headers.CacheControl = http.Request.Query["v"] == hash ? "public, max-age=31536000, immutable" : "public, max-age=60";
            if (http.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Tag == etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Bytes(content, contentType);
        }
    }

    static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("assets/" + name)
                           ?? throw new InvalidOperationException($"The asset {name} is not in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
