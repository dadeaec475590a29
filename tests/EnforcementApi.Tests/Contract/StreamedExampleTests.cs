using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Contract;

/// <summary>
/// The contract's examples of streamed answers are what the exports really send: each CSV example has the
/// header the served export has, its row has a value for each column, and each NDJSON example is one line
/// of the export's type that an import takes. The examples are made by the exporter, so this holds for a
/// column added to a record the moment it is added.
/// </summary>
public sealed class StreamedExampleTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>
{
    static readonly JsonNode Contract = JsonNode.Parse(File.ReadAllText(Repo.PathOf("openapi", "enforcement-api.v1.json")))!;

    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (var (path, item) in Contract["paths"]!.AsObject())
            foreach (var (media, _) in item!["get"]?["responses"]?["200"]?["content"]?.AsObject() ?? [])
                if (media is "text/csv" or "application/x-ndjson") data.Add(path, media);
        return data;
    }

    [Fact]
    public void Every_export_has_its_examples() => Assert.Equal(11, Examples().Count());

    [Theory, MemberData(nameof(Examples))]
    public async Task A_streamed_example_is_what_the_export_sends(string path, string media)
    {
        var example = Contract["paths"]![path]!["get"]!["responses"]!["200"]!["content"]![media]!["example"]!.GetValue<string>();
        var served = await factory.CreateClient().GetStringAsync(path + (media == "text/csv" ? "?format=csv" : ""));
        if (media == "text/csv")
        {
            Assert.EndsWith("\r\n", example);
            var exampleHeader = example[..example.IndexOf("\r\n", StringComparison.Ordinal)];
            Assert.Equal(served[..served.IndexOf("\r\n", StringComparison.Ordinal)], exampleHeader);
            Assert.True(example.Length > exampleHeader.Length + 2, $"{path}: the example has no row");
        }
        else
        {
            var line = JsonNode.Parse(example.TrimEnd('\n'))!.AsObject();
            var first = JsonNode.Parse(served[..served.IndexOf('\n')])!.AsObject();
            Assert.Equal(first["type"]!.GetValue<string>(), line["type"]!.GetValue<string>());
            Assert.Equal(first.Select(p => p.Key), line.Select(p => p.Key));
        }
    }
}
