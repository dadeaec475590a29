using static Microsoft.Playwright.Assertions;

namespace EnforcementApi.Tests.Browser;

/// <summary>
/// A page that names no icon makes Chromium ask for /favicon.ico once it has loaded. If the server answers
/// 404, Chromium logs "Failed to load resource" as a console error on every page a person opens.
/// </summary>
[Collection(PagesInBrowser.Name)]
public sealed class IconInBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task A_page_leaves_no_console_error_once_chromium_has_asked_for_the_sites_icon()
    {
        await using var tab = await app.OpenPageAsync();
        await tab.Page.GotoAsync("/figures");
        await Expect(tab.Page.Locator("h1")).ToHaveTextAsync("Figures");

        // Chromium asks for the icon after the load event; its answer and the console message follow.
        var until = DateTime.UtcNow.AddSeconds(3);
        while (DateTime.UtcNow < until && !tab.Errors.Any(e => e.IsMissingIcon())) await Task.Delay(50);

        var missing = tab.Errors.FirstOrDefault(e => e.IsMissingIcon());
        Assert.True(missing is null,
            "PAGE BUG: the pages name no icon, so Chromium asks for /favicon.ico, the server answers 404, and Chromium logs " +
            $"this console error on every page: {missing}. Serve an icon (say /assets/icon.svg, which img-src 'self' allows, " +
            "named by <link rel=\"icon\"> in the Shell) or answer /favicon.ico with 204.");
        tab.AssertRanClean();
    }
}
