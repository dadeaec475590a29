using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace EnforcementApi.Pages;

/// <summary>
/// The pages' stylesheet, carried in the assembly like the migrations. Its URL names its content's hash,
/// so it can be cached for a year and a new build's pages ask for the new one.
/// </summary>
internal static class Assets
{
    static readonly byte[] Stylesheet = Read("site.css");
    static readonly string Hash = Convert.ToHexStringLower(SHA256.HashData(Stylesheet).AsSpan(0, 8));

    public static string StylesheetUrl { get; } = "/assets/site.css?v=" + Hash;

    public static void MapAssets(this IEndpointRouteBuilder app) =>
        app.MapGet("/assets/site.css", (HttpContext http) =>
        {
            var etag = "\"" + Hash + "\"";
            http.Response.Headers.ETag = etag;
            http.Response.Headers.CacheControl = http.Request.Query["v"] == Hash ? "public, max-age=31536000, immutable" : "public, max-age=60";
            if (http.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Tag == etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Bytes(Stylesheet, "text/css; charset=utf-8");
        }).ExcludeFromDescription();

    static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("assets/" + name)
                           ?? throw new InvalidOperationException($"The asset {name} is not in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
