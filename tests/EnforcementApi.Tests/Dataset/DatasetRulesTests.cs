using System.Text.Json;
using System.Text.RegularExpressions;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Dataset;

/// <summary>
/// The rules an analyst cleans the bundled dataset by, checked over every record the API serves: one preferred
/// figure per count, the counting agency's own text preferred, one number under one metric, and stored texts that
/// begin with the publisher's words. A check that fails names the records that break it.
/// </summary>
public sealed partial class DatasetRulesTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>
{
    readonly HttpClient client = factory.CreateClient();

    /// <summary>
    /// Metrics whose definitions let them count the same people, so that one number must not be filed under two of
    /// them for the same counting agency and period. Metrics in different families (arrests and removals) count
    /// different events, and may happen to share a number.
    /// </summary>
    static readonly string[][] Overlapping =
    [
        ["arrests", "administrative_arrests", "at_large_arrests", "combined_arrests"],
        ["removals", "returns", "expulsions"],
        ["book_ins", "detained_population", "average_daily_population"],
    ];

    async Task<List<JsonElement>> ExportAsync(string resource)
    {
        var text = await client.GetStringAsync("/api/v1/export/" + resource);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    static string? CountedBy(JsonElement f) =>
        f.GetProperty("countedBy").ValueKind == JsonValueKind.Object ? f.GetProperty("countedBy").Str("id") : null;

    static string Breakdown(JsonElement f) =>
        f.GetProperty("breakdown").ValueKind == JsonValueKind.Object
            ? f.GetProperty("breakdown").Str("dimension") + "=" + f.GetProperty("breakdown").Str("value") : "whole";

    /// <summary>One count: metric, period, counting agency, scope and breakdown.</summary>
    static string CountOf(JsonElement f) =>
        $"{f.Str("metric")} {f.Str("periodStart")}..{f.Str("periodEnd")} counted by {CountedBy(f) ?? "(not recorded)"} in {f.Str("scope")}, {Breakdown(f)}";

    /// <summary>
    /// Whether a figure's first source is its counting agency's own text: a government release whose publisher is the
    /// agency or an organization it lies within (DHS publishes ICE's counts).
    /// </summary>
    static Func<JsonElement, bool> OwnTextOf(List<JsonElement> sources, List<JsonElement> entities)
    {
        var source = sources.ToDictionary(s => s.Str("id")!);
        var entity = entities.ToDictionary(e => e.Str("id")!);
        IEnumerable<string> Within(string id)
        {
            for (string? e = id; e is not null && entity.TryGetValue(e, out var found);
                 e = found.GetProperty("parent").ValueKind == JsonValueKind.Object ? found.GetProperty("parent").Str("id") : null)
                yield return found.Str("name")!;
        }
        return f =>
        {
            if (CountedBy(f) is not { } counter) return false;
            var s = source[f.GetProperty("citations")[0].Str("sourceId")!];
            return s.Str("kind") == "government_release" && s.Str("publisher") is { } publisher
                   && Within(counter).Any(name => publisher.Contains(name, StringComparison.Ordinal));
        };
    }

    [Fact]
    public async Task At_most_one_figure_of_each_count_is_preferred()
    {
        var figures = await ExportAsync("figures");
        var twice = figures.Where(f => f.Str("rank") == "preferred").GroupBy(CountOf).Where(g => g.Count() > 1)
            .Select(g => g.Key + ": " + string.Join(", ", g.Select(f => f.Str("id")))).ToList();
        Assert.True(twice.Count == 0, "More than one preferred figure of one count:\n" + string.Join("\n", twice));
    }

    [Fact]
    public async Task Where_the_counting_agency_published_a_count_its_own_figure_is_the_preferred_one_or_the_rank_says_why()
    {
        var figures = await ExportAsync("figures");
        var own = OwnTextOf(await ExportAsync("sources"), await ExportAsync("entities"));
        var broken = new List<string>();
        foreach (var count in figures.Where(f => f.Str("kind") == "actual").GroupBy(CountOf).Where(g => g.Any(own)))
        {
            var preferred = count.Where(f => f.Str("rank") == "preferred").ToList();
            if (preferred.Count == 0)
                broken.Add($"{count.Key}: none preferred, though {string.Join(", ", count.Where(own).Select(f => f.Str("id")))} is the agency's own");
            else if (preferred.Any(f => !own(f) && f.Str("rankNote") is null))
                broken.Add($"{count.Key}: {string.Join(", ", preferred.Select(f => f.Str("id")))} preferred without a rankNote, "
                    + $"though {string.Join(", ", count.Where(own).Select(f => f.Str("id")))} is the agency's own");
        }
        Assert.True(broken.Count == 0, "Counts whose preferred figure is not the agency's own:\n" + string.Join("\n", broken));

        // Of the agency's own figures, the exact one is preferred over a rounded one.
        var rounded = figures.Where(f => f.Str("rank") == "preferred" && own(f) && f.Str("valueQualifier") != "exact")
            .Where(f => figures.Any(o => o.Str("id") != f.Str("id") && CountOf(o) == CountOf(f) && own(o) && o.Str("valueQualifier") == "exact"))
            .Select(f => f.Str("id")).ToList();
        Assert.True(rounded.Count == 0, "Preferred over the agency's own exact figure: " + string.Join(", ", rounded));
    }

    [Fact]
    public async Task No_number_is_filed_under_two_metrics_that_count_the_same_people_for_one_agency_and_period()
    {
        var figures = (await ExportAsync("figures")).Where(f => f.Str("kind") == "actual").ToList();
        var family = Overlapping.SelectMany((metrics, i) => metrics.Select(m => (m, i))).ToDictionary(x => x.m, x => x.i);
        var twice = figures.Where(f => family.ContainsKey(f.Str("metric")!))
            .GroupBy(f => (Family: family[f.Str("metric")!], Counter: CountedBy(f), Start: f.Str("periodStart"), End: f.Str("periodEnd"),
                Value: f.GetProperty("value").GetDecimal()))
            .Where(g => g.Select(f => f.Str("metric")).Distinct().Count() > 1)
            .Select(g => $"{g.Key.Value} ({g.Key.Start}..{g.Key.End}, counted by {g.Key.Counter}): "
                + string.Join(", ", g.Select(f => f.Str("metric") + " " + f.Str("id"))))
            .ToList();
        Assert.True(twice.Count == 0, "One number under two metrics:\n" + string.Join("\n", twice));
    }

    [Fact]
    public async Task The_metrics_that_could_share_a_count_each_state_the_rule_that_files_a_number_under_one_of_them()
    {
        using var metrics = JsonDocument.Parse(await client.GetStringAsync("/api/v1/metrics"));
        var definitions = metrics.RootElement.GetProperty("items").EnumerateArray().ToDictionary(m => m.Str("id")!, m => m.Str("definition")!);
        foreach (var id in new[] { "arrests", "administrative_arrests", "combined_arrests", "removals", "detained_population", "book_ins" })
            Assert.Contains("Rule:", definitions[id]);
        Assert.Contains("administrative_arrests", definitions["arrests"]);
    }

    [Fact]
    public async Task A_round_number_in_thousands_for_an_actual_count_is_approximate_not_exact()
    {
        var figures = await ExportAsync("figures");
        var exact = figures.Where(f => f.Str("kind") == "actual" && f.Str("valueQualifier") == "exact")
            .Where(f => f.GetProperty("value").GetDecimal() is var v && v >= 1000 && v % 1000 == 0)
            .Select(f => f.Str("id") + " " + f.GetProperty("value").GetDecimal()).ToList();
        Assert.True(exact.Count == 0, "Round actual counts marked exact: " + string.Join(", ", exact));
    }

    [GeneratedRegex(@"^\s*(date|retrieved|crawled|fetched|url|source)\b[:\s]*(\d{4}-\d\d-\d\d|https?:)", RegexOptions.IgnoreCase)]
    private static partial Regex CrawlMarker();

    [Fact]
    public void No_stored_text_begins_with_words_the_publisher_did_not_write()
    {
        var marked = Directory.GetFiles(Repo.PathOf("db", "corpus"), "*.txt")
            .Select(f => (Id: Path.GetFileNameWithoutExtension(f), Text: File.ReadAllText(f)))
            .Where(t => CrawlMarker().IsMatch(t.Text))
            .Select(t => t.Id + ": " + t.Text[..Math.Min(40, t.Text.Length)].ReplaceLineEndings(" ")).ToList();
        Assert.True(marked.Count == 0, "Stored texts that begin with a crawl's line (remove it, and move every excerpt's offsets with it):\n" + string.Join("\n", marked));
    }

    [Fact]
    public async Task Every_bundled_figure_says_whose_operations_it_counts_apart_from_who_reported_it()
    {
        var figures = await ExportAsync("figures");
        // The bundled dataset's figures (not the seed article's, whose text does not say) each name it, or are a
        // target or an official's total whose source does not say whose count it is.
        string[] seed = ["dhs-arrests-first-100-days", "dhs-removals-first-100-days", "removals-daily-target"];
        string[] sourceDoesNotSay =
        [
            "caliber-administration-deported-first-250-days", "ilkha-lyons-potential-deportations-one-year",
            "mclaughlin-jtn-deportations-240-days", "trt-administration-target-1-million-deportations-2025",
        ];
        var unsaid = figures.Where(f => CountedBy(f) is null && !seed.Contains(f.Str("id"))).Select(f => f.Str("id")!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(sourceDoesNotSay, unsaid);

        // DHS publishes ICE's count (reported by dhs, counted by ice), and its own DHS-wide total.
        var byId = figures.ToDictionary(f => f.Str("id")!);
        Assert.Equal(("dhs", "ice"), (byId["dhs-fy2016-ice-removals"].GetProperty("reportedBy").Str("id"), CountedBy(byId["dhs-fy2016-ice-removals"])));
        Assert.Equal("dhs", CountedBy(byId["dhs-yearbook-removals-fy2016"]));
    }
}
