using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
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
    public static TBuilder WithETags<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var result = await next(invocation);
            var inner = result is INestedHttpResult nested ? nested.Result : result;
            if (inner is not IValueHttpResult { Value: { } value } || inner is not IStatusCodeHttpResult { StatusCode: 200 })
                return result;

            var http = invocation.HttpContext;
            var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var type = value.GetType();
            var body = FieldSelection.Of(http) is { } selection
                ? Selected(value, type, json, selection)
                : JsonSerializer.SerializeToUtf8Bytes(value, type, json);
            var etag = new EntityTagHeaderValue("\"" + Base64Url.EncodeToString(SHA256.HashData(body).AsSpan(0, 16)) + "\"");

            http.Response.Headers.ETag = etag.ToString();
            var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
            if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);

            return TypedResults.Bytes(body, "application/json; charset=utf-8");
        });

    static byte[] Selected(object value, Type type, JsonSerializerOptions json, FieldSelection selection)
    {
        var node = JsonSerializer.SerializeToNode(value, type, json)!;
        selection.Apply(node, isPage: type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Page<>));
        return JsonSerializer.SerializeToUtf8Bytes(node, json);
    }
}
