using System.Net;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;

namespace EnforcementApi.Tests.Contract;

/// <summary>
/// What a write does with a field left out that follows from the others, and what it says to a body of
/// the wrong shape: the accepted shape, with an example to copy.
/// </summary>
public sealed class WriteBodyShapeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory);

    /// <summary>The contract's example body of a resource's POST, with a fresh id.</summary>
    async Task<JsonObject> ExampleAsync(string resource)
    {
        var document = JsonNode.Parse(await api.Client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var body = document["paths"]!["/api/v1/" + resource]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!
            .DeepClone().AsObject();
        body["id"] = Make.Id("shape");
        return body;
    }

    public static TheoryData<string, string, string> ReferenceFields() => new()
    {
        // resource, the field's path, the JSON that puts a bare id where the reference goes
        { "figures", "reportedBy", """{"reportedBy": "ice"}""" },
        { "statements", "speaker", """{"speaker": "tom-homan"}""" },
        { "statements", "speakerRole.organization", """{"speakerRole": {"title": "Border czar", "organization": "white-house"}}""" },
        { "entities", "parent", """{"parent": "dhs"}""" },
        { "entities", "roles[0].organization", """{"kind": "person", "parent": null, "roles": [{"title": "Director", "organization": "ice"}]}""" },
        { "events", "participants[0].entity", """{"participants": [{"entity": "ice", "role": "announcer"}]}""" },
    };

    [Theory]
    [MemberData(nameof(ReferenceFields))]
    public async Task A_bare_id_where_a_reference_goes_is_refused_with_the_shape_to_send(string resource, string path, string change)
    {
        var body = await ExampleAsync(resource);
        foreach (var (name, value) in JsonNode.Parse(change)!.AsObject()) body[name] = value?.DeepClone();

        var problem = await api.RefusedAsync(() => api.PostAsync(resource, body), HttpStatusCode.BadRequest);
        var messages = problem.GetProperty("errors").GetProperty(path).EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.StartsWith("Must be a reference such as {\"id\": \"", StringComparison.Ordinal) && m.Contains("got the string \""));
    }

    public static TheoryData<string, string, string, string> WrongShapes() => new()
    {
        // resource, field path, the change, what the message must show
        { "figures", "citations", """{"citations": {"sourceId": "article-ice-leadership-shakeup"}}""", "Must be an array of objects such as [{\"sourceId\": " },
        { "figures", "citations[0]", """{"citations": ["article-ice-leadership-shakeup"]}""", "Must be an object such as {\"sourceId\": " },
        { "figures", "citations[0].sourceId", """{"citations": [{"sourceId": {"id": "article-ice-leadership-shakeup"}, "excerpt": "x"}]}""", "Must be a source id (a string) such as \"" },
        { "figures", "citations[0].location", """{"citations": [{"sourceId": "article-ice-leadership-shakeup", "excerpt": "x", "location": 12}]}""", "Must be an object such as {\"charStart\": " },
        { "figures", "metric", """{"metric": {"id": "removals"}}""", "Must be a metric id (a string) such as \"removals\"" },
        { "figures", "value", """{"value": "65,600"}""", "Must be a number such as 65600" },
        { "statements", "speakerRole", """{"speakerRole": "Border czar"}""", "Must be an object such as {\"title\": " },
        { "entities", "roles", """{"kind": "person", "parent": null, "roles": "Director"}""", "Must be an array of objects such as [{\"title\": " },
        { "events", "participants", """{"participants": {"entity": {"id": "ice"}}}""", "Must be an array of objects such as [{\"entity\": {\"id\": " },
    };

    [Theory]
    [MemberData(nameof(WrongShapes))]
    public async Task A_field_of_the_wrong_shape_is_refused_with_an_example_of_the_right_one(string resource, string path, string change, string shown)
    {
        var body = await ExampleAsync(resource);
        foreach (var (name, value) in JsonNode.Parse(change)!.AsObject()) body[name] = value?.DeepClone();

        var problem = await api.RefusedAsync(() => api.PostAsync(resource, body), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(path, out var messages), $"the problem does not name {path}: {problem}");
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.StartsWith(shown, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("statements", "saidOn")]
    [InlineData("events", "occurredOn")]
    public async Task A_full_date_without_a_precision_is_known_to_the_day(string resource, string dateField)
    {
        var body = await ExampleAsync(resource);
        body[dateField] = "2025-04-28";
        body.Remove("datePrecision");

        var created = (await api.CreateAsync(resource, body)).Json;
        Assert.Equal("2025-04-28", created.GetProperty(dateField).GetString());
        Assert.Equal("day", created.GetProperty("datePrecision").GetString());
    }

    [Theory]
    [InlineData("statements", "saidOn")]
    [InlineData("events", "occurredOn")]
    public async Task No_date_and_no_precision_is_an_unknown_date(string resource, string dateField)
    {
        var body = await ExampleAsync(resource);
        body.Remove(dateField);
        body.Remove("datePrecision");

        var created = (await api.CreateAsync(resource, body)).Json;
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty(dateField).ValueKind);
        Assert.Equal("unknown", created.GetProperty("datePrecision").GetString());
    }

    [Fact]
    public async Task A_precision_that_is_given_still_has_to_agree_with_the_date()
    {
        var body = await ExampleAsync("statements");
        body["saidOn"] = "2025-04-28";
        body["datePrecision"] = "month";

        var problem = await api.RefusedAsync(() => api.PostAsync("statements", body), HttpStatusCode.BadRequest);
        Assert.Contains("first day of the month", problem.GetProperty("errors").GetProperty("saidOn")[0].GetString());
    }

    [Fact]
    public async Task A_figure_without_rank_or_qualifier_is_normal_and_exact_as_the_contract_says()
    {
        var document = JsonNode.Parse(await api.Client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var schema = document["components"]!["schemas"]!["FigureInput"]!;
        Assert.Equal("normal", schema["properties"]!["rank"]!["default"]!.GetValue<string>());
        Assert.Equal("exact", schema["properties"]!["valueQualifier"]!["default"]!.GetValue<string>());

        var body = await ExampleAsync("figures");
        body.Remove("rank");
        body.Remove("valueQualifier");
        var created = (await api.CreateAsync("figures", body)).Json;
        Assert.Equal("normal", created.GetProperty("rank").GetString());
        Assert.Equal("exact", created.GetProperty("valueQualifier").GetString());
    }

    [Fact]
    public async Task A_statement_without_channel_has_an_unknown_channel_as_the_contract_says()
    {
        var document = JsonNode.Parse(await api.Client.GetStringAsync("/swagger/v1/swagger.json"))!;
        Assert.Equal("unknown", document["components"]!["schemas"]!["StatementInput"]!["properties"]!["channel"]!["default"]!.GetValue<string>());

        var body = await ExampleAsync("statements");
        body.Remove("channel");
        Assert.Equal("unknown", (await api.CreateAsync("statements", body)).Json.GetProperty("channel").GetString());
    }
}
