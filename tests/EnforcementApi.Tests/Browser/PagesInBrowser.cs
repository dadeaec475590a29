using System.Text.Json;

namespace EnforcementApi.Tests.Browser;

/// <summary>
/// The page tests share one app and one Chromium: starting them (the bundled dataset loads through the
/// import path) costs more than most of the tests, and the tests only read. They run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PagesInBrowser : ICollectionFixture<BrowserApp>
{
    public const string Name = "Pages in a browser";
}

/// <summary>What every page test checks once the page shows what it waited for, and the API beside the pages.</summary>
public static class PageChecks
{
    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Fails unless site.css reached the page and applied: without it, main spans the window and the header
    /// is a block; the stylesheet narrows main to 72rem and lays the header out as a row. The CSP allows only
    /// the server's own stylesheet, so this also shows the policy lets the right one through.
    /// </summary>
    public static async Task AssertStyledAsync(this BrowserPage tab)
    {
        var style = await tab.Page.EvaluateAsync<string[]>("""
            () => [getComputedStyle(document.querySelector('main')).maxWidth, getComputedStyle(document.querySelector('header.site')).display]
            """);
        Assert.True(style is ["1152px", "flex"], $"{tab.Page.Url}: site.css did not apply (main max-width {style[0]}, header display {style[1]}).");
    }

    /// <summary>The page drew with its stylesheet and reported no console error, CSP refusal or exception.</summary>
    public static async Task AssertCleanAndStyledAsync(this BrowserPage tab)
    {
        await tab.AssertStyledAsync();
        tab.AssertRanClean();
    }

    /// <summary>The same server's API, as a client other than the browser reads it.</summary>
    public static HttpClient ApiClient(this BrowserApp app) => new() { BaseAddress = app.BaseAddress };

    /// <summary>Runs a function in the page that returns JSON.stringify(...) of its answer, and reads it as <typeparamref name="T"/>.</summary>
    public static async Task<T> EvaluateJsonAsync<T>(this BrowserPage tab, string function, object? argument = null) =>
        JsonSerializer.Deserialize<T>(await tab.Page.EvaluateAsync<string>(function, argument), Web)!;
}
