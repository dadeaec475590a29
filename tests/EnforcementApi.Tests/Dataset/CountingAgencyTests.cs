using System.Net;
using System.Text.Json;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;

namespace EnforcementApi.Tests.Dataset;

/// <summary>
/// Whose operations a figure counts (<c>countedBy</c>), apart from who reported it, as the bundled dataset
/// serves it: the list filters and counts by it, a series follows one agency's count, and discrepancies set
/// only one agency's figures against each other, so DHS-wide totals never disagree with ICE's own count.
/// </summary>
public sealed class CountingAgencyTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>
{
    readonly HttpClient client = factory.CreateClient();

    static string? CountedBy(JsonElement f) =>
        f.GetProperty("countedBy").ValueKind == JsonValueKind.Object ? f.GetProperty("countedBy").Str("id") : null;

    [Fact]
    public async Task The_list_filters_and_counts_figures_by_the_agency_whose_operations_they_count()
    {
        var dhs = await client.GetJsonAsync("/api/v1/figures?countedBy=dhs&metric=removals&limit=200");
        var ids = dhs.GetProperty("items").EnumerateArray().Select(f => f.Str("id")).ToList();
        Assert.Contains("dhs-yearbook-removals-fy2016", ids);
        Assert.Contains("myorlando-dhs-removals-cbp-ice-fy2018", ids);
        // DHS reported ICE's removals of FY2016: reported by DHS, counted by ICE, so not here.
        Assert.DoesNotContain("dhs-fy2016-ice-removals", ids);
        Assert.All(dhs.GetProperty("items").EnumerateArray(), f => Assert.Equal("dhs", CountedBy(f)));

        var notRecorded = await client.GetJsonAsync("/api/v1/figures?countedBy=none&limit=200");
        Assert.All(notRecorded.GetProperty("items").EnumerateArray(), f => Assert.Null(CountedBy(f)));
        Assert.Contains("dhs-removals-first-100-days", notRecorded.GetProperty("items").EnumerateArray().Select(f => f.Str("id")));

        var facets = await client.GetJsonAsync("/api/v1/figures?facet=countedBy&limit=1");
        var values = facets.GetProperty("facets").GetProperty("countedBy").GetProperty("values").EnumerateArray().ToList();
        Assert.Equal("ice", values[0].Str("value"));
        Assert.Equal("Immigration and Customs Enforcement", values[0].Str("label"));
        Assert.Contains(values, v => v.Str("value") == "cbp");

        await client.GetBadRequestAsync("/api/v1/figures?countedBy=no-such-agency", "countedBy");
    }

    [Fact]
    public async Task A_series_follows_one_agencys_count_and_names_the_others_it_left_out()
    {
        var ice = await client.GetJsonAsync("/api/v1/figures/series?metric=removals&interval=fiscal_year&from=2015-10-01&to=2018-09-30");
        Assert.Equal("ice", ice.Str("countedBy"));
        Assert.Contains("dhs", ice.GetProperty("otherCountedBy").EnumerateArray().Select(e => e.GetString()));
        var points = ice.GetProperty("points").EnumerateArray().ToDictionary(p => p.Str("bucket")!);
        Assert.Equal(240255m, points["FY2016"].GetProperty("value").GetDecimal());
        Assert.Equal(256085m, points["FY2018"].GetProperty("value").GetDecimal());
        Assert.DoesNotContain("dhs-yearbook-removals-fy2016", points["FY2016"].GetProperty("alternativeIds").EnumerateArray().Select(e => e.GetString()));

        var dhs = await client.GetJsonAsync("/api/v1/figures/series?metric=removals&interval=fiscal_year&from=2015-10-01&to=2018-09-30&countedBy=dhs");
        var dhsPoints = dhs.GetProperty("points").EnumerateArray().ToDictionary(p => p.Str("bucket")!);
        Assert.Equal(340056m, dhsPoints["FY2016"].GetProperty("value").GetDecimal());
        Assert.Equal(337287m, dhsPoints["FY2018"].GetProperty("value").GetDecimal());
        Assert.Equal(JsonValueKind.Null, dhsPoints["FY2017"].GetProperty("value").ValueKind);

        // Asked otherwise, the agencies are mixed: both FY2016 counts are in the bucket.
        var any = await client.GetJsonAsync("/api/v1/figures/series?metric=removals&interval=fiscal_year&from=2015-10-01&to=2016-09-30&countedBy=any");
        Assert.Equal("any", any.Str("countedBy"));
        var fy2016 = any.GetProperty("points")[0];
        var all = fy2016.GetProperty("alternativeIds").EnumerateArray().Select(e => e.GetString()).Append(fy2016.Str("figureId")).ToList();
        Assert.Contains("dhs-yearbook-removals-fy2016", all);
        Assert.Contains("dhs-fy2016-ice-removals", all);

        await client.GetBadRequestAsync("/api/v1/figures/series?metric=removals&interval=fiscal_year&countedBy=no-such-agency", "countedBy");
    }

    [Fact]
    public async Task Discrepancies_set_only_one_agencys_figures_against_each_other()
    {
        var report = await client.GetJsonAsync("/api/v1/figures/discrepancies?metric=removals&from=2015-10-01&to=2018-09-30");
        var groups = report.GetProperty("groups").EnumerateArray().ToList();
        foreach (var group in groups)
        {
            var ids = group.GetProperty("figures").EnumerateArray().Select(f => f.Str("figureId")).ToList();
            Assert.False(ids.Contains("dhs-yearbook-removals-fy2016") && ids.Contains("dhs-fy2016-ice-removals"), string.Join(", ", ids));
            Assert.False(ids.Contains("myorlando-dhs-removals-cbp-ice-fy2018") && ids.Contains("immprof-ero-removals-fy2018"), string.Join(", ", ids));
        }
        // The first 100 days of 2025: DHS officials' "more than 135,000" deported by ICE agents is ICE's count, and disagrees with ICE's 65,682.
        var hundredDays = await client.GetJsonAsync("/api/v1/figures/discrepancies?metric=removals&from=2025-01-20&to=2025-04-29");
        var ice = hundredDays.GetProperty("groups").EnumerateArray().Single(g =>
            g.GetProperty("figures").EnumerateArray().Any(f => f.Str("figureId") == "newsmax-ice-removals-first-100-days"));
        Assert.Equal("ice", ice.GetProperty("countedBy").Str("id"));
        Assert.Contains("breitbart-dhs-ice-removals-first-100-days", ice.GetProperty("figures").EnumerateArray().Select(f => f.Str("figureId")));
        Assert.DoesNotContain("2paragraphs-noem-deportations-first-three-months", ice.GetProperty("figures").EnumerateArray().Select(f => f.Str("figureId")));
    }

    [Fact]
    public async Task Pace_reads_the_actuals_of_one_counting_agency_when_asked()
    {
        var pace = await client.GetJsonAsync("/api/v1/figures/pace?metric=removals&countedBy=dhs&from=2025-01-20&to=2026-01-20");
        var actuals = pace.GetProperty("actuals").EnumerateArray().ToList();
        Assert.NotEmpty(actuals);
        Assert.All(actuals, a => Assert.Equal("dhs", a.GetProperty("countedBy").Str("id")));
        Assert.Contains(actuals, a => a.Str("figureId") == "dhs-release-deportations-first-year");
    }

    [Fact]
    public async Task A_figures_page_says_whose_count_it_is_and_the_list_page_filters_by_it()
    {
        var page = await client.GetStringAsync("/figures/dhs-fy2016-ice-removals");
        Assert.Matches(@"<dt>Whose count</dt>\s*<dd><span>Immigration and Customs Enforcement", page);
        var list = await client.GetStringAsync("/figures?countedBy=dhs&metric=removals");
        Assert.Contains("dhs-yearbook-removals-fy2016", list);
        Assert.DoesNotContain("/figures/dhs-fy2016-ice-removals\"", list);
    }

    [Fact]
    public async Task The_series_chart_says_whose_count_it_draws_and_draws_another_agencys_when_asked()
    {
        var byDefault = await client.GetStringAsync("/charts/series?metric=removals&from=2015-10-01&to=2018-09-30");
        Assert.Contains("The count of ICE; left out, the counts of DHS", byDefault);
        var dhs = await client.GetStringAsync("/charts/series?metric=removals&countedBy=dhs&from=2015-10-01&to=2018-09-30");
        Assert.Contains("The count of DHS; left out, the counts of ICE", dhs);
        Assert.Contains("countedBy=dhs", dhs);
        Assert.Contains("<option value=\"dhs\" selected", dhs);
    }

    [Fact]
    public async Task A_draft_proposes_the_counting_agency_where_its_sentence_says_who_did_what_is_counted()
    {
        var api = WriteApi.For(factory);
        const string Text = "ICE removed 65,682 people in the first 100 days. DHS said that 158,000 people had been arrested in the first 100 days.";
        var reply = await api.SendAsync(HttpMethod.Post, "/api/v1/sources/article-ice-leadership-shakeup/drafts", WriteApi.Body(Text, "text/plain; charset=utf-8"));
        WriteApi.AssertStatus(reply, HttpStatusCode.Created);
        var figures = reply.Json.GetProperty("items").EnumerateArray().Where(i => i.Str("kind") == "figure")
            .ToDictionary(i => i.GetProperty("record").GetProperty("value").GetDecimal(), i => i.GetProperty("record"));
        Assert.Equal("ice", CountedBy(figures[65682m]));
        // DHS reported the arrests; the sentence does not say whose they were.
        Assert.Null(CountedBy(figures[158000m]));
    }
}
