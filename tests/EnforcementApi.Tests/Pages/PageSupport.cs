using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace EnforcementApi.Tests.Pages;

/// <summary>A page as a browser gets it: status, headers, the HTML, its parsed document and what the parser found wrong.</summary>
public sealed record PageReply(HttpStatusCode Status, HttpResponseMessage Response, string Html, IHtmlDocument Document, IReadOnlyList<string> ParseErrors)
{
    public IElement Main => Document.QuerySelector("main")!;

    public IReadOnlyList<string> Hrefs(string selector) =>
        Document.QuerySelectorAll(selector).Select(a => a.GetAttribute("href")!).ToList();

    public override string ToString() => $"{(int)Status}: {Html}";
}

public static class PageSupport
{
    public static async Task<PageReply> GetPageAsync(this HttpClient client, string url, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var (document, errors) = Parse(html);
        return new PageReply(response.StatusCode, response, html, document, errors);
    }

    /// <summary>Parses as the HTML standard says a browser does, keeping every parse error (a valid document has none).</summary>
    public static (IHtmlDocument Document, IReadOnlyList<string> Errors) Parse(string html)
    {
        var errors = new List<string>();
        var parser = new HtmlParser();
        parser.Error += (_, e) =>
        {
            var error = (AngleSharp.Html.Dom.Events.HtmlErrorEvent)e;
            errors.Add($"{error.Code} at {error.Position.Line}:{error.Position.Column}: {error.Message}");
        };
        return (parser.ParseDocument(html), errors);
    }

    /// <summary>
    /// What an accessible, well-formed page has: a language, a title, one h1, unique ids, a label for every
    /// control a person fills in, a name for every link and chart, and the main landmark.
    /// </summary>
    public static void AssertSound(PageReply page)
    {
        Assert.True(page.ParseErrors.Count == 0, "HTML parse errors: " + string.Join("; ", page.ParseErrors));
        var document = page.Document;
        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        Assert.False(string.IsNullOrWhiteSpace(document.Title));
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.NotNull(document.QuerySelector("main#main"));

        var ids = document.QuerySelectorAll("[id]").Select(e => e.Id!).ToList();
        Assert.True(ids.Count == ids.Distinct().Count(), "duplicate ids: " + string.Join(", ", ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key)));

        foreach (var control in document.QuerySelectorAll("input, select, textarea"))
        {
            if (control.GetAttribute("type") is "hidden" or "submit") continue;
            var labelled = control.Id is { } id && document.QuerySelector($"label[for='{id}']") is not null
                           || control.HasAttribute("aria-label") || control.Closest("label") is not null;
            Assert.True(labelled, "a control without a label: " + control.OuterHtml);
        }
        foreach (var link in document.QuerySelectorAll("a"))
        {
            var name = link.TextContent.Trim().Length > 0 || link.QuerySelector("title") is { TextContent.Length: > 0 } || link.HasAttribute("aria-label");
            Assert.True(name, "a link without a name: " + link.OuterHtml);
        }
        foreach (var svg in document.QuerySelectorAll("svg"))
        {
            Assert.False(string.IsNullOrWhiteSpace(svg.QuerySelector("title")?.TextContent), "a chart without a title");
            Assert.False(string.IsNullOrWhiteSpace(svg.GetAttribute("aria-labelledby")));
        }
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.All(document.QuerySelectorAll("[style]"), e => Assert.Fail("an inline style, which the page's CSP refuses: " + e.OuterHtml));
    }
}
