using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests;

/// <summary>
/// The README's read examples, as a newcomer pastes them against a first start (the bundled dataset
/// loaded): each answers what the README says it shows, and a list it shows is not empty. The curator
/// flow, whose reads need its writes, is <see cref="ReadmeCuratorFlowTests"/>.
/// </summary>
public sealed partial class ReadmeExamplesTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>
{
    readonly HttpClient client = factory.CreateClient(new() { AllowAutoRedirect = false });

    /// <summary>The examples that show an error on purpose, and the status the README says they get.</summary>
    static readonly Dictionary<string, HttpStatusCode> ShownErrors = new()
    {
        ["/api/v1/figures?limit=0&colour=red"] = HttpStatusCode.BadRequest,
        ["/api/v1/figures/no-such-figure"] = HttpStatusCode.NotFound,
    };

    /// <summary>
    /// Every <c>curl</c> or <c>xdg-open</c> line of the README with a URL of the local server that only
    /// reads: no method, body or key, and nothing for the reader to fill in (a pasted cursor, a shell variable).
    /// </summary>
    public static TheoryData<int, string> Examples()
    {
        var data = new TheoryData<int, string>();
        var lines = File.ReadAllLines(Repo.PathOf("README.md"));
        // The curator flow's reads read what its writes made: ReadmeCuratorFlowTests runs it in order.
        var flowStart = Array.FindIndex(lines, l => l.StartsWith("# 1. Create a key"));
        var flowEnd = Array.FindIndex(lines, flowStart + 1, l => l.StartsWith("```"));
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (i > flowStart && i < flowEnd) continue;
            if (!Command().IsMatch(line) || WritesOrNeedsInput().IsMatch(line)) continue;
            foreach (Match url in LocalUrl().Matches(line)) data.Add(i + 1, url.Groups["path"].Value);
        }
        return data;
    }

    [Fact]
    public void The_readme_has_read_examples_to_check()
    {
        // A change to how the README writes its examples must not leave this test checking none of them.
        Assert.True(Examples().Count >= 70, $"found {Examples().Count} examples");
        Assert.All(ShownErrors.Keys, path => Assert.Contains(Examples(), row => (string)row[1] == path));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task A_read_example_of_the_readme_answers_as_the_readme_says(int line, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        var expected = ShownErrors.GetValueOrDefault(path, HttpStatusCode.OK);
        Assert.True(response.StatusCode == expected, $"README line {line}: {path} answered {(int)response.StatusCode}, not {(int)expected}\n{body[..Math.Min(body.Length, 600)]}");

        if (expected != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "application/json") return;
        using var json = JsonDocument.Parse(body);
        if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("items", out var items))
            Assert.True(items.GetArrayLength() > 0, $"README line {line}: {path} shows an empty list");
    }

    [GeneratedRegex(@"^\s*(curl|xdg-open)\s")]
    private static partial Regex Command();

    [GeneratedRegex(@"\s-X\s|--data|\s-d\s|Authorization|\$|PASTE_")]
    private static partial Regex WritesOrNeedsInput();

    [GeneratedRegex(@"http://localhost:5080(?<path>/[^\s'""]*)")]
    private static partial Regex LocalUrl();
}
