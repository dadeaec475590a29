using static Microsoft.Playwright.Assertions;
using EnforcementApi.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace EnforcementApi.Tests.Browser;

/// <summary>A claim checked as a fact-checker does it: pasted into /check, read as of a day, each number marked with its verdict.</summary>
[Collection(PagesInBrowser.Name)]
public sealed class CheckInBrowserTests(BrowserApp app)
{
    const string Text = "DHS said more than 150,000 people were deported in the first three months. ICE deported 66,435 Guatemalans in fiscal year 2024.";
    readonly HttpClient api = app.ApiClient();

    [Fact]
    public async Task A_pasted_text_shows_each_claim_marked_with_its_verdict_and_the_figures_with_their_sources_words()
    {
        await using var tab = await app.OpenPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/");
        await page.Locator("header.site nav").GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Check a claim" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/check"));
        await page.GetByLabel("The text to check").FillAsync(Text);
        await page.GetByLabel("Read as of").FillAsync("2025-06-01");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Check", Exact = true }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/check?"));
        var query = QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        Assert.Equal(Text, query["text"].ToString());
        var answer = await api.GetJsonAsync("/api/v1/claims/check?asOf=2025-06-01&text=" + Uri.EscapeDataString(Text));
        var claims = answer.GetProperty("claims").EnumerateArray().ToList();
        Assert.Equal(["contradicted", "supported"], claims.Select(c => c.Str("verdict")));

        // Each claim's words are marked in the text, in the colour of its verdict, and link to its row.
        var marks = page.Locator("p.checked-text mark.claim a");
        await Expect(marks).ToHaveCountAsync(claims.Count);
        Assert.Equal(claims.Select(c => c.Str("excerpt")), await marks.AllInnerTextsAsync());
        Assert.Equal("rgb(253, 226, 223)", await page.Locator("mark.verdict-contradicted").EvaluateAsync<string>("m => getComputedStyle(m).backgroundColor"));
        Assert.Equal("rgb(223, 242, 223)", await page.Locator("mark.verdict-supported").EvaluateAsync<string>("m => getComputedStyle(m).backgroundColor"));
        Assert.Equal(claims.Select(c => c.Str("verdict")), await page.Locator("table.claims td .verdict").AllInnerTextsAsync());

        // The table lists every comparable figure with an excerpt of its source, the chosen one first.
        var firstRow = page.Locator("#claim-1");
        var matches = claims[0].GetProperty("matches").EnumerateArray().ToList();
        await Expect(firstRow.Locator("ul.matches > li")).ToHaveCountAsync(matches.Count);
        await Expect(firstRow.Locator("ul.matches > li blockquote.excerpt").First).ToContainTextAsync(matches[0].GetProperty("citations")[0].Str("excerpt")!);
        await tab.AssertCleanAndStyledAsync();

        // A person follows the figure the verdict rests on to its own page.
        await marks.First.ClickAsync();
        await firstRow.Locator("ul.matches > li.chosen > a").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/figures/" + matches[0].Str("figureId")));
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
    }
}
