using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EnforcementApi.Docs;

/// <summary>
/// Every GET also answers HEAD (<see cref="Http.HeadRequests"/>): the same status and headers, no body. The
/// contract says so with a HEAD operation beside each GET, so that a validating proxy accepts a HEAD and a
/// generator can offer it. Runs after every other filter, so that each GET is complete when it is copied.
/// </summary>
internal sealed class HeadOperations : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var (path, item) in document.Paths)
        {
            if (item is not OpenApiPathItem { Operations: { } operations } || !operations.TryGetValue(HttpMethod.Get, out var get)) continue;

            var responses = new OpenApiResponses();
            foreach (var (status, response) in get.Responses ?? [])
            {
                var headers = response.Headers is null ? new Dictionary<string, IOpenApiHeader>() : new Dictionary<string, IOpenApiHeader>(response.Headers);
                if (status == "200")
                    headers.TryAdd("Content-Length", new OpenApiHeader
                    {
                        Description = "The length the GET's body would have, where the GET knows it ahead (a streamed export does not).",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    });
                responses[status] = new OpenApiResponse { Description = response.Description, Headers = headers };
            }

            operations[HttpMethod.Head] = new OpenApiOperation
            {
                OperationId = get.OperationId + "Head",
                Tags = get.Tags,
                Summary = (get.Summary ?? "") + " (headers only)",
                Description = $"`HEAD {path}`: what `GET {path}` answers, status and headers (`ETag`, `Cache-Control`, `Link`, `Content-Length` "
                    + "where the GET knows it), without the body. The same parameters, limits and keys apply.",
                Parameters = get.Parameters,
                Security = get.Security,
                Responses = responses,
            };
        }
    }
}
