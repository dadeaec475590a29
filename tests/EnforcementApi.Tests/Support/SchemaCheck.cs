using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EnforcementApi.Tests.Support;

/// <summary>
/// Checks a JSON value against a schema of the served contract, as a validating proxy would, for the
/// keywords the contract uses: <c>$ref</c>, <c>allOf</c>, <c>oneOf</c> (exactly one), <c>type</c> (one or several),
/// <c>enum</c>, <c>const</c>, <c>properties</c>, <c>required</c>, <c>additionalProperties: false</c>,
/// <c>items</c>. Returns each place the value breaks the schema, by its JSON path.
/// </summary>
public static class SchemaCheck
{
    public static List<string> Errors(JsonNode? value, JsonNode schema, JsonObject schemas, string path = "$")
    {
        var errors = new List<string>();
        Check(value, schema.AsObject(), schemas, path, errors, 0);
        return errors;
    }

    static void Check(JsonNode? value, JsonObject schema, JsonObject schemas, string path, List<string> errors, int depth)
    {
        if (depth > 40) return;
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            Check(value, schemas[reference.Split('/')[^1]]!.AsObject(), schemas, path, errors, depth + 1);
            return;
        }
        foreach (var part in schema["allOf"]?.AsArray() ?? [])
            Check(value, part!.AsObject(), schemas, path, errors, depth + 1);
        if (schema["oneOf"] is JsonArray alternatives)
        {
            var matching = alternatives.Count(a => Errors(value, a!, schemas, path).Count == 0);
            if (matching != 1)
            {
                var closest = alternatives.Select(a => Errors(value, a!, schemas, path)).OrderBy(e => e.Count).First();
                errors.Add($"{path}: matches {matching} of the {alternatives.Count} alternatives of oneOf, not exactly one"
                    + (matching == 0 ? " (closest: " + string.Join("; ", closest.Take(3)) + ")" : ""));
            }
        }
        if (schema["type"] is { } type)
        {
            var types = type is JsonArray many ? many.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            if (!types.Any(t => Is(value, t)))
            {
                errors.Add($"{path}: is {Kind(value)}, not {string.Join(" or ", types)}");
                return;
            }
        }
        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, value)))
            errors.Add($"{path}: {value?.ToJsonString() ?? "null"} is not one of {values.ToJsonString()}");
        if (schema.TryGetPropertyValue("const", out var constant) && !JsonNode.DeepEquals(constant, value))
            errors.Add($"{path}: {value?.ToJsonString() ?? "null"} is not {constant?.ToJsonString() ?? "null"}");

        if (value is JsonObject obj)
        {
            var properties = schema["properties"] as JsonObject;
            foreach (var required in schema["required"]?.AsArray() ?? [])
                if (!obj.ContainsKey(required!.GetValue<string>()))
                    errors.Add($"{path}.{required}: is required");
            foreach (var (name, inner) in obj)
            {
                if (properties?[name] is JsonObject property) Check(inner, property, schemas, $"{path}.{name}", errors, depth + 1);
                else if (schema["additionalProperties"] is JsonValue additional && additional.GetValueKind() == JsonValueKind.False)
                    errors.Add($"{path}.{name}: is not a property of the schema");
            }
        }
        if (value is JsonArray array && schema["items"] is JsonObject items)
            for (var i = 0; i < array.Count; i++)
                Check(array[i], items, schemas, $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", errors, depth + 1);
    }

    static bool Is(JsonNode? value, string type) => type switch
    {
        "null" => value is null,
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value?.GetValueKind() == JsonValueKind.String,
        "boolean" => value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => value?.GetValueKind() == JsonValueKind.Number,
        "integer" => value?.GetValueKind() == JsonValueKind.Number && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d),
        _ => true,
    };

    static string Kind(JsonNode? value) => value is null ? "null" : value.GetValueKind().ToString().ToLowerInvariant();
}
