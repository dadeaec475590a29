using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests;

/// <summary>
/// The OpenAPI document is part of the product: the served one is the checked-in one, and it says
/// everything a client generator or a reader needs.
/// </summary>
public sealed class OpenApiContractTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    const string RefreshVariable = "UPDATE_OPENAPI";
    static readonly string CheckedInPath = Repo.PathOf("openapi", "enforcement-api.v1.json");
    static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    readonly HttpClient client = factory.CreateClient();

    string? key;

    /// <summary>A write key of this class's app, for the operations that need one.</summary>
    string Key() => key ??= Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
        .GetRequiredService<EnforcementApi.Auth.ApiKeys>(factory.Services).Create("contract-" + Guid.NewGuid().ToString("N")[..8], EnforcementApi.Auth.KeyScope.Write);

    async Task<JsonNode> ServedAsync() =>
        JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;

    IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(m => Methods.Contains(m.Key))
            .Select(m => (path.Key, m.Key, m.Value!.AsObject())));

    [Fact]
    public async Task Served_document_matches_the_checked_in_contract()
    {
        var served = await ServedAsync();
        if (Environment.GetEnvironmentVariable(RefreshVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(CheckedInPath)!);
            await File.WriteAllTextAsync(CheckedInPath, served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        Assert.True(File.Exists(CheckedInPath), $"{CheckedInPath} is missing. Create it with: {RefreshVariable}=1 dotnet test --filter OpenApiContractTests");
        var checkedIn = JsonNode.Parse(await File.ReadAllTextAsync(CheckedInPath))!;
        var difference = FirstDifference(checkedIn, served, "$");
        Assert.True(difference is null,
            $"The served OpenAPI document differs from openapi/enforcement-api.v1.json at {difference}. " +
            $"If the change is intended, refresh the file with: {RefreshVariable}=1 dotnet test --filter OpenApiContractTests, and commit it.");
    }

    [Fact]
    public async Task Document_is_openapi_3_1_with_swagger_ui_beside_it()
    {
        var document = await ServedAsync();
        Assert.StartsWith("3.1.", document["openapi"]!.GetValue<string>());
        var ui = await client.GetStringAsync("/swagger/index.html");
        Assert.Contains("swagger-ui", ui);
    }

    [Fact]
    public async Task Every_operation_has_an_id_a_summary_a_description_and_described_parameters()
    {
        var document = await ServedAsync();
        var operations = Operations(document).ToList();
        Assert.True(operations.Count >= 11, $"only {operations.Count} operations");
        var ids = new HashSet<string>();
        foreach (var (path, method, operation) in operations)
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            Assert.True(ids.Add(operation["operationId"]?.GetValue<string>() ?? ""), $"{where}: missing or duplicate operationId");
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{where}: no summary");
            Assert.False(string.IsNullOrWhiteSpace(operation["description"]?.GetValue<string>()), $"{where}: no description");
            Assert.NotEmpty(operation["tags"]!.AsArray());
            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
                Assert.False(string.IsNullOrWhiteSpace(parameter!["description"]?.GetValue<string>()),
                    $"{where}: parameter {parameter!["name"]} has no description");
        }
    }

    [Fact]
    public async Task Every_header_a_client_sends_or_reads_is_described_with_an_example_to_send()
    {
        var document = await ServedAsync();
        var headers = 0;
        foreach (var (path, method, operation) in Operations(document))
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            foreach (var parameter in (operation["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "header"))
            {
                headers++;
                Assert.False(string.IsNullOrWhiteSpace(parameter!["description"]?.GetValue<string>()), $"{where}: header {parameter["name"]} has no description");
                Assert.True(parameter["example"] is not null, $"{where}: header {parameter["name"]} has no example");
            }
            foreach (var (status, response) in operation["responses"]!.AsObject())
                foreach (var (name, header) in response!["headers"]?.AsObject() ?? [])
                    Assert.False(string.IsNullOrWhiteSpace(header!["description"]?.GetValue<string>()), $"{where} {status}: response header {name} has no description");
        }
        Assert.True(headers > 20, $"only {headers} header parameters");
    }

    [Fact]
    public async Task Every_operation_declares_every_response_it_can_give_with_a_schema()
    {
        var document = await ServedAsync();
        foreach (var (path, method, operation) in Operations(document))
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            var responses = operation["responses"]!.AsObject();
            var statuses = responses.Select(r => r.Key).Order().ToArray();
            // Exports and the database download stream a file: no JSON, no ETag, no 304.
            var streamed = !responses["200"]?["content"]?.AsObject().ContainsKey("application/json") ?? false;
            // The health probes: never cached (no ETag, no 304), not rate limited, no parameters to refuse.
            var probe = operation["tags"]!.AsArray().Any(t => t!.GetValue<string>() == "Health");
            if (probe)
                Assert.Equal(["200", "414", "431", "500", "503"], statuses);
            else if (method == "get" && streamed)
            {
                Assert.Equal(["200", "400", "414", "429", "431", "500", "503"], statuses);
                Assert.NotNull(responses["200"]!["headers"]!["Content-Disposition"]);
            }
            else if (method == "get")
            {
                string[] expected = path.EndsWith("{id}") ? ["200", "304", "400", "404", "410", "500"]
                    : path.EndsWith("/revisions") ? ["200", "304", "400", "404", "500"]
                    : ["200", "304", "400", "500"];
                // Limits and the database's state: every read can meet them.
                expected = [.. expected, "414", "429", "431", "503"];
                if (operation["security"] is not null) expected = [.. expected, "401", "403"];
                Assert.Equal(expected.Order(), statuses);
            }
            else if (path == "/api/v1/claims/check")
            {
                // The claims check is a POST that reads: public (no key), with the body's own problems, and nothing written.
                Assert.Equal(["200", "400", "413", "414", "415", "429", "431", "500", "503"], statuses);
                Assert.Null(operation["security"]);
            }
            else
            {
                // Writes need a key, and say what happens without one or with the wrong scope.
                Assert.Subset(statuses.ToHashSet(), new HashSet<string> { "400", "401", "403", "414", "429", "431", "500", "503", "507" });
                Assert.DoesNotContain("304", statuses);
                Assert.NotNull(operation["security"]);
            }

            foreach (var (status, response) in responses)
            {
                Assert.False(string.IsNullOrWhiteSpace(response!["description"]?.GetValue<string>()), $"{where} {status}: no description");
                if (status is "304" or "204") continue;
                var content = response["content"]!.AsObject();
                var mediaTypes = status.StartsWith('2') && streamed ? content.Select(c => c.Key).ToArray()
                    : status.StartsWith('2') ? ["application/json"] : ["application/problem+json"];
                Assert.NotEmpty(mediaTypes);
                foreach (var mediaType in mediaTypes)
                {
                    Assert.True(content.ContainsKey(mediaType), $"{where} {status}: not {mediaType}");
                    Assert.NotNull(content[mediaType]!["schema"]);
                    Assert.True(content[mediaType]!["example"] is not null || mediaType == "application/vnd.sqlite3", $"{where} {status} {mediaType}: no example");
                }
            }
            var import = path.EndsWith("/import");
            if (!streamed && !import && !probe && (responses["200"] ?? responses["201"]) is { } success)
                Assert.NotNull(success["headers"]!["ETag"]);
        }
    }

    [Fact]
    public async Task Every_cursor_example_is_one_its_operation_takes()
    {
        var document = await ServedAsync();
        var tried = 0;
        foreach (var (path, method, operation) in Operations(document).Where(o => o.Method == "get"))
        {
            var parameters = operation["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
            if (parameters.FirstOrDefault(p => p["name"]!.GetValue<string>() is "cursor" or "since") is not { } cursor) continue;

            // The record of a revisions path is the one its resource's GET shows as example.
            var url = path;
            if (path.EndsWith("/{id}/revisions"))
            {
                var byId = document["paths"]![path.Replace("/revisions", "")]!["get"]!["parameters"]!.AsArray()
                    .Single(p => p!["name"]!.GetValue<string>() == "id")!;
                url = path.Replace("{id}", byId["example"]!.GetValue<string>());
            }
            var query = parameters.Where(p => p["required"]?.GetValue<bool>() == true && p["in"]!.GetValue<string>() == "query")
                .Select(p => p["name"]!.GetValue<string>() + "=" + Uri.EscapeDataString(p["example"]!.ToString()))
                .Append(cursor["name"]!.GetValue<string>() + "=" + Uri.EscapeDataString(cursor["example"]!.GetValue<string>()));
            using var request = new HttpRequestMessage(HttpMethod.Get, url + "?" + string.Join("&", query));
            if (operation["security"] is not null) request.Headers.Authorization = new("Bearer", Key());
            var response = await client.SendAsync(request);
            tried++;
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK,
                $"GET {path}: the example {cursor["name"]} is refused: {await response.Content.ReadAsStringAsync()}");
        }
        Assert.Equal(13, tried);
    }

    [Fact]
    public async Task Record_examples_are_the_records_the_api_serves()
    {
        var document = await ServedAsync();
        var compared = 0;
        // Records are public; a draft (behind a key) is not a record.
        foreach (var (path, _, operation) in Operations(document).Where(o => o.Path.EndsWith("{id}") && o.Method == "get" && o.Operation["security"] is null))
        {
            var example = operation["responses"]!["200"]!["content"]!["application/json"]!["example"]!;
            var url = path.Replace("{id}", example["id"]!.GetValue<string>());
            var served = JsonNode.Parse(await client.GetStringAsync(url))!;
            Assert.True(JsonNode.DeepEquals(example, served), $"The example of GET {path} is not what {url} serves:\n{example}\n{served}");

            var list = document["paths"]![path.Replace("/{id}", "")]!["get"]!;
            var listExample = list["responses"]!["200"]!["content"]!["application/json"]!["example"]!["items"]![0]!;
            Assert.True(JsonNode.DeepEquals(listExample, served), $"The list example beside GET {path} is not what {url} serves");
            compared++;
        }
        Assert.Equal(5, compared);
    }

    /// <summary>The JSON path of the first place two documents differ, or null when they are equal.</summary>
    static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    if (!e.ContainsKey(key) || !a.ContainsKey(key)) return $"{path}.{key} (present in only one)";
                    if (FirstDifference(e[key], a[key], $"{path}.{key}") is { } d) return d;
                }
                return null;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count) return $"{path} (length {e.Count} vs {a.Count})";
                for (var i = 0; i < e.Count; i++)
                    if (FirstDifference(e[i], a[i], $"{path}[{i}]") is { } d) return d;
                return null;
            default:
                return JsonNode.DeepEquals(expected, actual) ? null : $"{path} ({expected?.ToJsonString()} vs {actual?.ToJsonString()})";
        }
    }
}
