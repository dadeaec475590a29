using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace EnforcementApi.Tests.Browser;

/// <summary>Something the browser reported as wrong: a console error (CSP refusals and failed loads among them) or an uncaught exception.</summary>
public sealed record BrowserError(string Kind, string Text, string Location)
{
    public const string Console = "console";
    public const string Uncaught = "uncaught";

    /// <summary>Chromium reports a Content-Security-Policy refusal as a console error that names the policy.</summary>
    public bool IsCspViolation => Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Kind}: {Text}{(Location.Length > 0 ? " (at " + Location + ")" : "")}";
}

/// <summary>
/// One test's page, in a browser context of its own (no cookies or storage shared with another test),
/// with what went wrong in it recorded from the start. Relative URLs go to the app: <c>Page.GotoAsync("/")</c>.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    readonly IBrowserContext context;
    readonly ConcurrentQueue<BrowserError> errors = new(); // the driver raises events on its own thread

    BrowserPage(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            // A message with no source (a CSP refusal, say) has the location ":0:0".
            if (message.Type == "error") errors.Enqueue(new(BrowserError.Console, message.Text, message.Location.StartsWith(':') ? "" : message.Location));
        };
        page.PageError += (_, exception) => errors.Enqueue(new(BrowserError.Uncaught, exception, ""));
    }

    public IPage Page { get; }

    /// <summary>Every error so far, in the order the browser reported them.</summary>
    public IReadOnlyList<BrowserError> Errors => [.. errors];

    /// <summary>The errors that are the app's Content-Security-Policy refusing something the page tried.</summary>
    public IReadOnlyList<BrowserError> CspViolations => [.. errors.Where(e => e.IsCspViolation)];

    internal static async Task<BrowserPage> OpenAsync(IBrowser browser, Uri app)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = app.ToString() });
        return new BrowserPage(context, await context.NewPageAsync());
    }

    /// <summary>
    /// Fails, listing each error on its own line, if the page logged a console error, broke a CSP rule or
    /// threw. Messages can arrive a moment after the action that caused them: call it once the page shows
    /// what the test waited for.
    /// </summary>
    public void AssertRanClean()
    {
        var seen = Errors;
        Assert.True(seen.Count == 0, $"{Page.Url} reported {seen.Count} error(s):\n" + string.Join("\n", seen));
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
