using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Health;
using EnforcementApi.Home;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EnforcementApi.Docs;

/// <summary>
/// The operations outside <c>/api/v1</c> that a client uses: <c>GET /</c> (the links to everything, as JSON
/// for a client that asks for it) and the health probes. Neither is a route handler the explorer describes
/// (the probes are health-check endpoints, and <c>/</c> answers HTML or JSON), so they are written here.
/// </summary>
internal sealed class ServicePaths(IOptions<JsonOptions> json) : IDocumentFilter
{
    public const string HomeTag = "Home";
    public const string HealthTag = "Health";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Paths["/"] = new OpenApiPathItem { Operations = new() { [HttpMethod.Get] = Home(document, context) } };
        document.Paths["/health/live"] = new OpenApiPathItem
        {
            Operations = new()
            {
                [HttpMethod.Get] = Probe(document, context, "GetLiveness", "Is the process serving requests?",
                    "Answers 200 while the process serves requests; it checks nothing else. Not rate limited, never cached (`no-store`). For a container's liveness probe."),
            },
        };
        document.Paths["/health/ready"] = new OpenApiPathItem
        {
            Operations = new()
            {
                [HttpMethod.Get] = Probe(document, context, "GetReadiness", "Can the API serve reads and writes?",
                    "Checks that the database opens, answers a query and has every migration this build knows. `Healthy` (200); `Degraded` (200) when the database is read-only: reads work, writes answer 503; `Unhealthy` (503) otherwise, with the reason. Not rate limited, never cached (`no-store`). For a load balancer's readiness probe."),
            },
        };
    }

    OpenApiOperation Home(OpenApiDocument document, DocumentFilterContext context)
    {
        var home = context.SchemaGenerator.GenerateSchema(typeof(HomeApi.Home), context.SchemaRepository);
        var operation = new OpenApiOperation
        {
            OperationId = "GetHome",
            Tags = new HashSet<OpenApiTagReference> { new(HomeTag, document) },
            Summary = "What is here, and where to go next",
            Description = """
                With `Accept: application/json`, the service's name and description and its links: the records, the change
                feed, Swagger UI, this contract, the dataset download and the health probes. Otherwise the home page, as
                HTML. Both carry a strong `ETag` (304 to `If-None-Match`) and `Vary: Accept`. The JSON takes no query
                parameters: one sent is a 400.
                """,
            Parameters =
            [
                new OpenApiParameter
                {
                    Name = "Accept", In = ParameterLocation.Header,
                    Description = "`application/json` for the links as JSON; a browser's `text/html` (or none) for the home page.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    Example = JsonValue.Create("application/json"),
                },
                IfNoneMatch(),
            ],
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "The links as JSON, or the home page as HTML.",
                    Headers = new Dictionary<string, IOpenApiHeader>
                    {
                        ["Cache-Control"] = Header("`public, max-age=60` (the seconds are `Caching:MaxAgeSeconds`)."),
                        ["ETag"] = Header("Strong validator of this body (of the JSON or of the page); send it in `If-None-Match` to get 304."),
                        ["Vary"] = Header("`Accept` (and `Accept-Encoding`): the body depends on them."),
                        ["Content-Encoding"] = Header("`br` or `gzip` when the request's `Accept-Encoding` allows it and the body is 1 KiB or more; absent otherwise."),
                    },
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = home, Example = JsonSerializer.SerializeToNode(HomeApi.Index, json.Value.SerializerOptions) },
                        ["text/html"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = JsonValue.Create("<!DOCTYPE html><html lang=\"en\">…</html>") },
                    },
                },
                ["304"] = new OpenApiResponse
                {
                    Description = "Not modified: the `If-None-Match` ETag is still current; no body.",
                    Headers = new Dictionary<string, IOpenApiHeader>
                    {
                        ["Cache-Control"] = Header("`public, max-age=60`."),
                        ["ETag"] = Header("The current ETag, the same the client sent."),
                    },
                },
                ["400"] = new OpenApiResponse
                {
                    Description = "A query parameter was sent: the JSON takes none (a problem), and the page none but its own (an HTML page that says what was wrong).",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = ProblemContent(document, "400", "ProblemWithErrors"),
                        ["text/html"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = JsonValue.Create("<!DOCTYPE html><html lang=\"en\">…</html>") },
                    },
                },
            },
        };
        AddLimits(operation, document, rateLimited: true);
        return operation;
    }

    OpenApiOperation Probe(OpenApiDocument document, DocumentFilterContext context, string id, string summary, string description)
    {
        var health = context.SchemaGenerator.GenerateSchema(typeof(HealthApi.Health), context.SchemaRepository);
        var noStore = Header("`no-store`: a probe's answer is never kept.");
        var operation = new OpenApiOperation
        {
            OperationId = id,
            Tags = new HashSet<OpenApiTagReference> { new(HealthTag, document) },
            Summary = summary,
            Description = description,
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "`Healthy`, or `Degraded` (readiness: the database is read-only, or the read replica is past its lag bound or cannot be reached, so the primary serves every read).",
                    Headers = new Dictionary<string, IOpenApiHeader> { ["Cache-Control"] = noStore },
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new()
                        {
                            Schema = health,
                            Example = JsonSerializer.SerializeToNode(new HealthApi.Health("Healthy", id == "GetReadiness"
                                ? new Dictionary<string, HealthApi.HealthCheckOutcome>
                                {
                                    ["database"] = new("Healthy", "Database at schema version 14."),
                                    ["replica"] = new("Healthy", "The read replica is at most 0.412 s behind the primary (bound 5 s): anonymous reads go to it.", 0.412),
                                }
                                : new Dictionary<string, HealthApi.HealthCheckOutcome>()), JsonSerializerOptions.Web),
                        },
                    },
                },
                ["503"] = new OpenApiResponse
                {
                    Description = "`Unhealthy`: the database cannot be read, or is at another schema version; each check says why. Or the request ran longer than Limits:RequestTimeoutSeconds (a problem).",
                    Headers = new Dictionary<string, IOpenApiHeader> { ["Cache-Control"] = noStore },
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new()
                        {
                            Schema = health,
                            Example = JsonSerializer.SerializeToNode(new HealthApi.Health("Unhealthy",
                                new Dictionary<string, HealthApi.HealthCheckOutcome> { ["database"] = new("Unhealthy", "Database at schema version 12; this build expects 14.") }), JsonSerializerOptions.Web),
                        },
                        ["application/problem+json"] = ProblemContent(document, "503", "Problem"),
                    },
                },
            },
        };
        AddLimits(operation, document, rateLimited: false);
        return operation;
    }

    /// <summary>What any request can meet before it reaches the endpoint: the size limits, the rate limit, an error.</summary>
    void AddLimits(OpenApiOperation operation, OpenApiDocument document, bool rateLimited)
    {
        (string Status, string Description)[] limits =
        [
            ("414", "The query string is longer than Limits:MaxQueryStringLength."),
            ("431", "The request headers are larger than Limits:MaxHeaderBytes."),
            ("500", "An unexpected error; `traceId` identifies it in the server's logs."),
            .. rateLimited
                ? new[]
                {
                    ("429", "Too many requests from this client address this minute; `Retry-After` says when to retry."),
                    ("503", "The request ran longer than Limits:RequestTimeoutSeconds; retry after `Retry-After`."),
                }
                : [],
        ];
        foreach (var (status, description) in limits)
        {
            var response = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = ProblemContent(document, status, "Problem") },
            };
            if (status is "429" or "503")
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
                };
            operation.Responses!.TryAdd(status, response);
        }
        var sorted = operation.Responses!.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses!.Clear();
        foreach (var (status, response) in sorted) operation.Responses.Add(status, response);
    }

    OpenApiMediaType ProblemContent(OpenApiDocument document, string status, string schema) => new()
    {
        Schema = new OpenApiSchemaReference(schema, document),
        Example = JsonSerializer.SerializeToNode(Examples.Problem(status), Examples.Problem(status).GetType(), json.Value.SerializerOptions),
    };

    static OpenApiParameter IfNoneMatch() => new()
    {
        Name = "If-None-Match", In = ParameterLocation.Header,
        Description = "The `ETag` of a copy the client holds; when it is still current the answer is 304 Not Modified with no body.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        Example = JsonValue.Create(Querying.QueryDocs.ETagExample),
    };

    static OpenApiHeader Header(string description) => new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
}
