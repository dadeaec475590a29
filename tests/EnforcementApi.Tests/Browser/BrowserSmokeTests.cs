using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EnforcementApi.Tests.Browser;

/// <summary>What a person who opens the server's address in a browser sees, and that the browser tests' own checks see what they claim to.</summary>
public sealed partial class BrowserSmokeTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_home_page_names_the_api_links_to_swagger_ui_and_runs_clean_under_its_csp()
    {
        await using var tab = await app.OpenPageAsync();
        var response = await tab.Page.GotoAsync("/");

        Assert.Equal(200, response?.Status);
        Assert.EndsWith(" · EnforcementApi", await tab.Page.TitleAsync());
        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Immigration enforcement, in numbers and words, each tied to its source");
        await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "Swagger UI", Exact = true })).ToHaveAttributeAsync("href", "/swagger");
        tab.AssertRanClean();
    }

    [Fact]
    public async Task Following_the_home_pages_swagger_link_shows_swagger_ui_listing_the_operations_and_it_runs_clean()
    {
        await using var tab = await app.OpenPageAsync();
        await tab.Page.GotoAsync("/");

        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Swagger UI", Exact = true }).ClickAsync();

        await Expect(tab.Page).ToHaveURLAsync(SwaggerUiUrl());
        await Expect(tab.Page).ToHaveTitleAsync("EnforcementApi");
        // Swagger UI draws the operations with its script, from the contract it fetches: their summaries
        // on screen mean the script ran under the /swagger CSP and the document loaded.
        await Expect(tab.Page.Locator(".opblock-summary-description", new() { HasText = "List figures" }).First).ToBeVisibleAsync();
        await Expect(tab.Page.Locator(".opblock-summary-path", new() { HasText = "/api/v1/figures" }).First).ToBeVisibleAsync();
        tab.AssertRanClean();
    }

    [Fact]
    public async Task A_page_that_breaks_the_csp_is_reported_so_a_clean_run_means_something()
    {
        await using var tab = await app.OpenPageAsync();
        await tab.Page.GotoAsync("/");

        // The home page's policy is default-src 'none': an inline style is refused, and Chromium says so.
        await tab.Page.EvaluateAsync("""
            () => {
              const style = document.createElement('style');
              style.textContent = 'h1 { color: rgb(255, 0, 0) }';
              document.head.append(style);
            }
            """);

        await WaitUntilAsync(() => tab.CspViolations.Count > 0);
        Assert.Contains("style-src", tab.CspViolations[0].Text);
        Assert.NotEqual("rgb(255, 0, 0)", await tab.Page.Locator("h1").EvaluateAsync<string>("h => getComputedStyle(h).color"));
        Assert.Throws<Xunit.Sdk.TrueException>(tab.AssertRanClean);
    }

    [Fact]
    public async Task An_uncaught_exception_in_a_page_is_reported()
    {
        await using var tab = await app.OpenPageAsync();
        await tab.Page.GotoAsync("/");

        // Thrown from a task of its own, so that it is uncaught in the page rather than returned to the test.
        await tab.Page.EvaluateAsync("() => { setTimeout(() => { throw new Error('thrown by the test'); }); }");

        await WaitUntilAsync(() => tab.Errors.Any(e => e.Kind == BrowserError.Uncaught));
        Assert.Contains("thrown by the test", tab.Errors.Single(e => e.Kind == BrowserError.Uncaught).Text);
    }

    /// <summary>Browser events arrive on the driver's thread, a moment after what caused them.</summary>
    static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "The browser did not report it within 10 seconds.");
            await Task.Delay(50);
        }
    }

    [GeneratedRegex("/swagger/(index\\.html)?$")]
    private static partial Regex SwaggerUiUrl();
}
