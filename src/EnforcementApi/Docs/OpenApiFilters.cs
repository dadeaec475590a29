using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EnforcementApi.Http;
using EnforcementApi.Querying;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EnforcementApi.Docs;

/// <summary>
/// States the real type, bounds, default, pattern and example of a query parameter that binds as a
/// string (see <see cref="ApiParameterAttribute"/>).
/// </summary>
internal sealed class ApiParameterFilter : IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        if (parameter is not OpenApiParameter target) return;
        var query = context.PropertyInfo?.GetCustomAttribute<ApiParameterAttribute>()
            ?? context.ParameterInfo?.GetCustomAttribute<ApiParameterAttribute>();
        if (query is null) return;

        var repeatable = (context.PropertyInfo?.PropertyType ?? context.ParameterInfo?.ParameterType) == typeof(string[]);
        if (query.Type is not null)
            target.Schema = context.SchemaGenerator.GenerateSchema(query.Type, context.SchemaRepository);
        var schema = repeatable ? (target.Schema as OpenApiSchema)?.Items as OpenApiSchema : target.Schema as OpenApiSchema;
        if (schema is not null)
        {
            schema.Description = null;
            if (!double.IsNaN(query.Minimum)) schema.Minimum = query.Minimum.ToString(CultureInfo.InvariantCulture);
            // A page's size is bounded by configuration (Limits:MaxPageSize): the document states the bound in force.
            var maximum = target.Name == "limit" ? ClientBounds.MaxPageSize : query.Maximum;
            if (!double.IsNaN(maximum)) schema.Maximum = maximum.ToString(CultureInfo.InvariantCulture);
            if (query.Default is not null) schema.Default = JsonValue.Create(query.Default);
            if (query.Pattern is not null) schema.Pattern = query.Pattern;
        }
        if (target.Schema is OpenApiSchema outer) outer.Description = null;

        if (query.Example is not null)
            target.Example = repeatable ? new JsonArray(JsonValue.Create(query.Example)) : ExampleValue(query);
        if (query.Required) target.Required = true;

        // A list's sort fields and facets are its definition's, stated where the parameter is described.
        if (context.PropertyInfo?.ReflectedType is { IsAbstract: false } owner && owner.IsSubclassOf(typeof(ListParameters))
            && target.Name is "sort" or "facet")
        {
            var list = ((ListParameters)Activator.CreateInstance(owner)!).List;
            target.Description += target.Name == "sort"
                ? $" Fields: {Names(list.SortFields)}. Default `{list.DefaultSort}`."
                : $" Fields: {Names(list.FacetFields)}.";
        }
    }

    static string Names(IEnumerable<string> fields) => string.Join(", ", fields.Select(f => "`" + f + "`"));

    static JsonNode? ExampleValue(ApiParameterAttribute query) =>
        query.Type == typeof(int) ? JsonValue.Create(int.Parse(query.Example!, CultureInfo.InvariantCulture))
        : query.Type == typeof(bool) ? JsonValue.Create(bool.Parse(query.Example!))
        : query.Type == typeof(decimal) ? JsonValue.Create(decimal.Parse(query.Example!, CultureInfo.InvariantCulture))
        : JsonValue.Create(query.Example);
}

/// <summary>
/// Describes the records we send: every property is always present (null when unknown), and an enum
/// carries the description written on its type.
/// </summary>
internal sealed class RecordSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema target || context.Type.Assembly != typeof(RecordSchemaFilter).Assembly) return;

        if (context.Type.IsEnum)
        {
            target.Description ??= context.Type.GetCustomAttribute<DescriptionAttribute>()?.Description;
            return;
        }

        if (target.Properties is not { Count: > 0 } properties || context.MemberInfo is not null) return;

        // A record whose fields a client can select has no required property: with `fields`, only the
        // selected ones are there. Otherwise every property is always present, except those left out
        // when null (a page's total and facets).
        // A write body says itself which fields it needs ([Required] and non-nullable references).
        var input = context.Type.Name.EndsWith("Input", StringComparison.Ordinal);
        var selectable = context.Type.GetCustomAttribute<SelectableFieldsAttribute>() is not null;
        if (!input)
            target.Required = selectable
                ? new HashSet<string>()
                : context.Type.GetProperties()
                    .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
                    .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
                    .Where(properties.ContainsKey)
                    .ToHashSet();
        if (selectable)
            target.Description = (target.Description is null ? "" : target.Description + " ")
                + "Every property is present, null where unknown, unless `fields` selects some: then only those are.";
        if (input)
            DescribeOmissions(target, context.Type);

        // A property that refers to another schema loses its own description and its null: in OpenAPI
        // 3.1 both can stand beside the $ref, and a nullable one becomes "that schema, or null".
        var nullability = new NullabilityInfoContext();
        foreach (var property in context.Type.GetProperties())
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (!properties.TryGetValue(name, out var propertySchema) || propertySchema is not OpenApiSchemaReference reference) continue;

            var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description;
            var nullable = Nullable.GetUnderlyingType(property.PropertyType) is not null
                || nullability.Create(property).ReadState == NullabilityState.Nullable;
            if (nullable)
                properties[name] = new OpenApiSchema
                {
                    Description = description,
                    OneOf = [reference, new OpenApiSchema { Type = JsonSchemaType.Null }],
                };
            else
                reference.Description = description;
        }
    }

    /// <summary>
    /// A write body's fields that the server fills in when they are left out are not required, and say
    /// their default; fields that go in pairs say so as <c>dependentRequired</c>.
    /// </summary>
    static void DescribeOmissions(OpenApiSchema target, Type type)
    {
        foreach (var property in type.GetProperties())
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (property.GetCustomAttribute<Writes.OmittableAttribute>() is { } omittable)
            {
                target.Required?.Remove(name);
                if (omittable.DefaultJson is { } json && target.Properties?[name] is { } schema)
                {
                    var value = JsonNode.Parse(json);
                    if (schema is OpenApiSchemaReference reference) reference.Default = value;
                    else if (schema is OpenApiSchema inline) inline.Default = value;
                }
            }
            if (property.GetCustomAttribute<Writes.NeedsAttribute>() is { } needs)
            {
                target.DependentRequired ??= new Dictionary<string, HashSet<string>>();
                target.DependentRequired[name] = [needs.OtherField];
            }
        }
    }
}

/// <summary>
/// Gives every response its words, its content type (problem details as <c>application/problem+json</c>),
/// its headers (<c>ETag</c>, <c>Link</c>, <c>Location</c>) and an example; documents <c>If-None-Match</c>
/// on reads, and the API key on writes.
/// </summary>
internal sealed class ResponsesOperationFilter(IOptions<JsonOptions> json) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var method = context.ApiDescription.HttpMethod ?? "GET";
        var isRead = method == "GET";
        var isList = context.ApiDescription.SupportedResponseTypes
            .Any(r => r.StatusCode == 200 && r.Type is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(Page<>));
        var needsKey = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any();
        // Exports and the database download stream a file: no JSON body, no ETag, no 304.
        var streamed = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>()
            .Where(r => r.StatusCode == 200).SelectMany(r => r.ContentTypes)
            .Where(m => m != "application/json").Distinct().ToList();

        operation.Parameters ??= [];
        // Each paged operation's cursor example is one that operation takes (a cursor is bound to its list and filters).
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.Name is "cursor" or "since"))
            if (Examples.CursorFor((context.ApiDescription.RelativePath ?? "").TrimEnd('/')) is { } cursor)
                parameter.Example = JsonValue.Create(cursor);
        // An export takes the list's filters but not its paging or output parameters (it refuses them).
        if (streamed.Count > 0)
            foreach (var parameter in operation.Parameters.Where(p => Bulk.ExportApi.ListOnly.Contains(p.Name)).ToList())
                operation.Parameters.Remove(parameter);
        if (isRead && streamed.Count == 0)
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-None-Match",
                In = ParameterLocation.Header,
                Description = "The `ETag` of a copy the client holds; when it is still current the answer is 304 Not Modified with no body.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = JsonValue.Create(QueryDocs.ETagExample),
            });
        if (needsKey)
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocs.SecurityScheme, context.Document)] = [] }];

        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (operation.RequestBody is OpenApiRequestBody body && body.Content is not null)
        {
            body.Required = !metadata.OfType<Drafts.OptionalBody>().Any();
            var claimText = metadata.OfType<Claims.ClaimText>().Any();
            body.Description = claimText
                ? "The text to check, at most 5,000 characters: as plain text in UTF-8 (`text/plain`), or as JSON with `text` and optionally `tolerance` and `asOf`."
                : body.Content.ContainsKey("text/plain")
                ? "The source's full text, as plain text in UTF-8. Leave the body out to draft the text the API stores for the source."
                : metadata.OfType<Drafts.AcceptedRecordTypes>().Any()
                ? "Optional. A JSON merge patch of the proposed record (`application/merge-patch+json`: the fields to change, null clears one), or the whole record to write instead (`application/json`). Without a body, or with the merge patch `{}`, the proposal is written as it is."
                : method == "PATCH"
                ? "A JSON merge patch: the fields to change (null clears one); the result must be a valid record."
                : body.Content.ContainsKey(Bulk.ExportApi.Ndjson)
                    ? "The records, one JSON object per line, each with its `type` and the fields of that resource's POST body."
                    : "The record, with the fields it is served with.";
            var inputType = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>().FirstOrDefault()?.RequestType;
            foreach (var (mediaType, media) in body.Content)
            {
                if (metadata.OfType<Drafts.AcceptedRecordTypes>().Any())
                {
                    // The schemas are DraftSchemas' (a merge patch of the proposal, or a whole record of the item's kind).
                    media.Example = mediaType == "application/json"
                        ? Serialize(Examples.For(typeof(Figures.FigureInput))!)
                        : new JsonObject { ["reportedBy"] = new JsonObject { ["id"] = "dhs" }, ["periodStart"] = "2025-01-20", ["periodEnd"] = "2025-04-29" };
                }
                else if (claimText && mediaType == "text/plain")
                {
                    media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The text to check, in UTF-8." };
                    media.Example = Examples.ClaimText;
                }
                else if (claimText)
                {
                    media.Example = Serialize(Examples.For(typeof(Claims.ClaimCheckRequest))!);
                }
                else if (body.Content.ContainsKey("text/plain"))
                {
                    media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The text, as published." };
                    media.Example = Examples.ArticleOpening;
                }
                else if (method == "PATCH" && inputType is not null)
                {
                    media.Schema = new OpenApiSchemaReference(PatchSchemas.NameFor(inputType), context.Document);
                    media.Example = Serialize(Examples.PatchFor(inputType));
                }
                else if (body.Content.ContainsKey(Bulk.ExportApi.Ndjson))
                {
                    // Bytes (a file, a stream): a generator must send them as they are, not as one JSON string.
                    media.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String, Format = "binary",
                        Description = "NDJSON: one record per line, each an `ImportLine` (`x-itemSchema`).",
                    };
                    media.Example = Examples.ImportLines;
                    // What each line is, as OpenAPI 3.2's itemSchema says it for a sequence of JSON values.
                    media.Extensions = new Dictionary<string, IOpenApiExtension>
                    {
                        ["x-itemSchema"] = new JsonNodeExtension(new JsonObject { ["$ref"] = "#/components/schemas/" + DocumentFilter.ImportLine }),
                    };
                }
                else if (inputType is not null && Examples.For(inputType) is { } example)
                {
                    media.Example = Serialize(example);
                }
            }
        }

        if (operation.Responses is null) return;
        // Every operation can meet the limits (Limits:*) and the database's own state; writes also a full disk.
        // The claims check is a POST that writes nothing: it cannot fill the disk.
        var writes = !isRead && !context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Claims.ClaimText>().Any();
        foreach (var status in writes ? new[] { "414", "429", "431", "503", "507" } : ["414", "429", "431", "503"])
            operation.Responses.TryAdd(status, new OpenApiResponse { Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("Problem", context.Document) } } });
        if (!isRead || streamed.Count > 0) operation.Responses.Remove("304");
        var sorted = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (status, response) in sorted) operation.Responses.Add(status, response);

        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse target) continue;
            var responseType = context.ApiDescription.SupportedResponseTypes.FirstOrDefault(r => r.StatusCode.ToString() == status)?.Type;
            target.Description = Describe(status, isList, method);
            if (method is not ("GET" or "HEAD" or "OPTIONS") && status.StartsWith('2'))
            {
                target.Headers ??= new Dictionary<string, IOpenApiHeader>();
                target.Headers["Set-Cookie"] = new OpenApiHeader
                {
                    Description = "Only from a server with a read replica (`ConnectionStrings:EnforcementRead`): `enforcement-wrote=1`, kept for the replica's lag bound and a second. Sent back, it sends this client's reads to the primary, so they show this write; a read with a key goes there anyway. Without either, a read may come from the replica, at most the bound behind.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }

            if (status.StartsWith('4') || status.StartsWith('5'))
            {
                var schema = target.Content?.Values.FirstOrDefault()?.Schema;
                target.Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = schema, Example = Serialize(Examples.Problem(status)) },
                };
                if (status is "429" or "503")
                {
                    target.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    target.Headers["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Seconds to wait before retrying.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    };
                }
                if (status == "401")
                {
                    target.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    target.Headers["WWW-Authenticate"] = new OpenApiHeader
                    {
                        Description = "`Bearer realm=\"EnforcementApi\"`, with `error=\"invalid_token\"` when a key was sent but is not valid.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    };
                }
            }
            else if (status == "200" && streamed.Count > 0)
            {
                AddCachingHeaders(target, isRead: false, compressed: true, cached: false, streamed: true);
                target.Description = "The file, streamed: " + string.Join(" or ", streamed) + "."
                    + (streamed.Count > 1 ? " Without `format`, the `Accept` header chooses (`text/csv` or `application/x-ndjson`); NDJSON when it names neither." : "");
                // Bytes, not a JSON string: generators read them as a stream or a file.
                target.Content = streamed.ToDictionary(m => m, m => new OpenApiMediaType
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                    Example = Examples.Streamed(context.ApiDescription.RelativePath ?? "", m, json.Value.SerializerOptions),
                });
                target.Headers ??= new Dictionary<string, IOpenApiHeader>();
                target.Headers["Content-Disposition"] = new OpenApiHeader
                {
                    Description = streamed.Contains(Bulk.ExportApi.Sqlite)
                        ? "`attachment; filename=enforcement-dataset.sqlite`."
                        : "`attachment` with the file's name: the resource and the format's extension, such as `figures.csv` or `figures.ndjson`.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
                if (streamed.Count > 1)
                    target.Headers["Vary"] = new OpenApiHeader
                    {
                        Description = "`Accept` (and `Accept-Encoding`): without `format`, the format follows the request's `Accept`.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    };
                if (streamed.Contains(Bulk.ExportApi.Sqlite))
                    target.Headers["Content-Length"] = new OpenApiHeader
                    {
                        Description = "The file's size in bytes, when the body is not compressed (a HEAD tells it without the download).",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    };
            }
            else if (status == "200" && operation.RequestBody?.Content?.ContainsKey(Bulk.ExportApi.Ndjson) == true)
            {
                target.Description = "What the import did (or, with dryRun, would do): the records created and replaced, per type.";
                if (responseType is not null && Examples.For(responseType) is { } example)
                    foreach (var media in target.Content?.Values ?? [])
                        media.Example = Serialize(example);
            }
            else if (status is "200" or "201")
            {
                // A read that needs a key (a draft, the keys) is never public: it is no-store, as CacheHeaders makes it.
                AddCachingHeaders(target, isRead && !needsKey, compressed: isRead, cached: isRead && !needsKey);
                target.Headers ??= new Dictionary<string, IOpenApiHeader>();
                target.Headers["ETag"] = new OpenApiHeader
                {
                    Description = isRead
                        ? "Strong validator of this body; send it in `If-None-Match` to get 304 when nothing changed, or in `If-Match` to write only if nothing changed. A compressed body's ETag ends in `-br` or `-gzip` (inside the quotes) and names the same bytes each time; `If-None-Match` and `If-Match` take either."
                        : "The record's new ETag, for the next `If-Match`.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
                if (isList)
                    target.Headers["Link"] = new OpenApiHeader
                    {
                        Description = "The next page's URL as `<url>; rel=\"next\"`; absent on the last page.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    };
                if (status == "201")
                    target.Headers["Location"] = new OpenApiHeader
                    {
                        Description = "The URL of the new record.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    };
                if (responseType is not null && Examples.For(responseType) is { } example)
                    foreach (var media in target.Content?.Values ?? [])
                        media.Example = Serialize(example);
                if (status == "201" && metadata.OfType<Drafts.AcceptedRecordTypes>().Any())
                {
                    target.Description = "The item is accepted: `recordId` names the record written, and the property named by `kind` holds it; `Location` is its URL.";
                    target.Headers["ETag"] = new OpenApiHeader
                    {
                        Description = "The written record's ETag (what a GET of it gives), for its next `If-Match`.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    };
                }
            }
            else if (status == "202")
            {
                target.Headers ??= new Dictionary<string, IOpenApiHeader>();
                target.Headers["Location"] = new OpenApiHeader { Description = "The job's resource, `/api/v1/imports/{id}`.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                if (context.ApiDescription.RelativePath?.TrimEnd('/') == "api/v1/import")
                    target.Headers["Preference-Applied"] = new OpenApiHeader { Description = "`respond-async`.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                if (responseType is not null && Examples.For(responseType) is { } example)
                    foreach (var media in target.Content?.Values ?? [])
                        media.Example = Serialize(example);
            }
            else if (status == "304")
            {
                AddCachingHeaders(target, isRead, compressed: false, cached: true);
                target.Headers ??= new Dictionary<string, IOpenApiHeader>();
                target.Headers["ETag"] = new OpenApiHeader
                {
                    Description = "The current ETag, the same the client sent.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
        }
    }

    /// <summary>The headers of <see cref="Http.Caching"/>: who may keep the answer, its compression, its age in the server's cache.</summary>
    static void AddCachingHeaders(OpenApiResponse target, bool isRead, bool compressed, bool cached, bool streamed = false)
    {
        target.Headers ??= new Dictionary<string, IOpenApiHeader>();
        target.Headers["Cache-Control"] = new OpenApiHeader
        {
            Description = streamed
                ? "`no-store`: a streamed file is made afresh for each request and has no ETag."
                : isRead
                ? "`public, max-age=60` (the seconds are `Caching:MaxAgeSeconds`): browsers and shared caches may keep the answer that long; after that, revalidate with `If-None-Match`."
                : "`no-store`: an answer to a write, or to a read that needs a key, is never kept.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        if (compressed)
            target.Headers["Content-Encoding"] = new OpenApiHeader
            {
                Description = "`br` or `gzip` when the request's `Accept-Encoding` allows it and the body is 1 KiB or more (`Caching:MinCompressedBytes`); absent otherwise.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("br"), JsonValue.Create("gzip")] },
            };
        if (cached)
            target.Headers["Age"] = new OpenApiHeader
            {
                Description = "Present when the server answered from its own cache of hot reads: the seconds since the answer was computed. Any write makes every cached answer stale at once.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
            };
    }

    JsonNode? Serialize(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), json.Value.SerializerOptions);

    static string Describe(string status, bool isList, string method) => status switch
    {
        "200" when isList => "A page of records. When there is a next page, `nextCursor` is set and the `Link` header carries its URL.",
        "200" when method == "GET" => "The record.",
        "200" => "The record as it is after the change.",
        "201" => "The new record; `Location` says where it lives.",
        "202" => "Accepted: the import runs as a job. `Location` is its resource: GET it to follow the job to its end.",
        "204" => "Deleted. GET now answers 410 Gone; the revisions remain.",
        "304" => "Not modified: the `If-None-Match` ETag is still current; no body.",
        "400" when method == "GET" => "The query is invalid: `errors` names each bad parameter and says what is wrong with it.",
        "400" => "The request is invalid (malformed JSON, or fields that fail validation: `errors` names each by its path); nothing was written.",
        "401" => "No API key, or one that is not valid or was revoked.",
        "403" => "The key's scope does not allow this operation.",
        "404" => "No record has this id.",
        "409" => "The id is taken (also by a deleted record), or other records still refer to this one; nothing was written.",
        "410" => "The record was deleted; its revisions remain.",
        "412" => "`If-Match` does not name the record's current ETag: it changed since it was read; nothing was written.",
        "413" => "The body is larger than the configured limit.",
        "415" => "The body's content type is not the one this operation takes.",
        "422" => "The `Idempotency-Key` was used before for a different request.",
        "414" => "The query string is longer than Limits:MaxQueryStringLength.",
        "429" => "Too many requests from this client address (reads) or with this key (writes) this minute; `Retry-After` says when to retry.",
        "431" => "The request headers are larger than Limits:MaxHeaderBytes.",
        "503" when method == "GET" => "The request ran longer than Limits:RequestTimeoutSeconds, or the database is busy; retry after `Retry-After`.",
        "503" => "The database is read-only here, busy with another write past its busy timeout, or the request ran too long; nothing was written. Retry after `Retry-After`.",
        "507" => "The database has no room for this write (disk full or Database:MaxPageCount reached); nothing was written.",
        "500" => "An unexpected error; `traceId` identifies it in the server's logs.",
        _ => "",
    };
}

/// <summary>
/// Declares each tag once, with what it groups, and the server the paths are relative to; describes an
/// import's lines, each a write body with its <c>type</c>.
/// </summary>
internal sealed class DocumentFilter : IDocumentFilter
{
    public const string ImportLine = "ImportLine";

    /// <summary>The record types an import line can have, and the write body each one takes.</summary>
    static readonly (string Type, string Input)[] LineTypes =
        [.. Writes.WritableResources.All.Select(r => (Data.RecordKinds.Of(r.Type).Name, r.InputType.Name))];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        DescribeImportLines(document);
        // A 400 names its bad fields in `errors` when there are fields to name; a refusal of the whole request (an
        // empty text to draft, a malformed header) has none.
        if (document.Components?.Schemas?.TryGetValue("ProblemWithErrors", out var withErrors) == true && withErrors is OpenApiSchema problem)
        {
            problem.Required?.Remove("errors");
            problem.Description = "A problem (RFC 9457) whose `errors` names each bad field or parameter and what is wrong with it, when the request has such.";
        }
        // Relative: the API is wherever the document was fetched from.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The server that serves this document." }];
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "Sources", Description = "The documents that records cite." },
            new() { Name = "Entities", Description = "Public officials and institutions, their roles and how organizations nest." },
            new() { Name = "Events", Description = "Leadership changes, policy actions, operations, arrests." },
            new() { Name = "Figures", Description = "Numbers that sources report, with period, reporter and wording." },
            new() { Name = "Statements", Description = "Direct quotes and paraphrases, with the speaker's role at the time." },
            new() { Name = "Metrics", Description = "The controlled vocabulary of what figures count." },
            new() { Name = "Search", Description = "Full-text search across every record and the excerpts that cite them." },
            new() { Name = "Drafts", Description = "Records proposed from a source's text, for a curator to accept or reject one by one." },
            new() { Name = "Claims", Description = "A sentence checked against the record: each number's verdict, with the figures and the sources' own words." },
            new() { Name = "Changes", Description = "Every change to every record, in commit order, for clients that sync." },
            new() { Name = "Admin", Description = "Key administration, for keys with scope admin." },
            new() { Name = "Bulk", Description = "Import from NDJSON, export as NDJSON or CSV, and the whole database as one SQLite file." },
            new() { Name = ServicePaths.HomeTag, Description = "Where to start: the links to everything, as JSON or as the home page." },
            new() { Name = ServicePaths.HealthTag, Description = "Liveness and readiness probes, for orchestrators and load balancers." },
        };
    }

    static void DescribeImportLines(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null) return;
        var lines = new List<IOpenApiSchema>();
        foreach (var (type, inputName) in LineTypes)
        {
            if (!schemas.TryGetValue(inputName, out var found) || found is not OpenApiSchema input)
                throw new InvalidOperationException($"The contract has no schema {inputName} for the import line of type {type}.");
            var name = char.ToUpperInvariant(type[0]) + type[1..] + "Line";
            var properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Const = type, Type = JsonSchemaType.String, Description = $"`{type}`: the line is a {type}." },
            };
            foreach (var (property, schema) in input.Properties ?? new Dictionary<string, IOpenApiSchema>()) properties[property] = schema;
            schemas[name] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = $"An import line that creates or replaces a {type}: the body `POST /api/v1/{Data.RecordKinds.Of(type).Plural}` takes, with `type`.",
                Properties = properties,
                Required = new HashSet<string>(["type", .. input.Required ?? new HashSet<string>()]),
                DependentRequired = input.DependentRequired,
                AdditionalPropertiesAllowed = false,
            };
            lines.Add(new OpenApiSchemaReference(name, document));
        }
        schemas[ImportLine] = new OpenApiSchema
        {
            Description = "One line of an import's NDJSON: a record of one of the types, told apart by `type`.",
            OneOf = lines,
            Discriminator = new OpenApiDiscriminator
            {
                PropertyName = "type",
                Mapping = LineTypes.ToDictionary(t => t.Type, t => new OpenApiSchemaReference(char.ToUpperInvariant(t.Type[0]) + t.Type[1..] + "Line", document)),
            },
        };
    }

}
