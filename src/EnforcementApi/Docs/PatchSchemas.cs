using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EnforcementApi.Docs;

/// <summary>
/// The body of each PATCH, as a generator and a validator read it: a JSON merge patch (RFC 7396) of the
/// record, so every field of its write body may be given, none is required, and null clears one.
/// <c>FigurePatch</c> is made from <c>FigureInput</c>, and so on; ResponsesOperationFilter names them.
/// </summary>
internal sealed class PatchSchemas : IDocumentFilter
{
    public static string NameFor(Type input) => input.Name.EndsWith("Input", StringComparison.Ordinal) ? input.Name[..^"Input".Length] + "Patch" : input.Name + "Patch";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null) return;
        foreach (var input in new[] { "SourceInput", "EntityInput", "EventInput", "FigureInput", "StatementInput" })
        {
            if (!schemas.TryGetValue(input, out var found) || found is not OpenApiSchema body) continue;
            var properties = new Dictionary<string, IOpenApiSchema>();
            foreach (var (name, schema) in body.Properties ?? new Dictionary<string, IOpenApiSchema>())
                properties[name] = Nullable(schema, document);
            var kind = input[..^"Input".Length];
            schemas[kind + "Patch"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = $"A JSON merge patch (RFC 7396) of a {kind.ToLowerInvariant()}: any fields of its write body ({input}); "
                    + "a field given replaces it, null clears it, an array replaces the whole array. The result is checked as a whole record.",
                Properties = properties,
                AdditionalPropertiesAllowed = false,
            };
        }
    }

    /// <summary>The property's schema, or null: a merge patch clears a field with null.</summary>
    static IOpenApiSchema Nullable(IOpenApiSchema schema, OpenApiDocument document)
    {
        if (schema is OpenApiSchema inline && (inline.Type?.HasFlag(JsonSchemaType.Null) == true
            || inline.OneOf?.Any(a => a is OpenApiSchema { Type: JsonSchemaType.Null }) == true))
            return schema;
        var description = (schema as OpenApiSchemaReference)?.Description ?? (schema as OpenApiSchema)?.Description;
        var alternative = schema is OpenApiSchemaReference reference ? new OpenApiSchemaReference(reference.Reference.Id!, document) : schema;
        return new OpenApiSchema { Description = description, OneOf = [alternative, new OpenApiSchema { Type = JsonSchemaType.Null }] };
    }
}
