using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Claims;

/// <summary>
/// <c>/api/v1/claims/check</c> on the migrations' own record (one removals figure of the first 100 days): the answer the
/// contract shows, the three ways to send a text, and bad input as problems naming what was wrong.
/// </summary>
public sealed class ClaimsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    const string Claim = "DHS said more than 150,000 people were deported in the first three months.";
    readonly HttpClient client = factory.CreateClient();

    static string Link(string text, string? more = null) =>
        "/api/v1/claims/check?text=" + Uri.EscapeDataString(text) + (more is null ? "" : "&" + more);

    async Task<JsonNode> PostAsync(HttpContent content, string query = "")
    {
        using var response = await client.PostAsync("/api/v1/claims/check" + query, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    async Task<JsonElement> PostProblemAsync(HttpContent content, HttpStatusCode status, string? field = null)
    {
        using var response = await client.PostAsync("/api/v1/claims/check", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"POST answered {(int)response.StatusCode}, not {(int)status}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem does not name {field}: {body}");
        return problem;
    }

    [Fact]
    public async Task The_contract_example_is_what_the_check_answers()
    {
        var served = JsonNode.Parse((await client.GetJsonAsync(Link(Claim, "asOf=2025-06-01"))).GetRawText())!;
        var document = JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var example = document["paths"]!["/api/v1/claims/check"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["example"]!;
        Assert.True(JsonNode.DeepEquals(example, served), $"served:\n{served}\nexample:\n{example}");
        Assert.Equal("contradicted", served["claims"]![0]!["verdict"]!.GetValue<string>());
        Assert.Equal("2025-06-01", served["asOf"]!.GetValue<string>());
    }

    [Fact]
    public async Task Plain_text_json_and_a_link_give_the_same_answer()
    {
        var byLink = JsonNode.Parse((await client.GetJsonAsync(Link(Claim, "asOf=2025-06-01&tolerance=0.05"))).GetRawText())!;
        var plain = await PostAsync(new StringContent(Claim, Encoding.UTF8, "text/plain"), "?asOf=2025-06-01&tolerance=0.05");
        var json = await PostAsync(JsonContent(new JsonObject { ["text"] = Claim, ["tolerance"] = 0.05, ["asOf"] = "2025-06-01" }));
        Assert.True(JsonNode.DeepEquals(byLink, plain), $"{byLink}\n{plain}");
        Assert.True(JsonNode.DeepEquals(byLink, json), $"{byLink}\n{json}");
        Assert.Equal(0.05m, byLink["tolerance"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task AsOf_defaults_to_today_and_is_stated()
    {
        var answer = await client.GetJsonAsync(Link(Claim));
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), answer.GetProperty("asOf").GetString());
        // Read today, "the first three months" are those of the administration in office now.
        var start = answer.GetProperty("claims")[0].GetProperty("figure").GetProperty("periodStart").GetString();
        Assert.Equal("2025-01-20", start);
    }

    [Fact]
    public async Task A_text_without_a_number_has_no_claims()
    {
        var answer = await client.GetJsonAsync(Link("ICE has made many arrests this year, officials said."));
        Assert.Equal(0, answer.GetProperty("claims").GetArrayLength());
    }

    [Fact]
    public async Task Offsets_are_code_points_and_the_excerpt_is_the_claims_own_words()
    {
        const string text = "📊 DHS said more than 150,000 people were deported in the first three months.";
        var claim = (await client.GetJsonAsync(Link(text, "asOf=2025-06-01"))).GetProperty("claims")[0];
        var start = claim.GetProperty("charStart").GetInt32();
        var end = claim.GetProperty("charEnd").GetInt32();
        var runes = text.EnumerateRunes().ToArray();
        Assert.Equal(claim.GetProperty("excerpt").GetString(), string.Concat(runes[start..end].Select(r => r.ToString())));
        Assert.Equal("more than 150,000 people were deported", claim.GetProperty("excerpt").GetString());
    }

    [Fact]
    public async Task A_check_by_link_is_a_cached_public_read()
    {
        using var first = await client.GetAsync(Link(Claim, "asOf=2025-06-01"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.StartsWith("public", first.Headers.CacheControl?.ToString());
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        using var request = new HttpRequestMessage(HttpMethod.Get, Link(Claim, "asOf=2025-06-01"));
        request.Headers.IfNoneMatch.Add(etag!);
        using var again = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ICE removed\u0007 271,484 people in fiscal year 2024.")]
    [InlineData("ICE removed\u0000 271,484 people in fiscal year 2024.")]
    public async Task An_empty_text_or_one_with_control_characters_is_a_400_naming_text(string text)
    {
        await client.GetBadRequestAsync(Link(text), "text");
        await PostProblemAsync(new StringContent(text, Encoding.UTF8, "text/plain"), HttpStatusCode.BadRequest, "text");
        await PostProblemAsync(JsonContent(new JsonObject { ["text"] = text }), HttpStatusCode.BadRequest, "text");
    }

    [Fact]
    public async Task A_text_over_5000_characters_is_a_400_saying_so()
    {
        var text = string.Concat(Enumerable.Repeat("ICE removed 271,484 people in fiscal year 2024. ", 110));
        Assert.True(text.Length > 5000);
        var problem = await PostProblemAsync(new StringContent(text, Encoding.UTF8, "text/plain"), HttpStatusCode.BadRequest, "text");
        Assert.Contains("5,000", problem.GetProperty("errors").GetProperty("text")[0].GetString());
        // Exactly 5,000 characters (an emoji is one) is read.
        var longest = "📊" + new string(' ', 4_900) + "ICE removed 271,484 people in fiscal year 2024.".PadRight(99);
        Assert.Equal(5_000, longest.EnumerateRunes().Count());
        await PostAsync(new StringContent(longest, Encoding.UTF8, "text/plain"));
    }

    [Fact]
    public async Task Missing_text_and_bad_parameters_are_named_all_at_once()
    {
        var problem = await client.GetProblemAsync("/api/v1/claims/check?tolerance=2&asOf=2025-13-01", HttpStatusCode.BadRequest);
        var names = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToList();
        Assert.Equal(["asOf", "text", "tolerance"], names);
        await client.GetBadRequestAsync(Link(Claim, "colour=red"), "colour");
        await PostProblemAsync(JsonContent(new JsonObject { ["text"] = Claim, ["colour"] = "red" }), HttpStatusCode.BadRequest, "colour");
        await PostProblemAsync(JsonContent(new JsonObject { ["text"] = 42 }), HttpStatusCode.BadRequest, "text");
        await PostProblemAsync(JsonContent(new JsonObject { ["text"] = Claim, ["tolerance"] = "lots" }), HttpStatusCode.BadRequest, "tolerance");
    }

    [Fact]
    public async Task A_body_of_another_type_or_malformed_json_is_a_problem()
    {
        await PostProblemAsync(new StringContent("<p>ICE removed 271,484</p>", Encoding.UTF8, "text/html"), HttpStatusCode.UnsupportedMediaType);
        await PostProblemAsync(new StringContent("{\"text\": ", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest);
        var bytes = new ByteArrayContent([0x49, 0x43, 0x45, 0xff, 0xfe]);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        await PostProblemAsync(bytes, HttpStatusCode.BadRequest);
    }

    static StringContent JsonContent(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
