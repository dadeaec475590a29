using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EnforcementApi.Tests.Browser;

/// <summary>
/// A page that names no icon makes Chromium ask for /favicon.ico once it has loaded; a 404 there is a
/// console error on every page a person opens. The pages name the server's own icon instead.
/// </summary>
[Collection(PagesInBrowser.Name)]
public sealed class IconInBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task A_page_shows_the_sites_own_icon_and_chromium_never_asks_for_favicon_ico()
    {
        await using var tab = await app.OpenPageAsync();
        var asked = new List<string>();
        tab.Page.Request += (_, request) => { lock (asked) asked.Add(new Uri(request.Url).AbsolutePath); };

        // Chromium fetches the icon after the load event; waiting for its answer is waiting for the last request.
        var icon = tab.Page.WaitForResponseAsync(response => new Uri(response.Url).AbsolutePath == "/assets/icon.svg", new() { Timeout = 10_000 });
        await tab.Page.GotoAsync("/figures");
        await Expect(tab.Page.Locator("h1")).ToHaveTextAsync("Figures");
        IResponse answer;
        try { answer = await icon; }
        catch (TimeoutException)
        {
            lock (asked) Assert.Fail("Chromium never asked for /assets/icon.svg; it asked for: " + string.Join(", ", asked) +
                                     ". Does the Shell name the icon with <link rel=\"icon\">?");
            throw;
        }

        Assert.Equal(200, answer.Status);
        Assert.Equal("image/svg+xml", (await answer.AllHeadersAsync())["content-type"]);
        Assert.StartsWith("<svg", await answer.TextAsync());
        Assert.Matches(@"^/assets/icon\.svg\?v=[0-9a-f]{16}$", await tab.Page.Locator("link[rel=icon]").GetAttributeAsync("href"));
        lock (asked) Assert.DoesNotContain("/favicon.ico", asked);
        await tab.AssertCleanAndStyledAsync();
    }
}
