using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace EnforcementApi.Writes;

/// <summary>
/// Limits on what a client sends: <c>Api:MaxRequestBodyBytes</c> for a write (default 1 MiB) and
/// <c>Api:MaxImportBytes</c> for an import (default 512 MiB).
/// </summary>
public sealed class ApiOptions
{
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
    public long MaxImportBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>An import larger than this runs as a job (202 Accepted) even without Prefer: respond-async.</summary>
    public long AsyncImportBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>The longest text a draft reads, in characters: a long report's worth.</summary>
    public int MaxDraftCharacters { get; set; } = 200_000;
}

/// <summary>
/// Reads a write's body: the content type it must have (415 otherwise), at most the configured size
/// (413), well-formed JSON (400 saying where it breaks) and an object at the top.
/// </summary>
internal static class RequestBody
{
    public static async Task<(JsonObject? Body, byte[] Bytes, ProblemHttpResult? Problem)> ReadObjectAsync(
        HttpContext http, string contentType, CancellationToken ct)
    {
        var (bytes, unread) = await ReadBytesAsync(http, contentType, "JSON", ct);
        if (unread is not null) return (null, bytes, unread);
        if (FirstUndecodableString(bytes) is { } offset)
            return (null, bytes, Problem(StatusCodes.Status400BadRequest, "The body has a string that is not valid Unicode.",
                $"The string that starts at byte {offset} of the body has an escape such as \\ud800 that stands for half a character (a lone surrogate)."));

        try
        {
            var node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
            return node is JsonObject body
                ? (body, bytes, null)
                : (null, bytes, Problem(StatusCodes.Status400BadRequest, "The body is not a JSON object.", "Send one JSON object with the record's fields."));
        }
        catch (JsonException e)
        {
            return (null, bytes, Problem(StatusCodes.Status400BadRequest, "The body is not well-formed JSON.",
                $"The JSON breaks at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: {e.Message.Split(" Path:")[0]}"));
        }
    }

    /// <summary>
    /// A body of this content type, whole: at most <c>Api:MaxRequestBodyBytes</c> (413 past it), in UTF-8
    /// (400 otherwise); <paramref name="what"/> names what it holds, for the problem's words.
    /// </summary>
    public static async Task<(byte[] Bytes, ProblemHttpResult? Problem)> ReadBytesAsync(HttpContext http, string contentType, string what, CancellationToken ct)
    {
        var request = http.Request;
        if (WrongContentType(request, contentType, "the body") is { } wrong) return ([], wrong);

        var limit = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
            return ([], TooLarge(limit));

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return ([], TooLarge(limit));
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            return (bytes, Problem(StatusCodes.Status400BadRequest, "The body is not valid UTF-8.",
                $"The body has bytes that are not UTF-8; send {what} encoded as UTF-8."));
        return (bytes, null);
    }

    /// <summary>
    /// Where the first string or property name is that JSON allows but .NET cannot decode (a lone
    /// surrogate escape); null when every one decodes, or when the JSON is malformed (the parse says where).
    /// Of bytes known to be valid UTF-8 (<paramref name="validUtf8"/>, an import's lines), only strings with
    /// escapes can be undecodable, so only those are decoded to see.
    /// </summary>
    internal static long? FirstUndecodableString(ReadOnlySpan<byte> bytes, bool validUtf8 = false)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 32 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName)) continue;
                if (validUtf8 && !reader.ValueIsEscaped) continue;
                try { reader.GetString(); }
                catch (InvalidOperationException) { return reader.TokenStartIndex + 1; }
            }
        }
        catch (JsonException) { }
        return null;
    }

    /// <summary>A 415 problem unless the request's content type is this one, in UTF-8.</summary>
    public static ProblemHttpResult? WrongContentType(HttpRequest request, string contentType, string what) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals(contentType, StringComparison.OrdinalIgnoreCase)
        && (!type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            ? null
            : Problem(StatusCodes.Status415UnsupportedMediaType, "The body has the wrong content type.",
                $"Send {what} as Content-Type: {contentType} (UTF-8); got {(string.IsNullOrEmpty(request.ContentType) ? "none" : request.ContentType)}.");

    static ProblemHttpResult TooLarge(long limit) => Problem(StatusCodes.Status413PayloadTooLarge, "The body is too large.",
        $"A request body may have at most {limit} bytes.");

    static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
