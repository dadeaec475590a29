using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EnforcementApi.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace EnforcementApi.Tests.Query;

/// <summary>
/// <c>fields=id,value,periodStart</c> on every list and every record: the answer keeps exactly those properties
/// of each record, with the values they have without a selection; a bad selection is a 400 naming
/// <c>fields</c>; paging, counts and facets work alongside; each selection has its own ETag.
/// </summary>
public sealed class FieldSelectionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.Seeded().CreateClient();

    /// <summary>The JSON properties of each record type, as the API documents them.</summary>
    static readonly Dictionary<string, string[]> FieldsOf = new()
    {
        ["sources"] = ["id", "kind", "title", "publisher", "url", "author", "publishedOn", "retrievedAt", "language"],
        ["entities"] = ["id", "kind", "name", "shortName", "summary", "parent", "roles", "citations"],
        ["events"] = ["id", "kind", "title", "summary", "occurredOn", "datePrecision", "participants", "citations"],
        ["figures"] = ["id", "metric", "kind", "value", "valueQualifier", "unit", "periodStart", "periodEnd", "periodLabel", "scope",
                       "breakdown", "reportedBy", "countedBy", "statedAs", "rank", "rankNote", "citations"],
        ["statements"] = ["id", "speaker", "speakerRole", "text", "quoteType", "saidOn", "datePrecision", "channel", "citations"],
    };

    static readonly Dictionary<string, string> OneRecord = new()
    {
        ["sources"] = "test-source", ["entities"] = "test-person-1", ["events"] = "test-event-006",
        ["figures"] = "test-figure-006", ["statements"] = "test-statement-006",
    };

    static List<string> Properties(JsonElement record) => record.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

    static List<string> Sorted(IEnumerable<string> names) => names.Order(StringComparer.Ordinal).ToList();

    /// <summary>Asserts that a selected record has exactly <paramref name="fields"/>, each as in the full record.</summary>
    static void AssertSelected(JsonElement full, JsonElement selected, string[] fields)
    {
        Assert.Equal(Sorted(fields), Properties(selected));
        foreach (var field in fields)
            Assert.True(JsonElement.DeepEquals(full.GetProperty(field), selected.GetProperty(field)),
                $"{field}: {full.GetProperty(field)} became {selected.GetProperty(field)}");
    }

    [Fact]
    public async Task The_documented_fields_are_those_of_a_record_without_a_selection()
    {
        foreach (var (list, fields) in FieldsOf)
        {
            var full = await client.GetJsonAsync($"/api/v1/{list}/{OneRecord[list]}");
            Assert.Equal(Sorted(fields), Properties(full));
        }
    }

    public static TheoryData<string, string> Selections => new()
    {
        { "figures", "id,value,periodStart" },
        { "figures", "periodStart,value,id" },
        { "figures", "reportedBy,citations" },
        { "figures", "value" },
        { "statements", "id,speaker,saidOn" },
        { "statements", "speakerRole,citations,quoteType" },
        { "events", "id,participants" },
        { "events", "title,occurredOn,datePrecision" },
        { "entities", "id,name,parent" },
        { "entities", "roles,citations" },
        { "sources", "id,title,publishedOn" },
        { "sources", "retrievedAt,url" },
    };

    [Theory, MemberData(nameof(Selections))]
    public async Task List_items_carry_exactly_the_selected_fields_with_their_values(string list, string fields)
    {
        var names = fields.Split(',');
        var full = await client.GetJsonAsync($"/api/v1/{list}?limit=200&sort=id");
        var selected = await client.GetJsonAsync($"/api/v1/{list}?limit=200&sort=id&fields={fields}");

        var fullItems = full.Items().ToList();
        var selectedItems = selected.Items().ToList();
        Assert.True(fullItems.Count > 1);
        Assert.Equal(fullItems.Count, selectedItems.Count);
        for (var i = 0; i < fullItems.Count; i++)
            AssertSelected(fullItems[i], selectedItems[i], names);
        Assert.Equal(["items", "nextCursor"], Properties(selected));
    }

    [Theory, MemberData(nameof(Selections))]
    public async Task A_record_by_id_carries_exactly_the_selected_fields_with_their_values(string list, string fields)
    {
        var url = $"/api/v1/{list}/{OneRecord[list]}";
        AssertSelected(await client.GetJsonAsync(url), await client.GetJsonAsync(url + "?fields=" + fields), fields.Split(','));
    }

    [Fact]
    public async Task Each_field_alone_can_be_selected_on_every_list_and_record()
    {
        foreach (var (list, fields) in FieldsOf)
        {
            var full = (await client.GetJsonAsync($"/api/v1/{list}?limit=200&sort=id")).Items().ToList();
            var record = await client.GetJsonAsync($"/api/v1/{list}/{OneRecord[list]}");
            foreach (var field in fields)
            {
                var selected = (await client.GetJsonAsync($"/api/v1/{list}?limit=200&sort=id&fields={field}")).Items().ToList();
                Assert.Equal(full.Count, selected.Count);
                for (var i = 0; i < full.Count; i++)
                    AssertSelected(full[i], selected[i], [field]);
                AssertSelected(record, await client.GetJsonAsync($"/api/v1/{list}/{OneRecord[list]}?fields={field}"), [field]);
            }
            var all = string.Join(',', fields);
            Assert.Equal(record.GetRawText(), (await client.GetJsonAsync($"/api/v1/{list}/{OneRecord[list]}?fields={all}")).GetRawText());
        }
    }

    public static TheoryData<string> BadSelections
    {
        get
        {
            // A set: the figures cases below repeat some of the general ones, and xunit runs each once.
            var urls = new SortedSet<string>(StringComparer.Ordinal);
            var data = new TheoryData<string>();
            foreach (var url in new[] { "/api/v1/figures?", "/api/v1/figures/test-figure-001?" })
                foreach (var fields in new[]
                         {
                             "fields=nope", "fields=id,nope", "fields=", "fields=id,,value", "fields=id,", "fields=,id", "fields=,",
                             "fields=id,id", "fields=value,id,value", "fields=ID", "fields=Value", "fields=reportedBy.name", "fields=reported_by",
                             "fields=%20id", "fields=id&fields=value", "fields=title",
                         })
                    urls.Add(url + fields);
            foreach (var (list, id) in OneRecord)
                foreach (var fields in new[] { "fields=nope", "fields=", "fields=id,,kind", "fields=id,id", "fields=id&fields=id" })
                {
                    urls.Add($"/api/v1/{list}?{fields}");
                    urls.Add($"/api/v1/{list}/{id}?{fields}");
                }
            urls.Add("/api/v1/statements?fields=value");
            urls.Add("/api/v1/sources?fields=citations");
            urls.Add("/api/v1/entities/ice?fields=participants");
            urls.Add("/api/v1/events/test-event-001?fields=speaker");
            foreach (var url in urls) data.Add(url);
            return data;
        }
    }

    [Theory, MemberData(nameof(BadSelections))]
    public async Task An_unknown_empty_or_repeated_field_is_a_400_naming_fields(string url) =>
        await client.GetBadRequestAsync(url, "fields");

    [Fact]
    public async Task A_selection_on_a_missing_record_is_still_a_404()
    {
        await client.GetProblemAsync("/api/v1/figures/test-figure-999?fields=id", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("figures?sort=value&fields=id,value", "id,value")]
    [InlineData("figures?kind=ne:target&fields=value,periodStart", "value,periodStart")]
    [InlineData("statements?fields=id,saidOn&sort=saidOn", "id,saidOn")]
    [InlineData("events?fields=id&participant=ne:ice", "id")]
    [InlineData("entities?fields=id,name", "id,name")]
    [InlineData("sources?fields=id,title&sort=title", "id,title")]
    public async Task Paging_with_a_selection_walks_every_record_once_with_link_headers(string list, string fields)
    {
        var resource = list[..list.IndexOf('?')];
        var unselected = string.Join('&', list[(list.IndexOf('?') + 1)..].Split('&').Where(p => !p.StartsWith("fields=", StringComparison.Ordinal)));
        var expected = (await client.GetJsonAsync($"/api/v1/{resource}?{unselected}&limit=200")).Items().ToList();
        Assert.True(expected.Count > 2, $"{list} has {expected.Count} records: nothing to page through");

        var names = fields.Split(',');
        var walked = new List<JsonElement>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var url = $"/api/v1/{list}&limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {body}");
            var page = JsonDocument.Parse(body).RootElement.Clone();
            Assert.Equal(["items", "nextCursor"], Properties(page));
            cursor = page.Str("nextCursor");
            if (cursor is null)
            {
                Assert.False(response.Headers.Contains("Link"), $"GET {url}: the last page has a Link header");
            }
            else
            {
                Assert.Equal(2, page.Items().Count());
                Assert.True(response.Headers.TryGetValues("Link", out var links), $"GET {url}: no Link header");
                var link = new Uri(Assert.Single(links).Split('>')[0].TrimStart('<'));
                var parameters = QueryHelpers.ParseQuery(link.Query);
                Assert.Equal(fields, parameters["fields"].ToString());
                Assert.Equal(cursor, parameters["cursor"].ToString());
            }
            pages++;
            walked.AddRange(page.Items());
            Assert.True(walked.Count <= expected.Count, $"walking {list} gives more records than it holds");
        } while (cursor is not null);

        Assert.True(pages > 1);
        Assert.Equal(expected.Count, walked.Count);
        for (var i = 0; i < expected.Count; i++)
            AssertSelected(expected[i], walked[i], names);
    }

    [Fact]
    public async Task A_selection_keeps_total_and_facets_of_the_page()
    {
        var page = await client.GetJsonAsync("/api/v1/figures?fields=value&count=true&facet=kind&limit=2");
        Assert.Equal(["facets", "items", "nextCursor", "total"], Properties(page));
        Assert.Equal(10, page.GetProperty("total").GetInt64());
        Assert.True(page.GetProperty("facets").TryGetProperty("kind", out _));
        Assert.All(page.Items(), item => Assert.Equal(["value"], Properties(item)));
        Assert.NotNull(page.Str("nextCursor"));
    }

    async Task<EntityTagHeaderValue> ETagOf(string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag ?? throw new Xunit.Sdk.XunitException($"GET {url} has no ETag");
    }

    [Theory]
    [InlineData("/api/v1/figures?limit=5")]
    [InlineData("/api/v1/figures/test-figure-006")]
    [InlineData("/api/v1/statements?limit=5")]
    [InlineData("/api/v1/events/test-event-001")]
    [InlineData("/api/v1/entities?limit=5")]
    [InlineData("/api/v1/sources/test-source")]
    public async Task Different_selections_have_different_etags(string url)
    {
        var join = url.Contains('?') ? "&" : "?";
        var urls = new[] { url, url + join + "fields=id", url + join + "fields=id,kind", url + join + "fields=kind" };
        if (url.Contains("/figures")) urls = [url, url + join + "fields=id", url + join + "fields=id,value", url + join + "fields=value,periodStart"];
        if (url.Contains("/statements")) urls = [url, url + join + "fields=id", url + join + "fields=id,saidOn", url + join + "fields=text"];
        if (url.Contains("/sources")) urls = [url, url + join + "fields=id", url + join + "fields=id,title", url + join + "fields=title"];

        var etags = new List<string>();
        foreach (var u in urls)
            etags.Add((await ETagOf(u)).Tag.ToString());
        Assert.Equal(etags.Count, etags.Distinct().Count());

        // Each selection's own ETag answers 304; another selection's answers the full body.
        for (var i = 0; i < urls.Length; i++)
        {
            using var same = new HttpRequestMessage(HttpMethod.Get, urls[i]);
            same.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etags[i]));
            using var notModified = await client.SendAsync(same);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

            using var other = new HttpRequestMessage(HttpMethod.Get, urls[i]);
            other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etags[(i + 1) % urls.Length]));
            using var modified = await client.SendAsync(other);
            Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
        }
    }

    [Fact]
    public async Task The_same_selection_has_the_same_etag_each_time()
    {
        var first = await ETagOf("/api/v1/figures?fields=id,value&limit=3");
        var second = await ETagOf("/api/v1/figures?fields=id,value&limit=3");
        Assert.Equal(first, second);
        Assert.NotEqual(first, await ETagOf("/api/v1/figures?fields=id,value&limit=3&count=true"));
    }
}
