using EnforcementApi.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EnforcementApi.Tests.Browser;

/// <summary>
/// The real app, as a person's browser meets it: Kestrel on a loopback port of its own (a browser cannot
/// reach the in-memory test server), over a database of its own with the bundled dataset loaded, and one
/// headless Chromium for the test class. Each test opens its own page:
/// <code>await using var tab = await app.OpenPageAsync(); await tab.Page.GotoAsync("/");</code>
/// </summary>
public sealed class BrowserApp : DatasetApiFactory, IAsyncLifetime
{
    IPlaywright? playwright;
    IBrowser? browser;

    public BrowserApp() => UseKestrel(0);

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234/. Pages resolve relative URLs against it.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Before the app starts, so that a machine without Chromium fails on the message that says what to install.
        var chromium = Chromium.ExecutablePath;
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.First());

        // The driver (a Node.js build and Playwright's scripts) comes in the NuGet package and is copied
        // beside this assembly as .playwright/; it needs nothing from the network, only a browser, which
        // ExecutablePath gives it instead of the download Playwright would otherwise look for.
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = Chromium.LaunchArguments,
        });
    }

    /// <summary>A fresh page in a fresh browser context, recording its console errors from the start.</summary>
    public Task<BrowserPage> OpenPageAsync() =>
        BrowserPage.OpenAsync(browser ?? throw new InvalidOperationException("The browser is not started yet."), BaseAddress);

    /// <summary>The browser goes before the app; the app (and its database file) go when xunit disposes the factory.</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
    }
}
