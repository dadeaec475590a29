using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Curation;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Contract;

/// <summary>
/// What a generated client and a validating proxy read in the contract is what the API does: draft items
/// and their acceptance typed by kind, files as bytes, the headers the server really sends, served
/// records valid as PUT bodies, HEAD, <c>/</c> and the health probes described, and no .NET type names.
/// </summary>
public sealed class ClientContractTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    const string Article = "article-ice-leadership-shakeup";
    readonly HttpClient client = factory.CreateClient();
    string? key;

    string Key() => key ??= factory.CreateKey(Make.Id("client-contract"));

    async Task<JsonObject> DocumentAsync() => JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!.AsObject();

    static JsonObject Schemas(JsonObject document) => document["components"]!["schemas"]!.AsObject();

    static JsonObject Operation(JsonObject document, string path, string method) => document["paths"]![path]![method]!.AsObject();

    /// <summary>The schema a <c>$ref</c> (or a discriminator's mapping, a bare reference) names.</summary>
    static string RefName(JsonNode? schema) =>
        (schema is JsonValue reference ? reference.GetValue<string>() : schema!["$ref"]!.GetValue<string>()).Split('/')[^1];

    HttpRequestMessage Keyed(HttpMethod method, string url, string? body = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key());
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        return request;
    }

    async Task<JsonObject> DraftAsync()
    {
        using var response = await client.SendAsync(Keyed(HttpMethod.Post, $"/api/v1/sources/{Article}/drafts"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task No_schema_is_named_after_a_dotnet_framework_type()
    {
        var document = await DocumentAsync();
        var ours = typeof(Program).Assembly.GetTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var framework = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name is { } name && (name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft", StringComparison.Ordinal)))
            .SelectMany(ExportedTypes).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        // The check knows the names that once leaked into the contract.
        Assert.Contains("JsonNode", framework);
        Assert.Contains("ProblemDetails", framework);
        Assert.Contains("HttpValidationProblemDetails", framework);

        var leaked = Schemas(document).Select(s => s.Key).Where(name => framework.Contains(name) && !ours.Contains(name)).ToList();
        Assert.True(leaked.Count == 0, "Schemas named after .NET framework types: " + string.Join(", ", leaked));
    }

    static IEnumerable<Type> ExportedTypes(Assembly assembly)
    {
        try
        {
            return assembly.IsDynamic ? [] : assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or NotSupportedException)
        {
            return [];
        }
    }

    [Fact]
    public async Task A_draft_item_is_one_of_three_shapes_told_apart_by_kind_and_served_drafts_match_them()
    {
        var document = await DocumentAsync();
        var schemas = Schemas(document);
        var item = schemas["DraftItem"]!;
        Assert.Equal("kind", item["discriminator"]!["propertyName"]!.GetValue<string>());
        var variants = new Dictionary<string, JsonNode>();
        foreach (var (kind, input) in new[] { ("figure", "FigureInput"), ("statement", "StatementInput"), ("entity", "EntityInput") })
        {
            var variant = schemas[RefName(item["discriminator"]!["mapping"]![kind])]!;
            Assert.Equal("DraftItem", RefName(variant["allOf"]![0]));
            var record = schemas[RefName(variant["allOf"]![1]!["properties"]!["record"])]!;
            Assert.Equal(schemas[input]!["properties"]!.AsObject().Select(p => p.Key).Order(), record["properties"]!.AsObject().Select(p => p.Key).Order());
            variants[kind] = variant;
        }

        var draft = await DraftAsync();
        var errors = SchemaCheck.Errors(draft, schemas["Draft"]!, schemas);
        // Each item is the variant its kind names: its record is that kind's body.
        foreach (var served in draft["items"]!.AsArray())
            errors.AddRange(SchemaCheck.Errors(served, variants[served!["kind"]!.GetValue<string>()], schemas, $"$.items[{served["n"]}]"));
        Assert.True(errors.Count == 0, "The draft breaks its schema:\n" + string.Join("\n", errors));
        Assert.Contains(draft["items"]!.AsArray(), i => i!["kind"]!.GetValue<string>() == "figure");
        Assert.Contains(draft["items"]!.AsArray(), i => i!["kind"]!.GetValue<string>() == "statement");

        // The check is not vacuous: a figure's record that is not a figure body is caught.
        var wrong = draft["items"]!.AsArray().First(i => i!["kind"]!.GetValue<string>() == "figure")!.DeepClone();
        wrong["record"]!["speaker"] = new JsonObject { ["id"] = "ice" };
        Assert.NotEmpty(SchemaCheck.Errors(wrong, variants["figure"], schemas));
    }

    [Fact]
    public async Task Accepting_an_item_answers_its_kind_record_id_and_record_under_the_kinds_name_with_the_records_etag()
    {
        var document = await DocumentAsync();
        var schemas = Schemas(document);
        var accept = Operation(document, "/api/v1/drafts/{id}/items/{n}/accept", "post");
        Assert.Equal(["application/merge-patch+json", "application/json"], accept["requestBody"]!["content"]!.AsObject().Select(c => c.Key));
        Assert.False(accept["requestBody"]!["required"]?.GetValue<bool>() ?? false);
        Assert.Equal("AcceptedDraftItem", RefName(accept["responses"]!["201"]!["content"]!["application/json"]!["schema"]));

        var draft = await DraftAsync();
        var id = draft["id"]!.GetValue<string>();
        var figure = draft["items"]!.AsArray().First(i => i!["kind"]!.GetValue<string>() == "figure"
            && i["record"]!["reportedBy"] is not null)!;
        var statement = draft["items"]!.AsArray().First(i => i!["kind"]!.GetValue<string>() == "statement" && i["record"]!["speaker"] is not null)!;

        // A merge patch: the figure, under "figure".
        using var patched = await client.SendAsync(Keyed(HttpMethod.Post, $"/api/v1/drafts/{id}/items/{figure["n"]}/accept",
            """{"periodLabel": "first 100 days"}""", "application/merge-patch+json"));
        var body = JsonNode.Parse(await patched.Content.ReadAsStringAsync())!;
        Assert.True(patched.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        Assert.Empty(SchemaCheck.Errors(body, schemas["AcceptedDraftItem"]!, schemas));
        Assert.Equal("figure", body["kind"]!.GetValue<string>());
        Assert.Equal(figure["n"]!.GetValue<int>(), body["n"]!.GetValue<int>());
        var recordId = body["recordId"]!.GetValue<string>();
        Assert.Equal(recordId, body["figure"]!["id"]!.GetValue<string>());
        Assert.Equal("first 100 days", body["figure"]!["periodLabel"]!.GetValue<string>());
        Assert.Null(body["statement"]);
        Assert.Null(body["entity"]);
        Assert.Equal("/api/v1/figures/" + recordId, patched.Headers.Location!.ToString());

        // Its ETag is the record's: a read gives the same, and a write with it succeeds.
        using var read = await client.GetAsync("/api/v1/figures/" + recordId);
        Assert.Equal(read.Headers.ETag, patched.Headers.ETag);
        using var change = Keyed(HttpMethod.Patch, "/api/v1/figures/" + recordId, """{"periodLabel": "the first 100 days"}""", "application/merge-patch+json");
        change.Headers.TryAddWithoutValidation("If-Match", patched.Headers.ETag!.ToString());
        using var changed = await client.SendAsync(change);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        // No body at all: the statement as proposed, under "statement".
        using var plain = await client.SendAsync(Keyed(HttpMethod.Post, $"/api/v1/drafts/{id}/items/{statement["n"]}/accept"));
        var written = JsonNode.Parse(await plain.Content.ReadAsStringAsync())!;
        Assert.True(plain.StatusCode == HttpStatusCode.Created, written.ToJsonString());
        Assert.Equal("statement", written["kind"]!.GetValue<string>());
        Assert.Equal(statement["record"]!["text"]!.GetValue<string>(), written["statement"]!["text"]!.GetValue<string>());
        Assert.Null(written["figure"]);
        Assert.Empty(SchemaCheck.Errors(written, schemas["AcceptedDraftItem"]!, schemas));
    }

    [Fact]
    public async Task An_empty_merge_patch_accepts_the_proposal_as_it_is()
    {
        var draft = await DraftAsync();
        var entity = draft["items"]!.AsArray().FirstOrDefault(i => i!["kind"]!.GetValue<string>() == "entity")
            ?? draft["items"]!.AsArray().First(i => i!["kind"]!.GetValue<string>() == "statement" && i["record"]!["speaker"] is not null)!;
        using var response = await client.SendAsync(Keyed(HttpMethod.Post, $"/api/v1/drafts/{draft["id"]}/items/{entity!["n"]}/accept", "{}", "application/merge-patch+json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        var kind = entity["kind"]!.GetValue<string>();
        Assert.Equal(kind, body["kind"]!.GetValue<string>());
        Assert.NotNull(body[kind]);
    }

    [Fact]
    public async Task Exports_the_download_and_the_import_body_are_bytes_and_their_headers_are_what_the_server_sends()
    {
        var document = await DocumentAsync();
        var exports = document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/v1/export/", StringComparison.Ordinal) || p.Key == "/api/v1/dataset.sqlite").ToList();
        Assert.Equal(7, exports.Count);
        foreach (var (path, item) in exports)
        {
            var ok = item!["get"]!["responses"]!["200"]!;
            foreach (var (mediaType, media) in ok["content"]!.AsObject())
            {
                Assert.Equal("string", media!["schema"]!["type"]!.GetValue<string>());
                Assert.True(media["schema"]!["format"]?.GetValue<string>() == "binary", $"{path} {mediaType}: not format binary");
            }
            Assert.Null(ok["headers"]!["ETag"]);
            Assert.StartsWith("`no-store`", ok["headers"]!["Cache-Control"]!["description"]!.GetValue<string>());

            var url = path is "/api/v1/dataset.sqlite" or "/api/v1/export/citations" ? path : path + "?source=" + Article;
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
            Assert.Null(response.Headers.ETag);
            Assert.NotNull(response.Content.Headers.ContentDisposition);
            Assert.Contains(response.Content.Headers.ContentType!.MediaType, ok["content"]!.AsObject().Select(c => c.Key));
        }

        var import = Operation(document, "/api/v1/import", "post");
        var body = import["requestBody"]!["content"]!["application/x-ndjson"]!["schema"]!;
        Assert.Equal("binary", body["format"]!.GetValue<string>());
        Assert.Equal("ImportResult", RefName(import["responses"]!["200"]!["content"]!["application/json"]!["schema"]));
        Assert.Equal("ImportJob", RefName(import["responses"]!["202"]!["content"]!["application/json"]!["schema"]));
    }

    [Fact]
    public async Task An_import_job_answers_its_own_schema()
    {
        var document = await DocumentAsync();
        var schemas = Schemas(document);
        var line = $$"""{"type": "source", "id": "{{Make.Id("job-source")}}", "kind": "report", "title": "A job's source", "language": "en"}""" + "\n";
        using var request = Keyed(HttpMethod.Post, "/api/v1/import", line, "application/x-ndjson");
        request.Headers.TryAddWithoutValidation("Prefer", "respond-async");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Empty(SchemaCheck.Errors(job, schemas["ImportJob"]!, schemas));
        Assert.NotEmpty(SchemaCheck.Errors(job, schemas["ImportResult"]!, schemas));

        // The same as a job always, with one success answer, for generators that type an operation by its lowest 2xx.
        var start = Operation(document, "/api/v1/imports", "post");
        Assert.Equal(["202"], start["responses"]!.AsObject().Select(r => r.Key).Where(s => s.StartsWith('2')));
        Assert.Equal("ImportJob", RefName(start["responses"]!["202"]!["content"]!["application/json"]!["schema"]));
        using var started = await client.SendAsync(Keyed(HttpMethod.Post, "/api/v1/imports?dryRun=true", line, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var startedJob = JsonNode.Parse(await started.Content.ReadAsStringAsync())!;
        Assert.Empty(SchemaCheck.Errors(startedJob, schemas["ImportJob"]!, schemas));
        Assert.Equal("/api/v1/imports/" + startedJob["id"]!.GetValue<string>(), started.Headers.Location!.ToString());
        Assert.True(startedJob["dryRun"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(null, "application/x-ndjson")]
    [InlineData("text/csv", "text/csv")]
    [InlineData("application/x-ndjson", "application/x-ndjson")]
    [InlineData("text/csv;q=0.5, application/x-ndjson", "application/x-ndjson")]
    [InlineData("application/json, text/csv;q=0.9", "text/csv")]
    [InlineData("*/*", "application/x-ndjson")]
    public async Task An_export_without_format_follows_accept(string? accept, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/export/figures?source=" + Article);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        var text = await response.Content.ReadAsStringAsync();
        if (expected == "text/csv") Assert.StartsWith("id,", text);
        else Assert.StartsWith("{", text);
    }

    [Fact]
    public async Task Format_wins_over_accept()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/export/sources?format=ndjson");
        request.Headers.TryAddWithoutValidation("Accept", "text/csv");
        using var response = await client.SendAsync(request);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("sources", "article-ice-leadership-shakeup")]
    [InlineData("entities", "tom-homan")]
    [InlineData("entities", "ice")]
    [InlineData("events", "ice-leadership-realignment")]
    [InlineData("statements", "tom-homan-on-agents")]
    [InlineData("figures", "dhs-removals-first-100-days")]
    [InlineData("figures", null)]
    public async Task A_served_record_sent_back_as_a_put_is_valid_against_the_contract_and_accepted(string resource, string? id)
    {
        var document = await DocumentAsync();
        var schemas = Schemas(document);
        // A figure that is one part of a count, so that its breakdown (with the label a read adds) goes back too.
        id ??= (await client.CreateAsync("figures", BrokenDownFigure(), Key())).GetProperty("id").GetString()!;
        var url = $"/api/v1/{resource}/{id}";
        var served = JsonNode.Parse(await client.GetStringAsync(url))!;
        var put = Operation(document, $"/api/v1/{resource}/{{id}}", "put")["requestBody"]!["content"]!["application/json"]!["schema"]!;

        var errors = SchemaCheck.Errors(served, put, schemas);
        Assert.True(errors.Count == 0, $"GET {url} sent back as a PUT breaks the contract:\n" + string.Join("\n", errors));
        using var replaced = await client.SendAsync(Keyed(HttpMethod.Put, url, served.ToJsonString()));
        Assert.True(replaced.StatusCode == HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
    }

    static JsonObject BrokenDownFigure()
    {
        var figure = Make.Figure(Make.Id("broken-down"), Article, "ice", value: 1200);
        figure["breakdown"] = new JsonObject { ["dimension"] = "citizenship", ["value"] = "MX" };
        return figure;
    }

    [Fact]
    public async Task The_derived_fields_a_put_ignores_are_described_in_the_input_schemas()
    {
        var schemas = Schemas(await DocumentAsync());
        foreach (var (schema, fields) in new[] { ("RefInput", new[] { "kind", "name" }), ("CitationInput", ["sourceTitle"]), ("BreakdownInput", ["label"]), ("SpeakerRoleInput", ["startedOn", "endedOn"]) })
            foreach (var field in fields)
            {
                var property = schemas[schema]!["properties"]![field];
                Assert.True(property is not null, $"{schema} does not list {field}");
                Assert.StartsWith("Ignored", property!["description"]!.GetValue<string>());
                Assert.DoesNotContain(field, schemas[schema]!["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []);
            }
    }

    [Theory]
    [InlineData("sources", "Source")]
    [InlineData("entities", "Entity")]
    [InlineData("events", "Event")]
    [InlineData("figures", "Figure")]
    [InlineData("statements", "Statement")]
    public async Task A_patch_body_is_a_merge_patch_of_the_write_body_every_field_optional_and_nullable(string resource, string kind)
    {
        var document = await DocumentAsync();
        var schemas = Schemas(document);
        var body = Operation(document, $"/api/v1/{resource}/{{id}}", "patch")["requestBody"]!["content"]!["application/merge-patch+json"]!["schema"]!;
        Assert.Equal(kind + "Patch", RefName(body));
        var patch = schemas[kind + "Patch"]!;
        Assert.Equal(schemas[kind + "Input"]!["properties"]!.AsObject().Select(p => p.Key).Order(), patch["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Null(patch["required"]);
        var clearAll = new JsonObject(patch["properties"]!.AsObject().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)null)));
        Assert.Empty(SchemaCheck.Errors(clearAll, body, schemas));
        Assert.NotEmpty(SchemaCheck.Errors(new JsonObject { ["colour"] = "red" }, body, schemas));
    }

    [Fact]
    public async Task Every_get_has_a_head_beside_it_with_the_same_parameters_and_statuses_and_no_body()
    {
        var document = await DocumentAsync();
        var heads = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (item!["get"] is not JsonObject get) continue;
            var head = item["head"];
            Assert.True(head is not null, $"{path}: no HEAD");
            Assert.Equal(get["operationId"]!.GetValue<string>() + "Head", head!["operationId"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(get["parameters"], head["parameters"]), $"{path}: HEAD's parameters differ from GET's");
            Assert.Equal(get["responses"]!.AsObject().Select(r => r.Key), head["responses"]!.AsObject().Select(r => r.Key));
            Assert.All(head["responses"]!.AsObject(), r => Assert.Null(r.Value!["content"]));
            heads++;
        }
        Assert.True(heads >= 35, $"only {heads} HEAD operations");

        foreach (var url in new[] { "/", "/health/live", "/health/ready", "/api/v1/figures/dhs-removals-first-100-days" })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task The_home_document_and_the_health_probes_are_in_the_contract_and_answer_as_it_says()
    {
        var document = await DocumentAsync();
        var schemas = Schemas(document);
        var home = Operation(document, "/", "get");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Empty(SchemaCheck.Errors(body, home["responses"]!["200"]!["content"]!["application/json"]!["schema"]!, schemas));
        Assert.NotNull(response.Headers.ETag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.Accept.ParseAdd("application/json");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var withParameter = new HttpRequestMessage(HttpMethod.Get, "/?colour=red");
        withParameter.Headers.Accept.ParseAdd("application/json");
        using var refused = await client.SendAsync(withParameter);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Contains("400", home["responses"]!.AsObject().Select(r => r.Key));

        foreach (var probe in new[] { "/health/live", "/health/ready" })
        {
            var operation = Operation(document, probe, "get");
            using var answer = await client.GetAsync(probe);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var health = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
            var errors = SchemaCheck.Errors(health, operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!, schemas);
            Assert.True(errors.Count == 0, probe + ": " + string.Join("; ", errors));
            Assert.Equal("Healthy", health["status"]!.GetValue<string>());
            Assert.True(answer.Headers.CacheControl?.NoStore);
        }
    }
}
