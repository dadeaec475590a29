using System.Net;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EnforcementApi.Tests.Pages;

/// <summary>
/// A list's page takes every parameter its list takes: each query parameter of <c>GET /api/v1/{list}</c> in
/// the contract, with its documented example, gives the page (<c>/{list}</c>) a 200, as it gives the list. The
/// lists and their parameters come from the contract, the pages from the app's own routes.
/// </summary>
public sealed class PageParametersTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>
{
    static readonly JsonNode Contract = JsonNode.Parse(File.ReadAllText(Repo.PathOf("openapi", "enforcement-api.v1.json")))!;

    /// <summary>Every list with each of its query parameters and its example (a repeatable one's first).</summary>
    public static TheoryData<string, string, string> ListParameters()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (list, parameters) in Lists())
            foreach (var (name, example, _) in parameters)
                data.Add(list, name, example);
        return data;
    }

    static IEnumerable<(string List, List<(string Name, string Example, bool Required)> Parameters)> Lists()
    {
        foreach (var (path, item) in Contract["paths"]!.AsObject())
        {
            if (!path.StartsWith("/api/v1/", StringComparison.Ordinal) || path.Count(c => c == '/') != 3 || item!["get"] is not { } list) continue;
            var parameters = new List<(string, string, bool)>();
            foreach (var parameter in list["parameters"]?.AsArray() ?? [])
            {
                if (parameter!["in"]!.GetValue<string>() != "query") continue;
                var example = parameter["example"];
                var value = example is JsonArray many ? many[0]!.ToString() : example?.ToString() ?? "";
                parameters.Add((parameter["name"]!.GetValue<string>(), value.ToLowerInvariant() is "true" or "false" ? value.ToLowerInvariant() : value,
                    parameter["required"]?.GetValue<bool>() == true));
            }
            yield return (path["/api/v1/".Length..], parameters);
        }
    }

    bool HasPage(string list) => factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>().Any(e => e.RoutePattern.RawText == "/" + list);

    [Fact]
    public void The_figures_statements_and_search_lists_have_pages()
    {
        var lists = ListParameters().Select(row => (string)row[0]).Distinct().Where(HasPage).Order();
        Assert.Equal(["figures", "search", "statements"], lists);
    }

    [Theory, MemberData(nameof(ListParameters))]
    public async Task A_list_page_takes_each_parameter_of_its_list(string list, string parameter, string example)
    {
        if (!HasPage(list)) return;
        var client = factory.CreateClient();
        // With the parameters the list cannot go without (search's q), each with its example.
        var required = Lists().Single(l => l.List == list).Parameters.Where(p => p.Required && p.Name != parameter);
        var query = string.Join("&", required.Select(p => (p.Name, p.Example)).Append((parameter, example))
            .Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2)));
        using var api = await client.GetAsync($"/api/v1/{list}?{query}");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        using var page = await client.GetAsync($"/{list}?{query}");
        Assert.True(page.StatusCode == HttpStatusCode.OK,
            $"/{list}?{query} answered {(int)page.StatusCode}: {await page.Content.ReadAsStringAsync()}");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_page_takes_a_range_as_its_list_does()
    {
        var client = factory.CreateClient();
        using var page = await client.GetAsync("/figures?value=gte:100000&value=lt:200000&periodEnd=gte:2020-01-01&periodEnd=lt:2025-01-01");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("figures", html);
        using var twice = await client.GetAsync("/figures?metric=removals&metric=arrests");
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
    }
}
