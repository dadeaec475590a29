using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using EnforcementApi.Tests.Curation;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Contract;

/// <summary>
/// Every field of every resource's write body, as the contract lists it, goes in and comes back out
/// unchanged through every door: a POST, then GET, the list, <c>fields=</c>, the NDJSON and CSV exports and an
/// import of the exported line; then a PUT and a merge patch of that field alone change what is served. The
/// resources and fields come from the checked-in contract (which a test keeps equal to the served one), so a
/// field added to a write body is covered the moment it exists; the values come from the bundled records or,
/// where no record has another, from the field's schema.
/// </summary>
public sealed class RoundTripTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>
{
    readonly HttpClient client = factory.CreateClient();
    string Key => key ??= factory.CreateKey("round-trip-" + Guid.NewGuid().ToString("N"));
    string? key;

    static readonly JsonNode Contract = JsonNode.Parse(File.ReadAllText(Repo.PathOf("openapi", "enforcement-api.v1.json")))!;

    /// <summary>The writable resources: a collection with POST whose item has PUT and PATCH.</summary>
    static IEnumerable<(string Resource, JsonObject Input)> Resources()
    {
        var paths = Contract["paths"]!.AsObject();
        foreach (var (path, operations) in paths)
        {
            if (!path.StartsWith("/api/v1/", StringComparison.Ordinal) || path.Count(c => c == '/') != 3) continue;
            var item = paths[path + "/{id}"];
            if (operations!["post"] is not { } post || item?["put"] is null || item["patch"] is null) continue;
            var reference = post["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
            yield return (path["/api/v1/".Length..], Schema(reference));
        }
    }

    static JsonObject Schema(string reference) =>
        Contract["components"]!["schemas"]![reference["#/components/schemas/".Length..]]!.AsObject();

    public static TheoryData<string, string> Fields()
    {
        var data = new TheoryData<string, string>();
        foreach (var (resource, input) in Resources())
            foreach (var (field, _) in input["properties"]!.AsObject())
                if (field != "id") data.Add(resource, field);
        return data;
    }

    [Fact]
    public void The_contract_has_every_resource_and_its_fields()
    {
        Assert.Equal(["entities", "events", "figures", "sources", "statements"], Resources().Select(r => r.Resource).Order());
        Assert.True(Fields().Count() > 40, $"only {Fields().Count()} fields");
    }

    [Theory, MemberData(nameof(Fields))]
    public async Task A_field_written_comes_back_unchanged_through_every_read_export_and_import(string resource, string field)
    {
        var input = Resources().Single(r => r.Resource == resource).Input;
        var properties = input["properties"]!.AsObject().Select(p => p.Key).ToList();
        var records = (await client.ListAllAsync(resource)).Values.Select(r => JsonNode.Parse(r.GetRawText())!.AsObject()).ToList();
        Assert.NotEmpty(records);

        // A record of the dataset (the contract's example first), with the field set to a value another record
        // has (or the schema allows), that the API accepts: the first such pair. A field whose value must agree
        // with another (a date and its precision) goes with that one: the fields a refusal names are set too.
        // A refused POST writes nothing.
        var example = Contract["paths"]!["/api/v1/" + resource]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!.AsObject();
        var bases = records.Take(25).Prepend(example).ToList();
        var id = ("zz-round-trip-" + resource + "-" + field).ToLowerInvariant();
        var tries = 0;
        var refused = new List<string>();
        async Task<bool> AcceptedAsync(JsonObject body)
        {
            tries++;
            using var response = await client.SendAsync(Curate.Request(HttpMethod.Post, "/api/v1/" + resource, body.ToJsonString(), Key));
            if (response.StatusCode == HttpStatusCode.Created) return true;
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {resource} {body.ToJsonString()} answered {(int)response.StatusCode}: {text}");
            refused.Add(text);
            return false;
        }

        (JsonObject Base, JsonNode? Value, Dictionary<string, JsonNode?> With)? found = null;
        foreach (var record in bases)
        {
            foreach (var (candidate, from) in Candidates(records, record, field, input))
            {
                if (tries > 80) break;
                var body = Body(record, properties);
                body["id"] = id;
                body[field] = candidate?.DeepClone();
                if (await AcceptedAsync(body))
                {
                    found = (record, candidate, []);
                    break;
                }
                foreach (var other in Named(refused[^1], field, properties))
                {
                    var alongside = Candidates(records, record, other, input).Select(c => c.Value);
                    if (from is not null) alongside = alongside.Prepend(from[other]);
                    foreach (var companion in alongside.Take(6))
                    {
                        body[other] = companion?.DeepClone();
                        if (await AcceptedAsync(body))
                        {
                            found = (record, candidate, new() { [other] = companion });
                            break;
                        }
                    }
                    if (found is not null) break;
                    body[other] = record[other]?.DeepClone();
                }
                if (found is not null) break;
            }
            if (found is not null || tries > 80) break;
        }
        Assert.True(found is not null, $"No value of {resource}.{field} that differs from a record's own was accepted:\n"
            + string.Join("\n", refused.Take(6)));
        var (original, value, with) = found.Value;

        var served = await ServedAsync(resource, id, field, value);
        await AssertExportedAsync(resource, id, field, served);
        await AssertImportedAsync(resource, id, field, value);

        // A replacement with the field back at the record's own value, then a merge patch of the field alone
        // (with the field it must agree with, if any).
        var replacement = Body(served, properties);
        replacement[field] = original[field]?.DeepClone();
        foreach (var (other, _) in with) replacement[other] = original[other]?.DeepClone();
        await client.ReplaceAsync(resource, id, replacement.ToJsonString(), Key);
        await ServedAsync(resource, id, field, original[field]);

        var patch = new JsonObject { [field] = value?.DeepClone() };
        foreach (var (other, companion) in with) patch[other] = companion?.DeepClone();
        await client.ChangeAsync(resource, id, patch.ToJsonString(), Key);
        await ServedAsync(resource, id, field, value);
    }

    /// <summary>The other fields of the write body that a refusal names: as the key of an error, or in its words.</summary>
    static IEnumerable<string> Named(string problem, string field, List<string> properties)
    {
        var errors = JsonNode.Parse(problem)?["errors"]?.AsObject();
        if (errors is null) return [];
        var named = new List<string>();
        foreach (var (key, messages) in errors)
        {
            var top = key.Split('.', '[')[0];
            if (top != field && properties.Contains(top)) named.Add(top);
            foreach (var message in messages!.AsArray())
                named.AddRange(properties.Where(p => p != field
                    && System.Text.RegularExpressions.Regex.IsMatch(message!.GetValue<string>(), @"\b" + p + @"\b")));
        }
        return named.Distinct();
    }

    /// <summary>A write body from a served record: its properties that the write body has (the rest are derived).</summary>
    static JsonObject Body(JsonObject record, List<string> properties)
    {
        var body = new JsonObject();
        foreach (var name in properties)
            if (record.TryGetPropertyValue(name, out var value)) body[name] = value?.DeepClone();
        return body;
    }

    /// <summary>Values to try, other than the record's own: those of other records first, then what the schema allows.</summary>
    static IEnumerable<(JsonNode? Value, JsonObject? From)> Candidates(List<JsonObject> records, JsonObject record, string field, JsonObject input)
    {
        var schema = input["properties"]![field]!;
        var own = record[field];
        var seen = new List<JsonNode?> { own };
        bool New(JsonNode? v)
        {
            if (seen.Any(s => Same(s, v))) return false;
            seen.Add(v);
            return true;
        }

        foreach (var other in records)
            if (other[field] is { } theirs && New(theirs) && seen.Count <= 8) yield return (theirs, other);
        foreach (var made in FromSchema(schema, own, field))
            if (New(made)) yield return (made, null);
    }

    static IEnumerable<JsonNode?> FromSchema(JsonNode schema, JsonNode? own, string field)
    {
        var nullable = false;
        var types = new List<string>();
        JsonObject? resolved = null;
        void Read(JsonNode node)
        {
            if (node["$ref"] is { } reference) resolved = Schema(reference.GetValue<string>());
            if (node["type"] is JsonArray many) types.AddRange(many.Select(t => t!.GetValue<string>()));
            else if (node["type"] is { } one) types.Add(one.GetValue<string>());
            foreach (var alternative in node["oneOf"]?.AsArray() ?? []) Read(alternative!);
        }
        Read(schema);
        nullable = types.Remove("null");
        if (resolved is not null) types.AddRange(resolved["type"] is { } t ? [t.GetValue<string>()] : []);

        if (resolved?["enum"] is JsonArray members)
            foreach (var member in members) yield return member!.DeepClone();
        var format = schema["format"]?.GetValue<string>();
        foreach (var type in types.Distinct())
        {
            switch (type, format)
            {
                case ("string", "date"): yield return "2021-03-04"; yield return "2021-03-01"; yield return "2021-01-01"; break;
                case ("string", "date-time"): yield return "2021-03-04T05:06:07Z"; break;
                case ("string", _): yield return "Round trip " + field; yield return "rt"; break;
                case ("number" or "integer", _): yield return (own?.GetValue<decimal>() ?? 0) + 7; yield return 1234; break;
                case ("boolean", _): yield return !(own?.GetValue<bool>() ?? false); break;
                case ("array", _): yield return new JsonArray(); break;
            }
        }
        if (nullable) yield return null;
    }

    /// <summary>
    /// Asserts the record serves <paramref name="expected"/> as the field, by id, in the list and with
    /// <c>fields=</c>, and returns it as GET serves it.
    /// </summary>
    async Task<JsonObject> ServedAsync(string resource, string id, string field, JsonNode? expected)
    {
        var one = JsonNode.Parse((await client.GetJsonAsync($"/api/v1/{resource}/{id}")).GetRawText())!.AsObject();
        AssertHas(expected, one[field], $"GET /api/v1/{resource}/{id}");

        var selected = JsonNode.Parse((await client.GetJsonAsync($"/api/v1/{resource}/{id}?fields=id,{field}")).GetRawText())!.AsObject();
        Assert.Equal(new[] { "id", field }.Order(StringComparer.Ordinal), selected.Select(p => p.Key).Order(StringComparer.Ordinal));
        AssertHas(expected, selected[field], $"GET /api/v1/{resource}/{id}?fields=id,{field}");

        foreach (var query in new[] { "sort=-id&limit=200", $"sort=-id&limit=200&fields=id,{field}" })
        {
            var page = await client.GetJsonAsync($"/api/v1/{resource}?{query}");
            var item = page.Items().SingleOrDefault(i => i.GetProperty("id").GetString() == id);
            Assert.True(item.ValueKind == JsonValueKind.Object, $"GET /api/v1/{resource}?{query} does not list {id}");
            AssertHas(expected, JsonNode.Parse(item.GetRawText())![field], $"GET /api/v1/{resource}?{query}");
        }

        // The history keeps the record as it was served after the write (an import builds it without reading it back).
        var revisions = (await client.GetJsonAsync($"/api/v1/{resource}/{id}/revisions?limit=200")).Items().ToList();
        AssertHas(expected, JsonNode.Parse(revisions[^1].GetProperty("record").GetRawText())![field], $"the last revision of {resource}/{id}");
        return one;
    }

    async Task AssertExportedAsync(string resource, string id, string field, JsonObject served)
    {
        var ndjson = await client.GetStringAsync($"/api/v1/export/{resource}");
        var line = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())
            .SingleOrDefault(l => l["id"]?.GetValue<string>() == id);
        Assert.True(line is not null, $"The NDJSON export of {resource} has no line for {id}");
        AssertHas(served[field], line[field], $"the NDJSON export of {resource}");

        var csvText = await client.GetStringAsync($"/api/v1/export/{resource}?format=csv");
        using var csv = new CsvReader(new StringReader(csvText), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        Dictionary<string, string?>? row = null;
        while (csv.Read())
            if (csv.GetField("id") == id)
                row = header.ToDictionary(h => h, h => csv.GetField(h));
        Assert.True(row is not null, $"The CSV export of {resource} has no row for {id}");
        var cells = Cells(field, served[field], header).ToList();
        Assert.True(cells.Count > 0, $"{resource}.{field} gives no CSV column: {string.Join(",", header)}");
        foreach (var (column, text) in cells)
        {
            Assert.True(row.ContainsKey(column), $"The CSV export of {resource} has no column {column}: {string.Join(",", header)}");
            var cell = row[column] is { Length: > 0 } c && c[0] == '\'' && text is { Length: > 0 } && text[0] != '\'' ? c[1..] : row[column];
            if (text is not null && (text.StartsWith('[') || text.StartsWith('{')))
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), JsonNode.Parse(cell!)), $"CSV {resource}.{column}: {cell} is not {text}");
            else
                Assert.True((text ?? "") == (cell ?? ""), $"CSV {resource}.{column}: '{cell}' is not '{text}'");
        }
    }

    /// <summary>The CSV cells a served field becomes (the export's documented flattening).</summary>
    static IEnumerable<(string Column, string? Text)> Cells(string field, JsonNode? value, string[] header)
    {
        if (value is null)
        {
            // A null object leaves each of its columns empty.
            foreach (var column in header.Where(h => h == field || h.StartsWith(field + ".", StringComparison.Ordinal)))
                yield return (column, null);
            yield break;
        }
        if (field == "citations")
        {
            var citations = value!.AsArray();
            yield return ("citationCount", citations.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var part in new[] { "sourceId", "sourceTitle", "excerpt" })
                yield return ("citation." + part, citations.Count > 0 ? citations[0]![part]?.GetValue<string>() : null);
        }
        else if (value is JsonObject nested)
        {
            foreach (var (name, inner) in nested)
                foreach (var cell in Cells(field + "." + name, inner, header))
                    yield return cell;
        }
        else
        {
            yield return (field, value switch
            {
                null => null,
                JsonArray array => array.ToJsonString(),
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                _ => value.ToJsonString(),
            });
        }
    }

    async Task AssertImportedAsync(string resource, string id, string field, JsonNode? expected)
    {
        var ndjson = await client.GetStringAsync($"/api/v1/export/{resource}");
        var line = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())
            .Single(l => l["id"]?.GetValue<string>() == id);
        var copy = id + "-imported";
        line["id"] = copy;
        var request = Curate.Request(HttpMethod.Post, "/api/v1/import", line.ToJsonString() + "\n", Key, "application/x-ndjson");
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Importing the exported {resource} line answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await ServedAsync(resource, copy, field, expected);
    }

    /// <summary>
    /// Whether what is served holds what was sent: the same value, where an object may add derived
    /// properties (a reference's name, a citation's source title) and a property sent as null may be absent.
    /// </summary>
    static void AssertHas(JsonNode? sent, JsonNode? served, string where) =>
        Assert.True(Holds(sent, served), $"{where} serves {served?.ToJsonString() ?? "null"}, not {sent?.ToJsonString() ?? "null"}");

    static bool Holds(JsonNode? sent, JsonNode? served) => (sent, served) switch
    {
        (null, null) => true,
        (null, JsonArray { Count: 0 }) => false,
        (null, _) => false,
        (JsonObject s, JsonObject v) => s.All(p => Holds(p.Value, v[p.Key])),
        (JsonArray s, JsonArray v) => s.Count == v.Count && s.Zip(v).All(p => Holds(p.First, p.Second)),
        (JsonValue s, JsonValue v) => Same(s, v),
        _ => false,
    };

    static bool Same(JsonNode? a, JsonNode? b)
    {
        if (a is JsonValue x && b is JsonValue y && x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number)
            return x.GetValue<decimal>() == y.GetValue<decimal>();
        // A time is served in one form (2021-03-04T05:06:07.000Z) whatever form it was sent in.
        if (a is JsonValue s && b is JsonValue t && s.GetValueKind() == JsonValueKind.String && t.GetValueKind() == JsonValueKind.String
            && s.GetValue<string>().Contains('T') && DateTimeOffset.TryParse(s.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            && DateTimeOffset.TryParse(t.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var second))
            return first == second;
        return JsonNode.DeepEquals(a, b);
    }
}
