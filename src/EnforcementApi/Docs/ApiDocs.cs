using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace EnforcementApi.Docs;

/// <summary>The OpenAPI 3.1 document at <c>/swagger/v1/swagger.json</c> and Swagger UI at <c>/swagger</c>.</summary>
public static class ApiDocs
{
    public const string DocumentUrl = "/swagger/v1/swagger.json";
    public const string SecurityScheme = "apiKey";

    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "EnforcementApi",
                Version = "v1",
                Description = """
                    Structured, citable records about immigration enforcement: events, figures and statements,
                    each tied to the source that supports it and to the source's exact words.

                    Lists answer `{"items": [...], "nextCursor": ...}` and put the next page's URL in a
                    `Link: <...>; rel="next"` header. Paging is by keyset cursor, so a deep page costs what the
                    first one does. Filters are plain query parameters; an unknown parameter or a malformed value
                    is a 400 problem (RFC 9457) that names it, never ignored. Every successful read carries a
                    strong `ETag`; send it back in `If-None-Match` to get 304 Not Modified. Every GET also answers
                    HEAD with the same status and headers (`Content-Length` where the GET knows it) and no body. Reads are public
                    (`Cache-Control: public, max-age=60`), compressed with Brotli or gzip when the client accepts
                    it and the body is 1 KiB or more, and hot reads are answered from the server's cache until
                    the next write.

                    Records are written in neutral words of our own. A source's wording appears only verbatim:
                    in a statement's `text`, a figure's `statedAs` and a citation's `excerpt`. Private
                    individuals are never named.
                    """,
                Contact = new OpenApiContact { Name = "EnforcementApi maintainers", Url = new Uri("https://github.com/enforcement-api/enforcement-api") },
                License = new OpenApiLicense { Name = "Code: MIT. Records: CC BY 4.0; excerpts remain their publishers'.", Url = new Uri("https://creativecommons.org/licenses/by/4.0/") },
            });
            o.AddSecurityDefinition(SecurityScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "API key",
                Description = "An API key, sent as `Authorization: Bearer KEY`. Reads need none; writes need a key with scope `write`. Keys are made with `dotnet run --project src/EnforcementApi -- keys create --name NAME --scope write`.",
            });
            o.SupportNonNullableReferenceTypes();
            o.NonNullableReferenceTypesAsRequired();
            o.MapType<decimal>(() => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal" });
            // A JSON object the API reads field by field (a draft's record, a merge patch): an object, never the
            // framework's JsonNode with its parent and root. DraftSchemas gives the draft's records their shape.
            o.MapType<System.Text.Json.Nodes.JsonObject>(() => new OpenApiSchema { Type = JsonSchemaType.Object });
            o.CustomSchemaIds(SchemaId);
            o.ParameterFilter<ApiParameterFilter>();
            o.SchemaFilter<RecordSchemaFilter>();
            o.OperationFilter<ResponsesOperationFilter>();
            o.DocumentFilter<DocumentFilter>();
            o.DocumentFilter<DraftSchemas>();
            o.DocumentFilter<PatchSchemas>();
            o.DocumentFilter<ServicePaths>();
            o.DocumentFilter<HeadOperations>();
        });
        services.Configure<SwaggerOptions>(o => o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1);
        return services;
    }

    /// <summary>
    /// A schema's name: the type's, as Swashbuckle names it (<c>Page&lt;Figure&gt;</c> is <c>FigurePage</c>), except
    /// that the framework's problem types get names of the API's own, so that no .NET type name reaches clients.
    /// </summary>
    internal static string SchemaId(Type type) =>
        type == typeof(Microsoft.AspNetCore.Mvc.ProblemDetails) ? "Problem"
        : type == typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails) ? "ProblemWithErrors"
        : type.IsConstructedGenericType ? string.Concat(type.GetGenericArguments().Select(SchemaId)) + type.Name[..type.Name.IndexOf('`')]
        : type.Name.Replace("[]", "Array");

    public static WebApplication UseApiDocs(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint(DocumentUrl, "EnforcementApi v1");
            o.DocumentTitle = "EnforcementApi";
            // The HTML pages link to an operation (#/Figures/ListFigures); deep links open it.
            o.EnableDeepLinking();
        });
        return app;
    }
}
