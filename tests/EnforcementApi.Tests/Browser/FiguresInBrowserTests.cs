using EnforcementApi.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EnforcementApi.Tests.Browser;

/// <summary>
/// The figures as a person works through them: the form's selects and its submission, the keyset pages by
/// their links, a figure's page and its excerpt's link to the source, where the browser scrolls to the same
/// excerpt and highlights it.
/// </summary>
[Collection(PagesInBrowser.Name)]
public sealed class FiguresInBrowserTests(BrowserApp app)
{
    readonly HttpClient api = app.ApiClient();

    public static TheoryData<string> Submissions => ["pressing Enter in the words box", "clicking Show figures"];

    [Theory]
    [MemberData(nameof(Submissions))]
    public async Task Choosing_a_metric_and_a_kind_in_the_form_shows_only_those_figures_and_the_page_links_go_forward_and_back(string submission)
    {
        var total = (await api.GetJsonAsync("/api/v1/figures?metric=administrative_arrests&kind=actual&count=true&limit=1")).GetProperty("total").GetInt32();
        Assert.True(total > 50, "the bundled records hold more actual administrative arrest figures than the 50 of one page");

        await using var tab = await app.OpenPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/figures");
        await page.GetByLabel("Metric", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Administrative arrests" });
        await page.GetByLabel("Kind", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "actual" });
        if (submission.Contains("Enter")) await page.GetByLabel("Words", new() { Exact = true }).PressAsync("Enter");
        else await page.GetByRole(AriaRole.Button, new() { Name = "Show figures" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("metric=administrative_arrests"));
        var query = QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        Assert.Equal("administrative_arrests", query["metric"]);
        Assert.Equal("actual", query["kind"]);
        await Expect(page.Locator("p.formats strong")).ToHaveTextAsync($"{total} figures");
        var first = await RowsAsync(tab);
        Assert.Equal(50, first.Count);
        AssertAllArrestsActual(first);
        await tab.AssertCleanAndStyledAsync();

        await page.Locator("a[rel=next]").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("cursor="));
        var second = await RowsAsync(tab);
        AssertAllArrestsActual(second);
        Assert.Empty(second.Select(r => r.Href).Intersect(first.Select(r => r.Href)));
        Assert.Equal(total, first.Count + second.Count);
        await Expect(page.Locator("a[rel=next]")).ToHaveCountAsync(0); // the last page
        await tab.AssertCleanAndStyledAsync();

        await page.Locator("a[rel=prev]").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("before="));
        Assert.Equal(first, await RowsAsync(tab));
        var back = QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        Assert.Equal(("administrative_arrests", "actual"), (back["metric"].ToString(), back["kind"].ToString()));
        await tab.AssertCleanAndStyledAsync();
    }

    /// <summary>A row of the figures table as it reads on screen: its value link, metric and kind.</summary>
    public sealed record Row(string Href, string Metric, string Kind);

    static Task<List<Row>> RowsAsync(BrowserPage tab) => tab.EvaluateJsonAsync<List<Row>>("""
        () => JSON.stringify([...document.querySelectorAll('table.figures tbody tr')].map(tr => ({
          href: tr.querySelector('td.number a').getAttribute('href'),
          metric: tr.cells[1].innerText.trim(),
          kind: tr.cells[2].innerText.trim(),
        })))
        """);

    static void AssertAllArrestsActual(List<Row> rows)
    {
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("Administrative arrests", r.Metric));
        Assert.All(rows, r => Assert.StartsWith("actual", r.Kind));
    }

    [Fact]
    public async Task A_figures_excerpt_link_opens_its_source_scrolled_to_the_same_excerpt_and_highlighted()
    {
        // A source that many figures cite: its page is long, so the last of them is well below the first screen.
        const string source = "dominicanewsonline-sixteen-dominicans-deported-fy2019";
        await using var tab = await app.OpenPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/figures?source=" + source);
        var value = page.Locator("table.figures tbody tr td.number a").Last;
        var figurePath = await value.GetAttributeAsync("href");
        await value.ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith(figurePath!));
        var citation = page.Locator("ol.citations li").First;
        var excerpt = await citation.Locator("blockquote.excerpt").InnerTextAsync();
        var link = citation.Locator(".where a");
        var href = (await link.GetAttributeAsync("href"))!;
        Assert.StartsWith($"/sources/{source}#cite-figure-", href);
        await tab.AssertCleanAndStyledAsync();

        await link.ClickAsync();
        var fragment = href[href.IndexOf('#')..];
        await page.WaitForURLAsync(url => url.EndsWith(fragment));
        var target = page.Locator("li" + fragment);
        await Expect(target).ToBeInViewportAsync();
        await Expect(target.Locator("blockquote.excerpt")).ToHaveTextAsync(excerpt);

        var seen = await tab.EvaluateJsonAsync<Landing>("""
            () => {
              const target = document.querySelector(':target');
              const box = target.getBoundingClientRect();
              const other = [...document.querySelectorAll('ol.citations li')].find(li => li !== target);
              return JSON.stringify({
                targetId: target.id,
                top: box.top + scrollY,
                scrollY,
                viewport: innerHeight,
                targeted: getComputedStyle(target.querySelector('blockquote.excerpt')).backgroundColor,
                untargeted: getComputedStyle(other.querySelector('blockquote.excerpt')).backgroundColor,
              });
            }
            """);
        Assert.Equal(fragment[1..], seen.TargetId);
        // Below the first screen, yet in view: the browser scrolled to it.
        Assert.True(seen.Top > seen.Viewport, $"the excerpt stands at {seen.Top}px, within the first screen ({seen.Viewport}px): choose a figure further down");
        Assert.True(seen.ScrollY > 0);
        Assert.NotEqual(seen.Untargeted, seen.Targeted);
        await tab.AssertCleanAndStyledAsync();
    }

    sealed record Landing(string TargetId, double Top, double ScrollY, double Viewport, string Targeted, string Untargeted);
}
