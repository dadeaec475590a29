using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;

namespace EnforcementApi.Tests.Breakdowns;

/// <summary>
/// A figure that is one part of a count (one country's removals): written with its dimension and value,
/// served with the value's label, filtered and faceted by both, and compared only with the same part.
/// </summary>
public sealed class BreakdownTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory);

    JsonObject Figure(World world, string period, decimal value, string? dimension = null, string? dimensionValue = null, string metric = "removals")
    {
        var body = Make.Figure(Make.Id("part"), world.Source, world.Agency, value, metric: metric, period: period, valueQualifier: "exact");
        if (dimension is not null) body["breakdown"] = new JsonObject { ["dimension"] = dimension, ["value"] = dimensionValue };
        return body;
    }

    [Fact]
    public async Task A_figure_with_a_breakdown_is_served_with_its_label_and_sent_back_as_it_came()
    {
        var world = await World.CreateAsync(api);
        var created = (await api.CreateAsync("figures", Figure(world, "2031-01", 120, "citizenship", "GT"))).Json;
        var breakdown = created.GetProperty("breakdown");
        Assert.Equal("citizenship", breakdown.Str("dimension"));
        Assert.Equal("GT", breakdown.Str("value"));
        Assert.Equal("Guatemala", breakdown.Str("label"));

        // A served record is a valid PUT body: the label is read-only and ignored.
        var id = created.Str("id")!;
        var served = JsonNode.Parse(created.GetRawText())!.AsObject();
        var replaced = (await api.ReplaceAsync("figures", id, served)).Json;
        Assert.Equal(created.GetProperty("breakdown").GetRawText(), replaced.GetProperty("breakdown").GetRawText());

        var whole = (await api.CreateAsync("figures", Figure(world, "2031-01", 500))).Json;
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("breakdown").ValueKind);
    }

    [Theory]
    [InlineData("""{"dimension": "colour", "value": "MX"}""", "breakdown.dimension", "No dimension has the id 'colour'")]
    [InlineData("""{"dimension": "citizenship", "value": "ZZ"}""", "breakdown.value", "'ZZ' is not a value of the dimension 'citizenship'")]
    [InlineData("""{"dimension": "criminality", "value": "MX"}""", "breakdown.value", "'MX' is not a value of the dimension 'criminality'")]
    [InlineData("""{"dimension": "citizenship"}""", "breakdown.value", "Is required.")]
    [InlineData("""{"dimension": "citizenship", "value": "MX", "share": 0.5}""", "breakdown.share", "Is not a field of this record.")]
    [InlineData("\"MX\"", "breakdown", "Must be an object such as {\"dimension\": \"citizenship\", \"value\": \"MX\"}")]
    public async Task A_breakdown_that_is_not_one_of_a_dimensions_values_is_refused_and_nothing_is_written(string breakdown, string path, string message)
    {
        var world = await World.CreateAsync(api);
        var body = Figure(world, "2031-02", 10);
        body["breakdown"] = JsonNode.Parse(breakdown);
        var problem = await api.RefusedAsync(() => api.PostAsync("figures", body), HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("errors").GetProperty(path).EnumerateArray(), m => m.GetString()!.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_dimensions_list_every_value_with_its_label()
    {
        var page = await api.Client.GetJsonAsync("/api/v1/dimensions");
        var dimensions = page.Items().ToDictionary(d => d.Str("id")!);
        Assert.Equal(["area_of_responsibility", "arresting_agency", "citizenship", "criminality"], dimensions.Keys.Order());
        var countries = dimensions["citizenship"].GetProperty("values").EnumerateArray().ToDictionary(v => v.Str("value")!, v => v.Str("label"));
        Assert.True(countries.Count >= 240, $"{countries.Count} countries");
        Assert.Equal("Mexico", countries["MX"]);
        Assert.All(countries.Keys, code => Assert.Matches("^[A-Z]{2}$", code));
        Assert.Equal(["convicted", "other_immigration_violator", "pending_charges"],
            dimensions["criminality"].GetProperty("values").EnumerateArray().Select(v => v.Str("value")));
    }

    [Fact]
    public async Task Lists_filter_by_dimension_and_value_and_count_each()
    {
        var world = await World.CreateAsync(api);
        var metric = "expulsions"; // a metric no other test of this class writes
        await api.CreateAsync("figures", Figure(world, "2032-01", 1000, metric: metric));
        await api.CreateAsync("figures", Figure(world, "2032-01", 600, "citizenship", "MX", metric));
        await api.CreateAsync("figures", Figure(world, "2032-01", 300, "citizenship", "HN", metric));
        await api.CreateAsync("figures", Figure(world, "2032-01", 700, "criminality", "convicted", metric));

        async Task<List<decimal>> ValuesAsync(string query) =>
            (await api.Client.GetJsonAsync($"/api/v1/figures?metric={metric}&sort=value&{query}")).Items().Select(f => f.GetProperty("value").GetDecimal()).ToList();
        Assert.Equal([1000m], await ValuesAsync("dimension=none"));
        Assert.Equal([300m, 600m, 700m], await ValuesAsync("dimension=ne:none"));
        Assert.Equal([300m, 600m], await ValuesAsync("dimension=citizenship"));
        Assert.Equal([600m], await ValuesAsync("dimension=citizenship&dimensionValue=MX"));
        Assert.Equal([300m, 600m], await ValuesAsync("dimensionValue=in:MX,HN"));
        Assert.Equal([300m, 700m, 1000m], await ValuesAsync("dimensionValue=ne:MX"));

        var facets = (await api.Client.GetJsonAsync($"/api/v1/figures?metric={metric}&facet=dimension,dimensionValue")).GetProperty("facets");
        var byDimension = facets.GetProperty("dimension").GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(("citizenship", "Country of citizenship", 2), (byDimension[0].Str("value"), byDimension[0].Str("label"), byDimension[0].GetProperty("count").GetInt32()));
        Assert.Contains(byDimension, v => v.GetProperty("value").ValueKind == JsonValueKind.Null && v.GetProperty("count").GetInt32() == 1);
        Assert.Contains(facets.GetProperty("dimensionValue").GetProperty("values").EnumerateArray(), v => v.Str("value") == "HN" && v.Str("label") == "Honduras");
    }

    [Theory]
    [InlineData("dimension=colour", "dimension")]
    [InlineData("dimension=in:citizenship,colour", "dimension")]
    [InlineData("dimensionValue=ZZ", "dimensionValue")]
    [InlineData("dimensionValue=M%20X", "dimensionValue")]
    [InlineData("facet=breakdown", "facet")]
    public async Task A_bad_breakdown_filter_is_a_400_naming_it(string query, string parameter) =>
        await api.Client.GetBadRequestAsync("/api/v1/figures?" + query, parameter);

    [Fact]
    public async Task A_series_follows_one_part_or_each_part_and_never_mixes_them_with_the_whole()
    {
        var world = await World.CreateAsync(api);
        const string metric = "returns";
        await api.CreateAsync("figures", Figure(world, "2033-01", 900, metric: metric));
        await api.CreateAsync("figures", Figure(world, "2033-01", 500, "citizenship", "MX", metric));
        await api.CreateAsync("figures", Figure(world, "2033-02", 550, "citizenship", "MX", metric));
        await api.CreateAsync("figures", Figure(world, "2033-02", 200, "citizenship", "SV", metric));
        await api.CreateAsync("figures", Figure(world, "2033-02", 999, "criminality", "convicted", metric));
        const string Range = "&interval=month&from=2033-01-01&to=2033-02-28";

        var whole = await api.Client.GetJsonAsync($"/api/v1/figures/series?metric={metric}{Range}");
        Assert.Equal([900m, null], whole.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").ValueKind == JsonValueKind.Null ? (decimal?)null : p.GetProperty("value").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("breakdown").ValueKind);
        Assert.False(whole.TryGetProperty("groups", out _));

        var mexico = await api.Client.GetJsonAsync($"/api/v1/figures/series?metric={metric}{Range}&dimension=citizenship&dimensionValue=MX");
        Assert.Equal([500m, 550m], mexico.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetDecimal()));
        Assert.Equal("Mexico", mexico.GetProperty("breakdown").Str("label"));

        var grouped = await api.Client.GetJsonAsync($"/api/v1/figures/series?metric={metric}{Range}&dimension=citizenship&groupBy=dimensionValue");
        var groups = grouped.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["MX", "SV"], groups.Select(g => g.GetProperty("breakdown").Str("value")));
        Assert.Equal(["2033-01", "2033-02"], groups[1].GetProperty("points").EnumerateArray().Select(p => p.Str("bucket")));
        Assert.Equal(JsonValueKind.Null, groups[1].GetProperty("points")[0].GetProperty("value").ValueKind);
        Assert.Empty(grouped.GetProperty("points").EnumerateArray());
    }

    [Theory]
    [InlineData("groupBy=dimensionValue", "groupBy")]
    [InlineData("dimension=citizenship&groupBy=kind", "groupBy")]
    [InlineData("dimension=citizenship&dimensionValue=MX&groupBy=dimensionValue", "dimensionValue")]
    [InlineData("dimension=citizenship", "dimensionValue")]
    [InlineData("dimensionValue=MX", "dimensionValue")]
    [InlineData("dimension=colour&dimensionValue=MX", "dimension")]
    [InlineData("dimension=criminality&dimensionValue=MX", "dimensionValue")]
    public async Task A_series_with_a_breakdown_that_does_not_hold_together_is_a_400(string query, string parameter) =>
        await api.Client.GetBadRequestAsync("/api/v1/figures/series?metric=removals&interval=year&" + query, parameter);

    [Fact]
    public async Task Pace_compares_a_part_only_with_targets_for_the_same_part()
    {
        var world = await World.CreateAsync(api);
        const string metric = "encounters";
        await api.CreateAsync("figures", Figure(world, "2034-01", 3100, metric: metric));
        await api.CreateAsync("figures", Figure(world, "2034-01", 310, "citizenship", "MX", metric));
        var target = Make.Figure(Make.Id("goal"), world.Source, world.Agency, 200, metric: metric, valueQualifier: "exact");
        target["kind"] = "target"; target["unit"] = "people_per_day"; target["periodStart"] = null; target["periodEnd"] = null;
        await api.CreateAsync("figures", target);

        var whole = await api.Client.GetJsonAsync($"/api/v1/figures/pace?metric={metric}&from=2034-01-01&to=2034-01-31");
        Assert.Equal([3100m], whole.GetProperty("actuals").EnumerateArray().Select(a => a.GetProperty("value").GetDecimal()));
        Assert.Single(whole.GetProperty("comparisons").EnumerateArray());

        var part = await api.Client.GetJsonAsync($"/api/v1/figures/pace?metric={metric}&from=2034-01-01&to=2034-01-31&dimension=citizenship&dimensionValue=MX");
        Assert.Equal([310m], part.GetProperty("actuals").EnumerateArray().Select(a => a.GetProperty("value").GetDecimal()));
        Assert.Empty(part.GetProperty("targets").EnumerateArray()); // the target is for the whole count
        Assert.Equal("MX", part.GetProperty("breakdown").Str("value"));
    }

    [Fact]
    public async Task Discrepancies_set_a_part_against_the_same_part_never_against_the_whole()
    {
        var world = await World.CreateAsync(api);
        const string metric = "book_ins";
        await api.CreateAsync("figures", Figure(world, "2035-03", 10000, metric: metric));
        await api.CreateAsync("figures", Figure(world, "2035-03", 4000, "citizenship", "GT", metric));
        await api.CreateAsync("figures", Figure(world, "2035-03", 4500, "citizenship", "GT", metric));
        await api.CreateAsync("figures", Figure(world, "2035-03", 2000, "citizenship", "HN", metric));

        var groups = (await api.Client.GetJsonAsync($"/api/v1/figures/discrepancies?metric={metric}&from=2035-03-01&to=2035-03-31"))
            .GetProperty("groups").EnumerateArray().ToList();
        var group = Assert.Single(groups);
        Assert.Equal("GT", group.GetProperty("breakdown").Str("value"));
        Assert.Equal([4500m, 4000m], group.GetProperty("figures").EnumerateArray().Select(f => f.GetProperty("value").GetDecimal()));
    }

    [Fact]
    public async Task The_csv_export_has_the_breakdown_as_columns()
    {
        var world = await World.CreateAsync(api);
        await api.CreateAsync("figures", Figure(world, "2036-01", 77, "area_of_responsibility", "dallas", "detainers_issued"));
        var csv = await api.Client.GetStringAsync("/api/v1/export/figures?format=csv&metric=detainers_issued");
        var header = csv.Split("\r\n")[0].Split(',');
        Assert.Contains("breakdown.dimension", header);
        Assert.Contains("breakdown.value", header);
        Assert.Contains("breakdown.label", header);
        Assert.Contains(",area_of_responsibility,dallas,Dallas,", csv);
    }
}
