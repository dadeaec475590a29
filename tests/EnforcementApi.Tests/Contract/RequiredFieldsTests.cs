using System.Net;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;

namespace EnforcementApi.Tests.Contract;

/// <summary>
/// The contract's `required` lists are what the server enforces: a client generated from the document
/// must neither be forced to send a field the server fills in, nor be allowed to leave out one the
/// server refuses without. Walks every request schema of the served document (every POST and PUT body,
/// every import line type), starting from the operation's own example, and leaves out one field at a
/// time, nested fields included.
/// </summary>
public sealed class RequiredFieldsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory);

    /// <summary>One field left out: where it is, the path a problem names it by, and whether the contract requires it.</summary>
    sealed record Omission(IReadOnlyList<object> Location, string ErrorPath, bool Required, string Why);

    async Task<JsonObject> DocumentAsync() => JsonNode.Parse(await api.Client.GetStringAsync("/swagger/v1/swagger.json"))!.AsObject();

    static JsonObject Schemas(JsonObject document) => document["components"]!["schemas"]!.AsObject();

    /// <summary>The schema a property points to: a $ref, or a $ref-or-null.</summary>
    static JsonObject? Referenced(JsonObject document, JsonNode? property)
    {
        var reference = property?["$ref"]?.GetValue<string>()
            ?? property?["oneOf"]?.AsArray().Select(s => s?["$ref"]?.GetValue<string>()).FirstOrDefault(r => r is not null);
        return reference is null ? null : Schemas(document)[reference.Split('/')[^1]]!.AsObject();
    }

    static HashSet<string> Names(JsonNode? list) => list?.AsArray().Select(n => n!.GetValue<string>()).ToHashSet() ?? [];

    /// <summary>Every field present in <paramref name="body"/> at <paramref name="location"/>, and in what it holds, one at a time.</summary>
    static IEnumerable<Omission> Omissions(JsonObject document, JsonObject schema, JsonObject body, List<object> location, string pathPrefix)
    {
        var required = Names(schema["required"]);
        var dependents = schema["dependentRequired"]?.AsObject();
        foreach (var (name, value) in body)
        {
            var property = schema["properties"]?[name];
            Assert.True(property is not null, $"the example has '{pathPrefix}{name}', which the schema does not describe");
            var at = new List<object>(location) { name };
            // A field another present field depends on (dependentRequired) cannot go alone either.
            var neededBy = dependents?.Where(d => body.ContainsKey(d.Key) && Names(d.Value).Contains(name)).Select(d => d.Key).FirstOrDefault();
            yield return new Omission(at, pathPrefix + name, required.Contains(name) || neededBy is not null,
                required.Contains(name) ? "listed in required" : neededBy is not null ? $"{neededBy} depends on it" : "not in required");

            if (value is JsonObject inner && Referenced(document, property) is { } innerSchema)
                foreach (var omission in Omissions(document, innerSchema, inner, at, pathPrefix + name + "."))
                    yield return omission;
            if (value is JsonArray { Count: > 0 } items && items[0] is JsonObject first && Referenced(document, property!["items"]) is { } itemSchema)
                foreach (var omission in Omissions(document, itemSchema, first, [.. at, 0], pathPrefix + name + "[0]."))
                    yield return omission;
        }
    }

    static JsonObject Without(JsonObject body, IReadOnlyList<object> location)
    {
        var copy = body.DeepClone().AsObject();
        JsonNode parent = copy;
        foreach (var step in location.Take(location.Count - 1))
            parent = step is int index ? parent[index]! : parent[(string)step]!;
        parent.AsObject().Remove((string)location[^1]);
        return copy;
    }

    /// <summary>The JSON write operations: path, method, the input schema's name and the operation's example body.</summary>
    static List<(string Path, string Method, string Schema, JsonObject Example)> Writes(JsonObject document) =>
        document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Path: path.Key, Method: op.Key, Operation: op.Value!)))
            // A record's write body (accepting a draft item also takes one, of any of three kinds).
            .Where(w => w.Method is "post" or "put"
                && w.Operation["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>().EndsWith("Input", StringComparison.Ordinal) == true)
            .Select(w =>
            {
                var media = w.Operation["requestBody"]!["content"]!["application/json"]!;
                var schema = media["schema"]!["$ref"]!.GetValue<string>().Split('/')[^1];
                return (w.Path, w.Method, schema, media["example"]!.AsObject());
            })
            .ToList();

    /// <summary>What is wrong with the answer to a body without one field; null when the server and the contract agree.</summary>
    static string? Mismatch(Reply reply, Omission omission, string errorKey, string what)
    {
        if (!omission.Required)
            return reply.Status is HttpStatusCode.Created or HttpStatusCode.OK
                ? null
                : $"{what} without '{omission.ErrorPath}' ({omission.Why}) must be accepted: {reply}";
        if (reply.Status != HttpStatusCode.BadRequest || reply.MediaType != "application/problem+json")
            return $"{what} without '{omission.ErrorPath}' ({omission.Why}) must be a 400 problem: {reply}";
        return reply.Json.TryGetProperty("errors", out var errors) && errors.TryGetProperty(errorKey, out _)
            ? null
            : $"{what} without '{omission.ErrorPath}' ({omission.Why}) was refused, but the problem does not name {errorKey}: {reply.Body}";
    }

    [Fact]
    public async Task Every_post_and_put_body_needs_exactly_the_fields_its_schema_requires()
    {
        var document = await DocumentAsync();
        var writes = Writes(document);
        Assert.Equal(10, writes.Count); // POST and PUT of sources, entities, events, figures, statements

        var checkedFields = 0;
        var mismatches = new List<string>();
        foreach (var (path, method, schemaName, example) in writes)
        {
            var schema = Schemas(document)[schemaName]!.AsObject();
            var resource = path.Split('/')[3];
            foreach (var omission in Omissions(document, schema, example, [], ""))
            {
                var id = Make.Id("walk");
                var body = Without(example, omission.Location);
                Reply reply;
                if (method == "post")
                {
                    if (body.ContainsKey("id")) body["id"] = id;
                    reply = await api.PostAsync(resource, body);
                }
                else
                {
                    var original = example.DeepClone().AsObject();
                    original["id"] = id;
                    await api.CreateAsync(resource, original);
                    if (body.ContainsKey("id")) body["id"] = id;
                    reply = await api.PutAsync(resource, id, body);
                }
                if (Mismatch(reply, omission, omission.ErrorPath, $"{method.ToUpperInvariant()} {path} ({schemaName})") is { } wrong)
                    mismatches.Add(wrong);
                checkedFields++;
            }
        }
        Assert.True(checkedFields > 60, $"only {checkedFields} fields walked");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {checkedFields} omissions disagree with the contract:\n" + string.Join("\n", mismatches));
    }

    [Fact]
    public async Task Every_import_line_type_needs_exactly_the_fields_its_schema_requires()
    {
        var document = await DocumentAsync();
        var media = document["paths"]!["/api/v1/import"]!["post"]!["requestBody"]!["content"]!["application/x-ndjson"]!;
        var line = Referenced(document, media["x-itemSchema"]);
        Assert.True(line is not null, "the import body does not say what a line is (x-itemSchema)");
        var lineSchemas = line!["oneOf"]!.AsArray().Select(s => Referenced(document, s)!).ToList();
        var examples = Writes(document).Where(w => w.Method == "post").ToDictionary(w => w.Schema, w => w.Example);
        Assert.Equal(5, lineSchemas.Count);
        var mismatches = new List<string>();

        foreach (var lineSchema in lineSchemas)
        {
            var type = lineSchema["properties"]!["type"]!["const"]!.GetValue<string>();
            var input = examples.Single(e => Schemas(document)[e.Key]!["properties"]!.AsObject().Select(p => p.Key).Order()
                .SequenceEqual(lineSchema["properties"]!.AsObject().Select(p => p.Key).Where(k => k != "type").Order())).Value;
            var example = new JsonObject { ["type"] = type };
            foreach (var (name, value) in input) example[name] = value?.DeepClone();

            foreach (var omission in Omissions(document, lineSchema, example, [], ""))
            {
                var body = Without(example, omission.Location);
                if (body.ContainsKey("id")) body["id"] = Make.Id("walk");
                var reply = await api.SendAsync(HttpMethod.Post, "/api/v1/import?dryRun=true",
                    WriteApi.Body(body.ToJsonString() + "\n", "application/x-ndjson"));
                if (Mismatch(reply, omission, "lines[1]." + omission.ErrorPath, $"an import line ({type})") is { } wrong)
                    mismatches.Add(wrong);
            }
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} import omissions disagree with the contract:\n" + string.Join("\n", mismatches));
    }
}
