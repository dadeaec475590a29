using EnforcementApi.Tests.Support;
using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnforcementApi.Tests.Browser;

/// <summary>
/// Contrast as Chromium draws the pages: for every piece of text a person can see (body text, links, table
/// headers, navigation, labels, buttons, form values and placeholders, chart labels, marked search hits,
/// a highlighted excerpt), the WCAG 2.x contrast ratio of its colour against what is drawn behind it, at least 4.5:1, or
/// 3:1 for large text (24px, or bold from 18.66px). The colours come from the computed style, the
/// background from what lies under the text on screen, so site.css, the user agent's defaults and the
/// charts' own shapes are all counted.
/// </summary>
[Collection(PagesInBrowser.Name)]
public sealed class ContrastInBrowserTests(BrowserApp app, ITestOutputHelper output)
{
    /// <summary>One piece of text as drawn: what it is, its colours, its size, and the ratio between its colours.</summary>
    public sealed record Sample(string Kind, string Element, string Text, string Color, string Background, double FontPx, int Weight, double Ratio, bool Large)
    {
        public double Required => Large ? 3 : 4.5;
        public override string ToString() =>
            $"{Ratio.ToString("0.00", CultureInfo.InvariantCulture)}:1 (needs {Required}) {Kind} <{Element}> \"{Text}\": {Color} on {Background}, {FontPx:0.#}px weight {Weight}";
    }

    /// <summary>
    /// Every element with text of its own (and every form control that shows a value or a placeholder), scrolled into view,
    /// measured. The background is found by compositing, from the text down, what <c>elementsFromPoint</c>
    /// finds under the middle of the text's first line: HTML boxes' background colours and SVG shapes' fills,
    /// ending at the first opaque one, else at the canvas's white. A background image (none in site.css) is
    /// reported as one, so that the test cannot pass by not seeing it.
    /// </summary>
    const string Measure = """
        () => {
          const parse = (c) => {
            const m = c.match(/^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/);
            if (!m) throw new Error('a colour this test cannot read: ' + c);
            return [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]];
          };
          const over = (top, bottom) => {
            const a = top[3];
            return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
          };
          const luminance = (c) => {
            const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const show = (c) => `rgb(${c.slice(0, 3).map(Math.round).join(', ')})`;
          const shapes = new Set(['rect', 'circle', 'ellipse', 'polygon', 'path']);
          const paintUnder = (e) => {
            const s = getComputedStyle(e);
            if (s.backgroundImage !== 'none') throw new Error('a background image under text, which this test cannot measure: ' + e.tagName);
            if (e instanceof SVGElement && shapes.has(e.tagName.toLowerCase())) {
              if (s.fill === 'none' || !s.fill.startsWith('rgb')) return [0, 0, 0, 0];
              const fill = parse(s.fill);
              fill[3] *= parseFloat(s.fillOpacity) * parseFloat(s.opacity);
              return fill;
            }
            return parse(s.backgroundColor);
          };
          const kindOf = (e) =>
            e.closest('mark') ? 'marked hit'
            : e.closest('svg') ? 'chart text'
            : e.closest('header.site nav') ? 'navigation'
            : e.closest('button') ? 'button'
            : e.matches('input:placeholder-shown') ? 'placeholder'
            : e.matches('input, select') ? 'form control'
            : e.closest('label') ? 'label'
            : e.closest('th') ? 'table header'
            : e.closest('a') ? 'link'
            : e.closest('blockquote:target, :target blockquote') ? 'highlighted excerpt'
            : e.closest('h1, h2, h3, caption, figcaption') ? 'heading'
            : 'body text';

          const texts = [...document.querySelectorAll('body *')].filter(e =>
            e.matches('select, input:not([type=hidden])') && (e.tagName === 'SELECT' || e.value !== '' || e.placeholder !== '')
            || (!e.matches('title, desc, script, style, option') && [...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '')));
          const samples = [];
          for (const e of texts) {
            const s = getComputedStyle(e);
            if (s.visibility !== 'visible' || e.getClientRects().length === 0) continue;
            e.scrollIntoView({ block: 'center', inline: 'nearest' });
            let box;
            if (e.matches('input, select')) box = e.getBoundingClientRect();
            else {
              const node = [...e.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '');
              const range = document.createRange();
              range.selectNodeContents(node);
              box = range.getClientRects()[0] ?? e.getBoundingClientRect();
            }
            // Off-screen on purpose (the skip link and the search box's label until focused): not drawn.
            if (box.right <= 0 || box.bottom <= 0 || box.left >= innerWidth || box.width === 0 || box.height === 0) continue;

            const x = box.left + box.width / 2, y = box.top + box.height / 2;
            const stack = document.elementsFromPoint(x, y);
            let from = stack.indexOf(e);
            if (from < 0) from = stack.findIndex(under => under.contains(e));
            const layers = (from < 0 ? [] : stack.slice(from)).map(paintUnder);
            let background = [255, 255, 255, 1];
            for (const layer of layers.reverse()) background = over(layer, background);

            let opacity = 1;
            for (let a = e; a; a = a.parentElement) opacity *= parseFloat(getComputedStyle(a).opacity);
            const svg = e instanceof SVGElement;
            const ink = parse(svg ? s.fill : e.matches(':placeholder-shown') ? getComputedStyle(e, '::placeholder').color : s.color);
            ink[3] *= opacity * (svg ? parseFloat(s.fillOpacity) : 1);
            const color = over(ink, background);

            const [light, dark] = [luminance(color), luminance(background)].sort((a, b) => b - a);
            // SVG text is sized in the chart's own units; the screen size is that times the chart's scale.
            const m = svg ? e.getScreenCTM() : null;
            const fontPx = parseFloat(s.fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
            const weight = parseInt(s.fontWeight, 10);
            samples.push({
              kind: kindOf(e),
              element: e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''),
              text: (e.value || e.placeholder || e.textContent).trim().replace(/\s+/g, ' ').slice(0, 40),
              color: show(color), background: show(background), fontPx, weight,
              ratio: (light + 0.05) / (dark + 0.05),
              large: fontPx >= 24 || (weight >= 700 && fontPx >= 18.66),
            });
          }
          scrollTo(0, 0);
          return JSON.stringify(samples);
        }
        """;

    /// <summary>A page, and the kinds of text it must show for the test to have measured what it is about.</summary>
    public static TheoryData<string, string> Pages => new()
    {
        { "/", "heading, body text, link, navigation, label, button, placeholder, chart text" },
        { "/figures?metric=removals", "heading, body text, link, navigation, label, button, form control, table header" },
        { "/figures/dhs-removals-first-100-days", "heading, body text, link, table header" },
        { "/search?q=deport*", "heading, body text, link, marked hit" },
        { "/charts/series?metric=removals&interval=fiscal_year", "heading, chart text, label, form control, table header" },
        { "/charts/breakdown?metric=removals&dimension=citizenship&year=FY2024", "heading, chart text, table header" },
        { "/charts/pace?metric=arrests&target=ilkha-white-house-daily-arrest-goal", "heading, chart text, table header" },
        { "/check?text=ICE%20removed%20120,000%20Guatemalans%20last%20fiscal%20year.%20ICE%20deported%2066,435%20Guatemalans%20in%20fiscal%20year%202024.&asOf=2025-06-01", "heading, body text, link, label, button, table header" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_text_on_the_page_meets_wcag_aa_contrast_against_what_is_drawn_behind_it(string url, string kinds)
    {
        await using var tab = await app.OpenPageAsync();
        var response = await tab.Page.GotoAsync(url);
        Assert.Equal(200, response?.Status);
        await tab.AssertCleanAndStyledAsync();
        AssertContrast(url, kinds, await tab.EvaluateJsonAsync<List<Sample>>(Measure));
    }

    [Fact]
    public async Task An_excerpt_opened_from_its_figure_is_highlighted_with_wcag_aa_contrast_on_its_source()
    {
        await using var tab = await app.OpenPageAsync();
        await tab.Page.GotoAsync("/figures/dhs-removals-first-100-days");
        await tab.Page.Locator(".citation a[href*='/sources/']").First.ClickAsync();
        await tab.Page.WaitForURLAsync(u => u.Contains("/sources/") && u.Contains('#'));
        await Expect(tab.Page.Locator(":target")).ToBeVisibleAsync();
        await tab.AssertCleanAndStyledAsync();
        AssertContrast(tab.Page.Url, "heading, body text, link, highlighted excerpt", await tab.EvaluateJsonAsync<List<Sample>>(Measure));
    }

    void AssertContrast(string url, string kinds, List<Sample> samples)
    {
        var lowest = samples.MinBy(s => s.Ratio);
        output.WriteLine($"{url}: {samples.Count} texts; lowest {lowest}");
        foreach (var kind in samples.GroupBy(s => s.Kind).OrderBy(g => g.Key))
            output.WriteLine($"  {kind.Key}: {kind.Count()}, lowest {kind.Min(s => s.Ratio).ToString("0.00", CultureInfo.InvariantCulture)}:1");

        var missing = kinds.Split(", ").Except(samples.Select(s => s.Kind)).ToList();
        Assert.True(missing.Count == 0, $"{url}: no {string.Join(", no ", missing)} was measured; found only {string.Join(", ", samples.Select(s => s.Kind).Distinct())}");
        var failing = samples.Where(s => s.Ratio < s.Required).ToList();
        Assert.True(failing.Count == 0, $"{url}: {failing.Count} text(s) below WCAG AA contrast:\n" + string.Join("\n", failing.DistinctBy(s => (s.Kind, s.Color, s.Background, s.Large))));
    }
}
