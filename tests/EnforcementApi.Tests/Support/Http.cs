using System.Net;
using System.Text.Json;

namespace EnforcementApi.Tests.Support;

public static class Http
{
    /// <summary>GETs a URL that must answer 200 with JSON, and returns the parsed body.</summary>
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>GETs a URL that must answer a problem with this status, and returns the problem.</summary>
    public static async Task<JsonElement> GetProblemAsync(this HttpClient client, string url, HttpStatusCode status)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"GET {url} answered {(int)response.StatusCode}, not {(int)status}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()));
        return problem;
    }

    /// <summary>GETs a URL that must be a 400 problem naming <paramref name="parameter"/> in its errors.</summary>
    public static async Task<JsonElement> GetBadRequestAsync(this HttpClient client, string url, string parameter)
    {
        var problem = await client.GetProblemAsync(url, HttpStatusCode.BadRequest);
        var messages = problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(parameter, out var named)
            ? named
            : default;
        Assert.True(messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0,
            $"GET {url}: the problem does not name '{parameter}': {problem}");
        Assert.Contains(parameter, problem.GetProperty("detail").GetString());
        return problem;
    }

    public static IEnumerable<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray();

    public static List<string> Ids(this JsonElement page) => page.Items().Select(i => i.GetProperty("id").GetString()!).ToList();

    public static string? Str(this JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null ? null : element.GetProperty(property).GetString();
}
