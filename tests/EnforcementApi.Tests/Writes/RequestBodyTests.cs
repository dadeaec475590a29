using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Writes;

/// <summary>
/// Bodies that are not JSON objects, or not sent as the JSON they must be: a 400 that says where the JSON
/// breaks, or a 415, as problem details; never a 500, and nothing written.
/// </summary>
public sealed class RequestBodyTests : IClassFixture<ApiFactory>
{
    readonly WriteApi api;
    readonly World world;
    readonly string sourceId;
    readonly string figureId;

    public RequestBodyTests(ApiFactory factory)
    {
        api = WriteApi.For(factory);
        world = World.CreateAsync(api).GetAwaiter().GetResult();
        sourceId = api.CreateIdAsync("sources", Make.Source(Make.Id("test-src"))).GetAwaiter().GetResult();
        figureId = api.CreateIdAsync("figures", Make.Figure(null, world.Source, world.Office)).GetAwaiter().GetResult();
    }

    /// <summary>Each way of writing a body: POST and PUT (JSON) and PATCH (merge patch), on a source and a figure.</summary>
    public static TheoryData<string, string> Writes => new()
    {
        { "POST", "sources" }, { "PUT", "sources" }, { "PATCH", "sources" },
        { "POST", "figures" }, { "PUT", "figures" }, { "PATCH", "figures" },
    };

    string UrlOf(string method, string resource) =>
        method == "POST" ? $"/api/v1/{resource}" : $"/api/v1/{resource}/{(resource == "sources" ? sourceId : figureId)}";

    static string ContentTypeOf(string method) => method == "PATCH" ? WriteApi.MergePatch : WriteApi.Json;

    Task<Reply> SendAsync(string method, string resource, HttpContent content) =>
        api.SendAsync(new HttpMethod(method), UrlOf(method, resource), content);

    Task<Reply> SendAsync(string method, string resource, string text) =>
        SendAsync(method, resource, WriteApi.Body(text, ContentTypeOf(method)));

    static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    public static TheoryData<string, string, string> Malformed
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var method in new[] { "POST", "PUT", "PATCH" })
            {
                data.Add(method, "{\"kind\": \"report\", \"title\": \"Test", "line 1, byte 34");
                data.Add(method, "{\"kind\": \"report\"", "line 1, byte 18");
                data.Add(method, "{\"kind\": \"report\"} {\"title\": \"x\"}", "line 1, byte 20");
                data.Add(method, "{\"kind\": \"report\"}}", "line 1, byte 19");
                data.Add(method, "{\n  \"kind\": \"report\",\n  \"title\": Test\n}", "line 3, byte 12");
                data.Add(method, "{\"kind\": 'report'}", "line 1, byte 10");
                data.Add(method, "{\"kind\": \"report\",}", "line 1, byte 19");
                data.Add(method, "", "line 1, byte 1");
                data.Add(method, Nested(33), "depth of 32");
                data.Add(method, Nested(200), "depth of 32");
            }
            return data;
        }
    }

    [Theory, MemberData(nameof(Malformed))]
    public async Task Malformed_json_is_a_400_problem_saying_where_it_breaks_and_writes_nothing(string method, string text, string where)
    {
        var problem = await api.RefusedAsync(() => SendAsync(method, "sources", text), HttpStatusCode.BadRequest);
        Assert.Equal("The body is not well-formed JSON.", problem.Str("title"));
        Assert.Contains(where, problem.Str("detail"));
    }

    [Theory]
    [InlineData("POST", "[]")]
    [InlineData("POST", "[{\"kind\": \"report\"}]")]
    [InlineData("POST", "\"a string\"")]
    [InlineData("POST", "42")]
    [InlineData("POST", "null")]
    [InlineData("POST", "true")]
    [InlineData("PUT", "[]")]
    [InlineData("PUT", "null")]
    [InlineData("PATCH", "[]")]
    [InlineData("PATCH", "null")]
    [InlineData("PATCH", "\"title\"")]
    public async Task A_body_that_is_json_but_not_an_object_is_a_400_problem_and_writes_nothing(string method, string text)
    {
        var problem = await api.RefusedAsync(() => SendAsync(method, "figures", text), HttpStatusCode.BadRequest);
        Assert.Equal("The body is not a JSON object.", problem.Str("title"));
    }

    [Fact]
    public async Task Nesting_up_to_32_levels_is_read_and_refused_only_as_an_unknown_field()
    {
        var body = Make.Source(null, "Test deep body");
        body["deep"] = JsonNode.Parse(Nested(30));
        await api.InvalidPostAsync("sources", body, "deep");
    }

    [Theory, MemberData(nameof(Writes))]
    public async Task A_body_that_is_not_utf8_is_a_400_problem_not_a_500(string method, string resource)
    {
        var field = resource == "sources" ? "title" : "scope";
        var text = Encoding.UTF8.GetBytes($"{{\"kind\": \"report\", \"{field}\": \"Test \u0001\", \"language\": \"en\"}}");
        var bytes = text.Select(b => b == 0x01 ? (byte)0xFF : b).ToArray();
        await api.RefusedAsync(() => SendAsync(method, resource, WriteApi.Body(bytes, ContentTypeOf(method))), HttpStatusCode.BadRequest);
    }

    [Theory, MemberData(nameof(Writes))]
    public async Task A_string_with_a_lone_surrogate_escape_is_a_400_problem_not_a_500(string method, string resource)
    {
        var field = resource == "sources" ? "title" : "scope";
        await api.RefusedAsync(() => SendAsync(method, resource, $"{{\"{field}\": \"Test \\ud800 lone\"}}"), HttpStatusCode.BadRequest);
    }

    public static TheoryData<string, string, string?> WrongTypes
    {
        get
        {
            var data = new TheoryData<string, string, string?>();
            foreach (var resource in new[] { "sources", "figures" })
            {
                foreach (var method in new[] { "POST", "PUT", "PATCH" })
                {
                    data.Add(method, resource, "text/plain");
                    data.Add(method, resource, null);
                    data.Add(method, resource, "application/xml");
                    data.Add(method, resource, "application/x-www-form-urlencoded");
                    data.Add(method, resource, method == "PATCH" ? WriteApi.MergePatch + "; charset=iso-8859-1" : WriteApi.Json + "; charset=iso-8859-1");
                }
                data.Add("PATCH", resource, WriteApi.Json);
                data.Add("PATCH", resource, "application/json-patch+json");
                data.Add("POST", resource, WriteApi.MergePatch);
                data.Add("PUT", resource, WriteApi.MergePatch);
            }
            return data;
        }
    }

    [Theory, MemberData(nameof(WrongTypes))]
    public async Task A_body_with_the_wrong_content_type_is_a_415_problem_and_writes_nothing(string method, string resource, string? contentType)
    {
        // A body that would be valid in the right content type.
        var body = resource == "sources" ? Make.Source(null) : Make.Figure(null, world.Source, world.Office);
        if (method == "PATCH") body = new JsonObject { [resource == "sources" ? "title" : "scope"] = "Test patched" };
        var content = WriteApi.Body(body.ToJsonString(), contentType);
        await api.RefusedAsync(() => SendAsync(method, resource, content), HttpStatusCode.UnsupportedMediaType);
    }

    [Theory, MemberData(nameof(Writes))]
    public async Task A_body_in_the_right_content_type_with_a_utf8_charset_is_accepted(string method, string resource)
    {
        var body = resource == "sources" ? Make.Source(null, "Test charset source") : Make.Figure(null, world.Source, world.Office);
        if (method == "PATCH") body = new JsonObject { [resource == "sources" ? "title" : "scope"] = "Test patched" };
        var reply = await SendAsync(method, resource, WriteApi.Body(body.ToJsonString(), ContentTypeOf(method) + "; charset=UTF-8"));
        WriteApi.AssertStatus(reply, method == "POST" ? HttpStatusCode.Created : HttpStatusCode.OK);
    }
}
