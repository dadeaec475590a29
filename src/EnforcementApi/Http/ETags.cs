using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using EnforcementApi.Querying;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace EnforcementApi.Http;

/// <summary>
/// Gives every successful read a strong ETag made from its body, and answers 304 Not Modified when the
/// client's <c>If-None-Match</c> already names it. The body is serialised once, here, and written as is,
/// keeping only the fields the client selected (<see cref="FieldSelection"/>).
/// </summary>
internal static class ETags
{
    const string RevisionKey = "EnforcementApi.Revision";

    /// <summary>A strong ETag of a body; for a record, its revision goes in too, so every write changes it.</summary>
    public static string Of(byte[] body, long? revision)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (revision is { } r)
        {
            Span<byte> bytes = stackalloc byte[8];
            BitConverter.TryWriteBytes(bytes, r);
            hash.AppendData(bytes);
        }
        hash.AppendData(body);
        return "\"" + Base64Url.EncodeToString(hash.GetHashAndReset().AsSpan(0, 16)) + "\"";
    }

    /// <summary>Marks the response as one record at this revision, for its ETag.</summary>
    public static void Remember(HttpContext http, long revision) => http.Items[RevisionKey] = revision;

    /// <summary>
    /// The ETag a read of the record would carry, for an answer that holds the record inside a larger body
    /// (accepting a draft item): the revision <see cref="Remember"/>ed and the record's own bytes.
    /// </summary>
    public static string OfRecord(HttpContext http, object record)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return Of(JsonSerializer.SerializeToUtf8Bytes(record, record.GetType(), json), http.Items.TryGetValue(RevisionKey, out var r) ? (long?)r : null);
    }

    public static TBuilder WithETags<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var result = await next(invocation);
            var inner = result is INestedHttpResult nested ? nested.Result : result;
            if (inner is not IValueHttpResult { Value: { } value } || inner is not IStatusCodeHttpResult { StatusCode: 200 or 201 } status)
                return result;

            var http = invocation.HttpContext;
            var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var type = value.GetType();
            var body = FieldSelection.Of(http) is { } selection
                ? Selected(value, type, json, selection)
                : JsonSerializer.SerializeToUtf8Bytes(value, type, json);
            var etag = new EntityTagHeaderValue(Of(body, http.Items.TryGetValue(RevisionKey, out var r) ? (long?)r : null));

            http.Response.Headers.ETag = etag.ToString();
            var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
            if (HttpMethods.IsGet(http.Request.Method)
                && ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);

            return new JsonBody(body, status.StatusCode!.Value);
        });

    static byte[] Selected(object value, Type type, JsonSerializerOptions json, FieldSelection selection)
    {
        var node = JsonSerializer.SerializeToNode(value, type, json)!;
        selection.Apply(node, isPage: type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Page<>));
        return JsonSerializer.SerializeToUtf8Bytes(node, json);
    }

    /// <summary>A body serialised once, written with its status (200, or 201 for a creation).</summary>
    sealed class JsonBody(byte[] body, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "application/json; charset=utf-8";
            http.Response.ContentLength = body.Length;
            return http.Response.Body.WriteAsync(body).AsTask();
        }
    }
}
