using System.Globalization;
using EnforcementApi.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using static Microsoft.Playwright.Assertions;

namespace EnforcementApi.Tests.Browser;

/// <summary>A search as a person runs it: typed into the header's box, sent with Enter, narrowed by a count.</summary>
[Collection(PagesInBrowser.Name)]
public sealed class SearchInBrowserTests(BrowserApp app)
{
    readonly HttpClient api = app.ApiClient();

    [Fact]
    public async Task A_search_typed_in_the_header_shows_hits_with_the_matches_marked_and_a_kind_in_the_counts_narrows_them()
    {
        await using var tab = await app.OpenPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/");
        // Enter goes to the box itself (focused first), as in the figures form's test. Sent to the page's
        // keyboard instead, it twice failed to submit in a loaded full run: no request reached the server.
        var box = page.Locator("header.site").GetByRole(Microsoft.Playwright.AriaRole.Searchbox);
        await box.PressSequentiallyAsync("deport*");
        await box.PressAsync("Enter");

        await page.WaitForURLAsync(url => url.Contains("/search?"));
        Assert.Equal("deport*", QueryHelpers.ParseQuery(new Uri(page.Url).Query)["q"]);
        await Expect(page.Locator("ul.hits li").First).ToBeVisibleAsync();
        var marks = page.Locator("ul.hits .snippet mark");
        await Expect(marks.First).ToBeVisibleAsync();
        // Each marked word is one the prefix matches; site.css draws the mark in its own yellow, not the browser's.
        Assert.All(await marks.AllInnerTextsAsync(), word => Assert.StartsWith("deport", word, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("rgb(255, 240, 160)", await marks.First.EvaluateAsync<string>("m => getComputedStyle(m).backgroundColor"));
        Assert.True(await page.Locator("ul.facets a").CountAsync() > 2, "a search for deport* finds several kinds of record, each a link beside Every kind");
        await tab.AssertCleanAndStyledAsync();

        var statements = await api.GetJsonAsync("/api/v1/search?q=deport*&types=statement&count=true");
        var count = statements.GetProperty("total").GetInt32();
        var facet = page.Locator("ul.facets a", new() { HasText = "statements" });
        await Expect(facet).ToHaveTextAsync($"statements ({count})");
        await facet.ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("types=statement"));
        var hits = page.Locator("ul.hits li");
        await Expect(hits).ToHaveCountAsync(statements.Items().Count());
        Assert.All(await page.Locator("ul.hits .type").AllInnerTextsAsync(), kind => Assert.Equal("STATEMENT", kind)); // shown in capitals by site.css
        Assert.Equal(statements.Items().Select(i => i.Str("label")), await page.Locator("ul.hits li > a").AllInnerTextsAsync());
        await Expect(page.Locator("p.formats strong")).ToHaveTextAsync(count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " record" : " records"));
        await Expect(page.Locator("ul.facets strong")).ToHaveTextAsync($"statements ({count})"); // the kind shown is no longer a link
        await tab.AssertCleanAndStyledAsync();
    }
}
