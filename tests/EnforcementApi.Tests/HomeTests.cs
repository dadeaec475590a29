using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests;

/// <summary>The server's address sends a person, or a client, somewhere useful.</summary>
public sealed class HomeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.CreateClient();

    static readonly string[] Places = ["/swagger", "/swagger/v1/swagger.json", "/api/v1/dataset.sqlite", "/health/live", "/health/ready", "/api/v1/figures", "/api/v1/dimensions", "/api/v1/changes"];

    [Fact]
    public async Task The_home_page_is_html_that_names_the_api_and_links_where_to_go()
    {
        using var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains(" · EnforcementApi</title>", html);
        foreach (var place in Places) Assert.Contains($"<a href=\"{place}\">", html);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task Every_place_the_home_page_links_answers()
    {
        foreach (var place in Places)
        {
            using var response = await client.GetAsync(place);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{place} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_client_that_asks_for_json_gets_the_same_links_as_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await client.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var home = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("EnforcementApi", home.GetProperty("name").GetString());
        var hrefs = home.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("href").GetString()).ToList();
        Assert.Equal(Places.Order(), hrefs.Order());
        Assert.All(home.GetProperty("links").EnumerateArray(), l => Assert.False(string.IsNullOrEmpty(l.GetProperty("title").GetString())));
    }

    [Fact]
    public async Task A_browser_accept_header_gets_html()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var response = await client.SendAsync(request);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
