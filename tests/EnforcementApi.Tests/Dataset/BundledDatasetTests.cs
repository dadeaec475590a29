using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using EnforcementApi.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EnforcementApi.Tests.Dataset;

/// <summary>
/// The bundled dataset (db/data), as a new user's first start serves it: every record, every citation
/// and every number traceable to the stored text of its source (db/corpus), checked for each one.
/// </summary>
public sealed partial class BundledDatasetTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>
{
    static readonly string DataFile = Repo.PathOf("db", "data", "ice-enforcement-figures.ndjson");
    static readonly List<JsonElement> Lines = File.ReadLines(DataFile).Where(l => l.Length > 0)
        .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    static readonly Dictionary<string, string> Corpus = Directory.GetFiles(Repo.PathOf("db", "corpus"), "*.txt")
        .ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllText);

    readonly HttpClient client = factory.CreateClient();

    static IEnumerable<JsonElement> OfType(string type) => Lines.Where(l => l.GetProperty("type").GetString() == type);

    /// <summary>Every record the API serves of a type, as its NDJSON export streams them.</summary>
    async Task<List<JsonElement>> ExportAsync(string resource)
    {
        var text = await client.GetStringAsync("/api/v1/export/" + resource);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    static string CodePoints(string text, int start, int end) =>
        string.Concat(text.EnumerateRunes().Skip(start).Take(end - start).Select(r => r.ToString()));

    [Fact]
    public async Task The_dataset_has_at_least_300_figures_from_at_least_12_sources_all_served()
    {
        var figures = OfType("figure").ToList();
        var sources = figures.SelectMany(f => f.GetProperty("citations").EnumerateArray()).Select(c => c.Str("sourceId")).Distinct().ToList();
        Assert.True(figures.Count >= 300, $"{figures.Count} figures");
        Assert.True(sources.Count >= 12, $"{sources.Count} sources");

        // All of them, and the seed article's three, are served.
        var served = (await ExportAsync("figures")).Select(f => f.Str("id")).ToHashSet();
        Assert.Equal(figures.Count + 3, served.Count);
        Assert.All(figures, f => Assert.Contains(f.Str("id"), served));
        foreach (var (type, resource) in new[] { ("source", "sources"), ("entity", "entities"), ("statement", "statements") })
        {
            var ids = (await ExportAsync(resource)).Select(r => r.Str("id")).ToHashSet();
            Assert.All(OfType(type), r => Assert.Contains(r.Str("id"), ids));
        }
    }

    [Fact]
    public async Task Every_citation_of_every_bundled_record_is_verbatim_in_its_sources_stored_text_at_its_offsets()
    {
        var checkedCitations = 0;
        foreach (var resource in new[] { "entities", "events", "figures", "statements" })
            foreach (var record in await ExportAsync(resource))
                foreach (var citation in record.GetProperty("citations").EnumerateArray())
                {
                    var where = $"{resource}/{record.Str("id")} citing {citation.Str("sourceId")}";
                    Assert.True(Corpus.TryGetValue(citation.Str("sourceId")!, out var text), $"{where}: no db/corpus/{citation.Str("sourceId")}.txt");
                    var excerpt = citation.Str("excerpt")!;
                    Assert.True(text.Contains(excerpt, StringComparison.Ordinal), $"{where}: the excerpt is not in the stored text: {excerpt}");
                    var location = citation.GetProperty("location");
                    if (location.GetProperty("charStart").ValueKind == JsonValueKind.Number)
                        Assert.Equal(excerpt, CodePoints(text, location.GetProperty("charStart").GetInt32(), location.GetProperty("charEnd").GetInt32()));
                    checkedCitations++;
                }
        Assert.True(checkedCitations >= OfType("figure").Count(), $"only {checkedCitations} citations checked");
    }

    [Fact]
    public void Every_figure_and_statement_of_the_dataset_is_cited_with_its_offsets()
    {
        foreach (var record in OfType("figure").Concat(OfType("statement")))
        {
            var citations = record.GetProperty("citations").EnumerateArray().ToList();
            Assert.True(citations.Count > 0, $"{record.Str("id")} has no citation");
            Assert.All(citations, c => Assert.Equal(JsonValueKind.Number, c.GetProperty("location").GetProperty("charStart").ValueKind));
        }
    }

    [Fact]
    public async Task Every_bundled_source_has_its_stored_text_its_url_and_its_publisher()
    {
        var sources = (await ExportAsync("sources")).ToDictionary(s => s.Str("id")!);
        foreach (var line in OfType("source"))
        {
            var source = sources[line.Str("id")!];
            Assert.True(Corpus.ContainsKey(line.Str("id")!), $"{line.Str("id")} has no stored text");
            Assert.StartsWith("http", source.Str("url"));
            Assert.False(string.IsNullOrWhiteSpace(source.Str("publisher")), $"{line.Str("id")} has no publisher");
        }
        // Every stored text belongs to a source: nothing in db/corpus is unaccounted for.
        Assert.All(Corpus.Keys, id => Assert.True(sources.ContainsKey(id), $"db/corpus/{id}.txt has no source record"));
    }

    [Fact]
    public void Every_figures_value_is_written_in_one_of_its_excerpts()
    {
        foreach (var figure in OfType("figure"))
        {
            var value = figure.GetProperty("value").GetDecimal();
            var written = figure.GetProperty("citations").EnumerateArray().SelectMany(c => NumbersIn(c.Str("excerpt")!)).ToHashSet();
            Assert.True(written.Contains(value), $"{figure.Str("id")}: {value} is not written in its excerpts (they give {string.Join(", ", written)})");
        }
    }

    [Fact]
    public void Every_figures_stated_as_is_its_sources_own_words()
    {
        foreach (var figure in OfType("figure"))
        {
            var texts = figure.GetProperty("citations").EnumerateArray().Select(c => Corpus[c.Str("sourceId")!]);
            var statedAs = figure.Str("statedAs")!;
            Assert.True(texts.Any(t => t.Contains(statedAs, StringComparison.OrdinalIgnoreCase)),
                $"{figure.Str("id")}: statedAs '{statedAs}' is not in its source's text");
        }
    }

    [Fact]
    public void Statements_of_the_dataset_are_verbatim_from_their_excerpts()
    {
        foreach (var statement in OfType("statement"))
            Assert.Contains(statement.GetProperty("citations").EnumerateArray(),
                c => c.Str("excerpt")!.Contains(statement.Str("text")!, StringComparison.Ordinal));
    }

    /// <summary>The numbers an excerpt writes: digits with separators, scale words, small number words.</summary>
    static IEnumerable<decimal> NumbersIn(string text)
    {
        foreach (Match m in GroupedDigits().Matches(text))
            yield return decimal.Parse(Regex.Replace(m.Value, @"[^\d]", ""), CultureInfo.InvariantCulture);
        foreach (Match m in Scaled().Matches(text))
        {
            var number = decimal.Parse(m.Groups[1].Value.Replace(',', '.'), CultureInfo.InvariantCulture);
            yield return number * (m.Groups[2].Value.Equals("billion", StringComparison.OrdinalIgnoreCase) ? 1_000_000_000m : 1_000_000m);
        }
        string[] words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
        for (var n = 1; n < words.Length; n++)
            if (Regex.IsMatch(text, $@"\b{words[n]}\b", RegexOptions.IgnoreCase)) yield return n;
    }

    [GeneratedRegex(@"\d{1,3}(?:(?:[,.]\s?|[ \u00a0])\d{3})+|\d+")]
    private static partial Regex GroupedDigits();

    [GeneratedRegex(@"(\d+(?:[.,]\d+)?)\s*(million|millones|billion)", RegexOptions.IgnoreCase)]
    private static partial Regex Scaled();

    [Fact]
    public async Task Removals_per_fiscal_year_take_the_agencys_own_figure_and_name_the_others()
    {
        var series = await client.GetJsonAsync("/api/v1/figures/series?metric=removals&interval=fiscal_year&from=2015-10-01&to=2024-09-30");
        var points = series.GetProperty("points").EnumerateArray().ToDictionary(p => p.Str("bucket")!);
        Assert.Equal(9, points.Count);
        Assert.All(points.Values, p => Assert.Equal(JsonValueKind.Number, p.GetProperty("value").ValueKind)); // every year FY2016..FY2024 has one
        Assert.Equal(267258m, points["FY2019"].GetProperty("value").GetDecimal());
        Assert.Equal(185884m, points["FY2020"].GetProperty("value").GetDecimal());
        Assert.Equal(271484m, points["FY2024"].GetProperty("value").GetDecimal());
        Assert.Equal("preferred", points["FY2024"].Str("rank"));
        Assert.NotEmpty(points["FY2024"].GetProperty("alternativeIds").EnumerateArray());
    }

    [Fact]
    public async Task A_year_no_stored_text_gives_is_a_gap_in_the_series_not_a_number()
    {
        var series = await client.GetJsonAsync("/api/v1/figures/series?metric=book_ins&interval=fiscal_year&from=2015-10-01&to=2024-09-30");
        var points = series.GetProperty("points").EnumerateArray().ToList();
        var known = points.Where(p => p.GetProperty("value").ValueKind == JsonValueKind.Number).Select(p => p.Str("bucket")).ToList();
        Assert.Equal(["FY2016", "FY2017", "FY2018"], known);
        Assert.All(points.Skip(3), p => Assert.Null(p.Str("figureId")));
    }

    [Fact]
    public async Task The_top_countries_of_citizenship_for_fy2024_removals_come_grouped_largest_first()
    {
        var series = await client.GetJsonAsync(
            "/api/v1/figures/series?metric=removals&interval=fiscal_year&dimension=citizenship&groupBy=dimensionValue&from=2023-10-01&to=2024-09-30");
        var groups = series.GetProperty("groups").EnumerateArray().ToList();
        Assert.True(groups.Count >= 10, $"{groups.Count} countries");
        Assert.Equal("MX", groups[0].GetProperty("breakdown").Str("value"));
        Assert.Equal("Mexico", groups[0].GetProperty("breakdown").Str("label"));
        var values = groups.Select(g => g.GetProperty("points")[0].GetProperty("value").GetDecimal()).ToList();
        Assert.Equal(values.OrderDescending(), values);
        Assert.Empty(series.GetProperty("points").EnumerateArray());
    }

    [Fact]
    public async Task A_breakdown_filter_and_facet_list_the_parts_of_a_count()
    {
        var page = await client.GetJsonAsync("/api/v1/figures?metric=removals&dimension=citizenship&dimensionValue=MX&count=true&limit=200");
        Assert.True(page.GetProperty("total").GetInt32() >= 5);
        Assert.All(page.Items(), f => Assert.Equal("MX", f.GetProperty("breakdown").Str("value")));

        var wholes = await client.GetJsonAsync("/api/v1/figures?metric=removals&dimension=none&limit=200");
        Assert.All(wholes.Items(), f => Assert.Equal(JsonValueKind.Null, f.GetProperty("breakdown").ValueKind));

        var facets = await client.GetJsonAsync("/api/v1/figures?facet=dimension&limit=1");
        var counted = facets.GetProperty("facets").GetProperty("dimension").GetProperty("values").EnumerateArray()
            .ToDictionary(v => v.Str("value") ?? "(none)", v => v.GetProperty("count").GetInt32());
        Assert.True(counted["citizenship"] >= 90, $"citizenship: {counted["citizenship"]}");
        Assert.True(counted.ContainsKey("criminality") && counted.ContainsKey("area_of_responsibility"));
    }

    [Fact]
    public async Task The_agency_and_dhs_figures_for_the_first_100_days_stand_side_by_side_as_a_discrepancy()
    {
        var report = await client.GetJsonAsync("/api/v1/figures/discrepancies?metric=removals&from=2025-01-20&to=2025-04-29");
        var group = report.GetProperty("groups").EnumerateArray()
            .Single(g => g.Str("periodStart") == "2025-01-20" && g.Str("periodEnd") == "2025-04-29"
                         && g.GetProperty("figures").EnumerateArray().All(f => f.GetProperty("value").GetDecimal() > 1000));
        var figures = group.GetProperty("figures").EnumerateArray().ToDictionary(f => f.Str("figureId")!);
        Assert.Equal(65682m, figures["newsmax-ice-removals-first-100-days"].GetProperty("value").GetDecimal());
        Assert.Equal("dhs", figures["breitbart-dhs-ice-removals-first-100-days"].GetProperty("reportedBy").Str("id"));
        Assert.Equal(JsonValueKind.Null, group.GetProperty("breakdown").ValueKind);
        Assert.Contains(group.GetProperty("disagreements").EnumerateArray(),
            d => d.EnumerateArray().Select(i => i.GetString()).ToHashSet().SetEquals(["breitbart-dhs-ice-removals-first-100-days", "newsmax-ice-removals-first-100-days"]));
    }

    [Fact]
    public async Task A_figure_served_has_its_source_its_excerpt_and_its_rank()
    {
        var figure = await client.GetJsonAsync("/api/v1/figures/newsmax-ice-removals-first-100-days");
        Assert.Equal("preferred", figure.Str("rank"));
        Assert.Equal("ice", figure.GetProperty("reportedBy").Str("id"));
        var citation = figure.GetProperty("citations")[0];
        Assert.Contains("65,682", citation.Str("excerpt"));
        Assert.False(string.IsNullOrEmpty(citation.Str("sourceTitle")));
    }

    [SqliteOnly(NotOnPostgres.SqliteFile)]
    [Fact]
    public async Task The_dataset_loads_once_each_of_its_records_with_one_revision_whatever_the_restarts()
    {
        _ = factory.Server;
        await using (var again = new SameDatabase(factory.DatabasePath))
            Assert.Equal(HttpStatusCode.OK, (await again.CreateClient().GetAsync("/health/ready")).StatusCode);

        using var connection = factory.OpenDatabase();
        Assert.Equal(Lines.Count, connection.ExecuteScalar<long>("select records from bundled_datasets where name = 'ice-enforcement-figures'"));
        Assert.Equal(0, connection.ExecuteScalar<long>("""
            select count(*) from (select record_type, record_id from revisions group by 1, 2 having count(*) > 1) as repeated
            """));
        Assert.Equal("migration", connection.ExecuteScalar<string>(
            "select key_name from revisions where record_type = 'figure' and record_id = 'newsmax-ice-removals-first-100-days'"));
    }

    sealed class SameDatabase(string path) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Enforcement", "Data Source=" + path);
            builder.UseSetting("Database:LoadBundledDatasets", "true");
        }
    }
}
