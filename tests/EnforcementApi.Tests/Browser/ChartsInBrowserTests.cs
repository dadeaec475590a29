using System.Text.Json;
using System.Text.RegularExpressions;
using EnforcementApi.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace EnforcementApi.Tests.Browser;

/// <summary>
/// The charts as Chromium draws them: a mark a person can see (a box of non-zero size) for every point the
/// API gives, each a link that opens that point's figure, under a title, followed by the table of the same
/// numbers. The server tests count the elements in the HTML; only a browser shows they are drawn.
/// </summary>
[Collection(PagesInBrowser.Name)]
public sealed class ChartsInBrowserTests(BrowserApp app)
{
    readonly HttpClient api = app.ApiClient();

    [Fact]
    public async Task The_home_pages_removals_chart_draws_a_visible_point_for_each_fiscal_year_the_api_has_a_figure_for()
    {
        var series = await api.GetJsonAsync("/api/v1/figures/series?metric=removals&interval=fiscal_year");
        var withFigure = series.GetProperty("points").EnumerateArray().Count(p => p.GetProperty("value").ValueKind != JsonValueKind.Null);
        Assert.True(withFigure > 1, "the bundled records give removals for several fiscal years");

        await using var tab = await app.OpenPageAsync();
        await tab.Page.GotoAsync("/");
        var chart = tab.Page.Locator("svg.line-chart");
        await Expect(chart).ToBeVisibleAsync();

        var marks = await VisibleMarksAsync(tab, "svg.line-chart a.point-link circle");
        Assert.Equal(withFigure, marks.Count);
        Assert.Equal(withFigure.ToString(), await chart.GetAttributeAsync("data-points"));
        await tab.AssertCleanAndStyledAsync();
    }

    /// <summary>A chart page and what the API says it should draw.</summary>
    public sealed record Expected(string Page, string Marks, IReadOnlyList<string> FigureIds, bool InOrder, int TableRows, int Gaps);

    public static TheoryData<string> Charts => ["series by fiscal year", "series by month", "breakdown of FY2024", "pace"];

    [Theory]
    [MemberData(nameof(Charts))]
    public async Task A_chart_draws_a_visible_mark_for_each_point_the_api_gives_each_opening_its_figure_under_a_title_and_before_a_row_per_bucket(string chart)
    {
        var expected = await ExpectedAsync(chart);
        Assert.True(expected.FigureIds.Count > 1, $"{chart}: the bundled records give this chart several points");

        await using var tab = await app.OpenPageAsync();
        var response = await tab.Page.GotoAsync(expected.Page);
        Assert.Equal(200, response?.Status);
        await Expect(tab.Page.Locator("svg.chart")).ToBeVisibleAsync();

        var marks = await VisibleMarksAsync(tab, expected.Marks);
        var hrefs = marks.Select(m => m.Href ?? "(no link)").ToList();
        var wanted = expected.FigureIds.Select(id => "/figures/" + id).ToList();
        if (expected.InOrder) Assert.Equal(wanted, hrefs);
        else Assert.Equal(wanted.Order(StringComparer.Ordinal), hrefs.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Gaps, (await VisibleMarksAsync(tab, "svg.chart rect.gap")).Count);

        var shape = await tab.EvaluateJsonAsync<ChartShape>("""
            () => {
              const svg = document.querySelector('svg.chart');
              const table = svg.parentElement.querySelector(':scope > svg.chart ~ table.chart-table');
              const goal = svg.querySelector('line.goal');
              return JSON.stringify({
                title: svg.querySelector(':scope > title')?.textContent ?? '',
                caption: svg.closest('figure')?.querySelector('figcaption')?.textContent ?? '',
                tableRows: table ? table.querySelectorAll('tbody tr').length : -1,
                tableShown: table ? table.getBoundingClientRect().height > 0 : false,
                goalHeight: goal ? goal.getBoundingClientRect().height : null,
              });
            }
            """);
        Assert.False(string.IsNullOrWhiteSpace(shape.Title), $"{chart}: the svg has no title");
        Assert.Equal(shape.Caption, shape.Title);
        Assert.Equal(expected.TableRows, shape.TableRows);
        Assert.True(shape.TableShown, $"{chart}: the table after the chart is not shown");
        if (chart == "pace") Assert.True(shape.GoalHeight > 0, "the pace chart's goal line is not drawn");
        await tab.AssertCleanAndStyledAsync();

        // A person clicks the last mark: the browser follows the SVG link to that point's figure.
        await tab.Page.Locator(expected.Marks).Last.ClickAsync();
        var last = hrefs[^1];
        await Expect(tab.Page).ToHaveURLAsync(new Regex(Regex.Escape(last) + "$"));
        await Expect(tab.Page.Locator("main > p.muted code")).ToHaveTextAsync(last["/figures/".Length..]);
        await tab.AssertCleanAndStyledAsync();
    }

    async Task<Expected> ExpectedAsync(string chart)
    {
        switch (chart)
        {
            case "series by fiscal year":
            case "series by month":
            {
                // Removals have no monthly figures in the bundled records; book-ins have some, with gaps between.
                var query = chart == "series by month" ? "metric=book_ins&interval=month" : "metric=removals&interval=fiscal_year";
                var points = (await api.GetJsonAsync("/api/v1/figures/series?" + query)).GetProperty("points").EnumerateArray().ToList();
                var ids = points.Where(HasValue).Select(p => p.Str("figureId")!).ToList();
                return new("/charts/series?" + query, "svg.line-chart a.point-link circle", ids, true, points.Count, points.Count - ids.Count);
            }
            case "breakdown of FY2024":
            {
                var groups = (await api.GetJsonAsync("/api/v1/figures/series?metric=removals&interval=fiscal_year&dimension=citizenship&groupBy=dimensionValue&from=2023-10-01&to=2024-09-30"))
                    .GetProperty("groups").EnumerateArray()
                    .Select(g => g.GetProperty("points").EnumerateArray().Where(HasValue).Select(p => p.Str("figureId")!).FirstOrDefault())
                    .OfType<string>().ToList();
                return new("/charts/breakdown?year=FY2024", "svg.bar-chart a.point-link rect", groups, true, groups.Count, 0);
            }
            case "pace":
            {
                var actuals = (await api.GetJsonAsync("/api/v1/figures/pace?metric=arrests&from=2025-01-20"))
                    .GetProperty("actuals").EnumerateArray().Select(a => a.Str("figureId")!).ToList();
                // The page orders the actuals by period; the API's order is its own.
                return new("/charts/pace", "svg.bar-chart a.point-link rect", actuals, false, actuals.Count, 0);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(chart), chart, null);
        }
    }

    static bool HasValue(JsonElement point) => point.GetProperty("value").ValueKind != JsonValueKind.Null;

    sealed record Mark(double Width, double Height, string? Href);

    sealed record ChartShape(string Title, string Caption, int TableRows, bool TableShown, double? GoalHeight);

    /// <summary>The marks Chromium drew with a box of non-zero size, in document order, each with the href of the link around it.</summary>
    static async Task<List<Mark>> VisibleMarksAsync(BrowserPage tab, string selector)
    {
        var marks = await tab.EvaluateJsonAsync<List<Mark>>("""
            selector => JSON.stringify([...document.querySelectorAll(selector)].map(m => {
              const box = m.getBoundingClientRect();
              return { width: box.width, height: box.height, href: m.closest('a')?.getAttribute('href') ?? null };
            }))
            """, selector);
        return marks.Where(m => m.Width > 0 && m.Height > 0).ToList();
    }
}
