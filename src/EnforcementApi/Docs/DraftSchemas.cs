using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EnforcementApi.Docs;

/// <summary>
/// What a draft item's <c>record</c> is, for validators and client generators: <c>DraftItem</c> has a
/// discriminator, <c>kind</c>, that names <c>FigureDraftItem</c>, <c>StatementDraftItem</c> or
/// <c>EntityDraftItem</c>, each a DraftItem whose record is the POST body of its kind as the pipeline proposes
/// it. (Inheritance rather than a oneOf: NSwag names no type for the items of a oneOf.) In C# the record stays a
/// <see cref="JsonObject"/> (the pipeline builds it field by field); this filter states its shape.
/// </summary>
internal sealed class DraftSchemas : IDocumentFilter
{
    /// <summary>
    /// The kinds of item, the POST body each record is, and the fields of it the pipeline may leave null for
    /// the curator to set (a figure whose reporter, or a quotation whose speaker, it did not find).
    /// </summary>
    static readonly (string Kind, string Input, string[] MayBeNull)[] Kinds =
    [
        ("figure", "FigureInput", ["reportedBy"]),
        ("statement", "StatementInput", ["speaker"]),
        ("entity", "EntityInput", []),
    ];

    public const string DraftItem = "DraftItem";
    public const string Patch = "DraftItemPatch";
    public const string Replacement = "DraftItemRecord";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null || !schemas.TryGetValue(DraftItem, out var found) || found is not OpenApiSchema item) return;

        foreach (var (kind, inputName, mayBeNull) in Kinds)
        {
            if (!schemas.TryGetValue(inputName, out var input) || input is not OpenApiSchema body) continue;
            var title = char.ToUpperInvariant(kind[0]) + kind[1..];

            var proposal = title + "Proposal";
            var proposalProperties = new Dictionary<string, IOpenApiSchema>();
            foreach (var (name, schema) in body.Properties ?? new Dictionary<string, IOpenApiSchema>())
                proposalProperties[name] = mayBeNull.Contains(name)
                    ? new OpenApiSchema
                    {
                        Description = (schema as OpenApiSchemaReference)?.Description ?? (schema as OpenApiSchema)?.Description,
                        OneOf = [NonNull(schema, document), new OpenApiSchema { Type = JsonSchemaType.Null }],
                    }
                    : schema;
            schemas[proposal] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = $"A {kind} as a draft proposes it: the body `POST /api/v1/{Plural(kind)}` takes ({inputName})"
                    + (mayBeNull.Length == 0 ? "." : $", except that {string.Join(" and ", mayBeNull.Select(f => $"`{f}`"))} may be null until the curator sets it (the item's notes say so)."),
                Properties = proposalProperties,
                // The pipeline gives every required field, null where it found nothing.
                Required = body.Required,
                DependentRequired = body.DependentRequired,
                AdditionalPropertiesAllowed = false,
            };

            // The item of this kind: every field of DraftItem (allOf), with its record typed. Told apart by the
            // base's discriminator, which generators follow to this type (inheritance in C#, a narrowed type in TypeScript).
            var variant = title + "DraftItem";
            schemas[variant] = new OpenApiSchema
            {
                Description = $"A draft item that proposes a {kind} (`kind` is `{kind}`).",
                AllOf =
                [
                    new OpenApiSchemaReference(DraftItem, document),
                    new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["record"] = new OpenApiSchemaReference(proposal, document)
                            {
                                Description = $"The {kind} the item proposes, with its citation of the source (excerpt and offsets). Accepting writes it as it is, or as the accept request's body changes it.",
                            },
                        },
                        Required = new HashSet<string> { "record" },
                    },
                ],
            };
        }

        // The record is each kind's own (a generator keeps the base's property and drops the kind's otherwise); so
        // the base lists the other fields and leaves the record to the kinds.
        item.Properties?.Remove("record");
        item.Required?.Remove("record");
        item.AdditionalPropertiesAllowed = true;
        item.Description = (item.Description is null ? "" : item.Description + " ")
            + "Its `kind` tells which of FigureDraftItem, StatementDraftItem and EntityDraftItem it is, and so what its `record` is: the POST body of that kind as proposed.";
        item.Discriminator = new OpenApiDiscriminator
        {
            PropertyName = "kind",
            Mapping = Kinds.ToDictionary(k => k.Kind,
                k => new OpenApiSchemaReference(char.ToUpperInvariant(k.Kind[0]) + k.Kind[1..] + "DraftItem", document)),
        };

        schemas[Patch] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A JSON merge patch (RFC 7396) of the item's proposed record: any fields of its kind's POST body "
                + "(FigureInput, StatementInput or EntityInput) to change, null to clear one. `{}` changes nothing: the proposal is written as it is.",
            // Any field (an empty schema): said outright, so that generators type it as a map, not as an empty object.
            AdditionalProperties = new OpenApiSchema(),
            Example = new JsonObject
            {
                ["reportedBy"] = new JsonObject { ["id"] = "dhs" },
                ["periodStart"] = "2025-01-20",
                ["periodEnd"] = "2025-04-29",
            },
        };
        schemas[Replacement] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The whole record to write instead of the proposal: the POST body of the item's kind.",
            OneOf = [.. Kinds.Select(k => (IOpenApiSchema)new OpenApiSchemaReference(k.Input, document))],
        };
        DescribeAcceptBodies(document);
    }

    /// <summary>The schema without its own null alternative or description, to put in a nullable oneOf.</summary>
    static IOpenApiSchema NonNull(IOpenApiSchema schema, OpenApiDocument document) =>
        schema is OpenApiSchema { OneOf: { Count: 2 } alternatives } && alternatives.Any(a => a is OpenApiSchema { Type: JsonSchemaType.Null })
            ? alternatives.First(a => a is not OpenApiSchema { Type: JsonSchemaType.Null })
            : schema is OpenApiSchemaReference reference ? new OpenApiSchemaReference(reference.Reference.Id!, document)
            : schema;

    /// <summary>The accept operation's bodies: a merge patch of the proposal (first: what generators pick), or a whole record.</summary>
    static void DescribeAcceptBodies(OpenApiDocument document)
    {
        foreach (var (_, path) in document.Paths)
            foreach (var (_, operation) in path.Operations ?? [])
                if (operation.OperationId == "AcceptDraftItem" && operation.RequestBody is OpenApiRequestBody { Content: { } content })
                    foreach (var (mediaType, media) in content)
                        media.Schema = new OpenApiSchemaReference(mediaType == "application/merge-patch+json" ? Patch : Replacement, document);
    }

    static string Plural(string kind) => kind == "entity" ? "entities" : kind + "s";
}
