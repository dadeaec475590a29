using static Microsoft.Playwright.Assertions;

namespace EnforcementApi.Tests.Browser;

/// <summary>
/// The figures page with the keyboard alone: Tab goes through the page in reading order, starting with the
/// skip link, and shows where it is; Enter on the skip link takes the reader past the header to the content.
/// </summary>
[Collection(PagesInBrowser.Name)]
public sealed class KeyboardInBrowserTests(BrowserApp app)
{
    /// <summary>Where the focus is: the element (its place among all elements), the part of the page, and how it is drawn.</summary>
    public sealed record Focus(int Index, string Name, string Region, string OutlineStyle, double OutlineWidth, bool InView);

    const string DescribeFocus = """
        () => {
          const e = document.activeElement;
          const style = getComputedStyle(e);
          const box = e.getBoundingClientRect();
          const href = e.getAttribute('href');
          return JSON.stringify({
            index: [...document.querySelectorAll('*')].indexOf(e),
            name: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (href ? `[href="${href}"]` : ''),
            region: e.matches('a.skip') ? 'skip'
              : e.closest('header.site nav') ? 'navigation'
              : e.closest('header.site') ? 'header'
              : e.closest('form.filters') ? 'form'
              : e.closest('table.figures tbody') ? 'table'
              : e.closest('table.figures') ? 'table headers'
              : e.closest('main') ? 'main' : 'elsewhere',
            outlineStyle: style.outlineStyle,
            outlineWidth: parseFloat(style.outlineWidth) || 0,
            inView: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth,
          });
        }
        """;

    /// <summary>What Tab should reach, in document order: links, controls and anything with a tabindex that is shown and enabled.</summary>
    const string Tabbable = """
        () => {
          const all = [...document.querySelectorAll('*')];
          return JSON.stringify([...document.querySelectorAll('a[href], input:not([type=hidden]), select, button, textarea, [tabindex]:not([tabindex="-1"])')]
            .filter(e => !e.disabled && e.getClientRects().length > 0)
            .map(e => all.indexOf(e)));
        }
        """;

    [Fact]
    public async Task Tab_from_the_top_of_figures_goes_skip_link_navigation_form_table_in_document_order_each_with_a_visible_outline()
    {
        await using var tab = await app.OpenPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/figures");
        var tabbable = await tab.EvaluateJsonAsync<List<int>>(Tabbable);

        // Tab until the first link in the table's body; a date input takes a Tab for each of its parts.
        var path = new List<Focus>();
        for (var presses = 0; presses < 200 && path.LastOrDefault()?.Region != "table"; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await tab.EvaluateJsonAsync<Focus>(DescribeFocus);
            if (path.LastOrDefault()?.Index != focus.Index) path.Add(focus);
        }
        var route = string.Join("\n", path.Select(f => $"{f.Region}: {f.Name}"));
        Assert.True(path.LastOrDefault()?.Region == "table", "200 Tabs did not reach the table's links:\n" + route);

        Assert.Equal("skip", path[0].Region);
        Assert.Equal(tabbable.Take(path.Count), path.Select(f => f.Index));
        var regions = path.Select(f => f.Region).Distinct().ToList();
        Assert.True(regions.IndexOf("skip") < regions.IndexOf("navigation") && regions.IndexOf("navigation") < regions.IndexOf("form")
                    && regions.IndexOf("form") < regions.IndexOf("table"), "Tab went out of reading order:\n" + route);
        var controls = await tab.EvaluateJsonAsync<List<int>>("""
            () => { const all = [...document.querySelectorAll('*')]; return JSON.stringify([...document.querySelectorAll('form.filters :is(input, select, button)')].map(e => all.indexOf(e))); }
            """);
        Assert.All(controls, c => Assert.Contains(c, path.Select(f => f.Index)));

        foreach (var focus in path)
        {
            Assert.True(focus.OutlineStyle != "none" && focus.OutlineWidth > 0, $"{focus.Name} ({focus.Region}) has focus but no outline (outline-style {focus.OutlineStyle}, width {focus.OutlineWidth}px)");
            Assert.True(focus.InView, $"{focus.Name} ({focus.Region}) has focus but is not in view");
        }
        await tab.AssertCleanAndStyledAsync();
    }

    [Fact]
    public async Task Enter_on_the_skip_link_brings_main_to_the_top_and_the_next_tab_into_the_filters()
    {
        await using var tab = await app.OpenPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/figures");
        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator("a.skip");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync(); // off-screen until focused, then in view
        await Expect(skip).ToHaveTextAsync("Skip to the content");

        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.EndsWith("#main"));
        var place = await page.EvaluateAsync<double[]>("() => [document.querySelector('main').getBoundingClientRect().top, scrollY]");
        Assert.True(Math.Abs(place[0]) < 1 && place[1] > 0, $"main is not at the top of the view after the skip link (its top at {place[0]}px, scrolled {place[1]}px)");

        // The next Tab starts from main, not from the top of the page: the first control of the filters.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Words", new() { Exact = true })).ToBeFocusedAsync();
        await tab.AssertCleanAndStyledAsync();
    }
}
