using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using System.Text;
using System.Text.RegularExpressions;
using EnforcementApi.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace EnforcementApi.Tests;

/// <summary>
/// Keyset pagination of every list: walking page by page with <c>nextCursor</c> yields the whole list once, in
/// the order of a single page, with a <c>Link</c> header to each next page; a cursor works only for the list
/// and the query that issued it, exactly as it was issued.
/// </summary>
public sealed partial class PaginationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.Seeded().CreateClient();

    /// <summary>Every sort each list allows, both directions, several fields, and lists narrowed by filters.</summary>
    static readonly string[] Lists =
    [
        "sources", "sources?sort=publishedOn", "sources?sort=-publishedOn", "sources?sort=title", "sources?sort=-title",
        "sources?sort=id", "sources?sort=-id", "sources?sort=title,-publishedOn", "sources?sort=-publishedOn,title",
        "sources?kind=dataset",

        "entities", "entities?sort=name", "entities?sort=-name", "entities?sort=id", "entities?sort=-id",
        "entities?sort=-name,id", "entities?kind=organization", "entities?parent=test-agency", "entities?source=test-source-2&sort=-name",

        "events", "events?sort=occurredOn", "events?sort=-occurredOn", "events?sort=id", "events?sort=-id",
        "events?sort=occurredOn,-id", "events?participant=test-agency", "events?from=2024-03-01&to=2024-03-31&sort=occurredOn",

        "figures", "figures?sort=periodEnd", "figures?sort=-periodEnd", "figures?sort=periodStart", "figures?sort=-periodStart",
        "figures?sort=value", "figures?sort=-value", "figures?sort=id", "figures?sort=-id",
        "figures?sort=-periodEnd,value", "figures?sort=periodEnd,-value", "figures?sort=value,-periodStart",
        "figures?sort=-value,periodEnd,-periodStart", "figures?metric=book_ins", "figures?kind=actual&sort=value",
        "figures?from=2024-01-01&to=2024-12-31&sort=-periodStart,value", "figures?reportedBy=test-agency&source=test-source",

        "statements", "statements?sort=saidOn", "statements?sort=-saidOn", "statements?sort=id", "statements?sort=-id",
        "statements?sort=-saidOn,id", "statements?speaker=test-person-1", "statements?quoteType=direct&sort=saidOn",
        "statements?source=test-source",
    ];

    public static TheoryData<string, int> Walks
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var list in Lists)
                foreach (var limit in new[] { 1, 3 })
                    data.Add(list, limit);
            return data;
        }
    }

    static string Url(string list, int limit, string? cursor = null) =>
        "/api/v1/" + list + (list.Contains('?') ? "&" : "?") + "limit=" + limit +
        (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));

    [Theory, MemberData(nameof(Walks))]
    public async Task Walking_a_list_page_by_page_gives_every_record_once_in_the_order_of_one_page(string list, int limit)
    {
        var whole = await client.GetJsonAsync(Url(list, 200));
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("nextCursor").ValueKind);
        var expected = whole.Ids();
        Assert.True(expected.Count > 1, $"{list} has {expected.Count} records: nothing to page through");
        Assert.Equal(expected.Count, expected.Distinct().Count());

        var walked = new List<string>();
        string? cursor = null;
        do
        {
            var url = Url(list, limit, cursor);
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {body}");
            var page = JsonDocument.Parse(body).RootElement;
            var ids = page.Ids();
            cursor = page.Str("nextCursor");

            Assert.InRange(ids.Count, 1, limit);
            if (cursor is null)
            {
                Assert.False(response.Headers.Contains("Link"), $"GET {url}: the last page has a Link header");
            }
            else
            {
                Assert.Equal(limit, ids.Count);
                AssertLinksToNextPage(response, list, limit, cursor);
            }
            walked.AddRange(ids);
            Assert.True(walked.Count <= expected.Count, $"walking {list} gives more records than it holds: {string.Join(", ", walked)}");
        } while (cursor is not null);

        Assert.Equal(expected, walked);
    }

    /// <summary>The Link header is this request's URL, with the same other parameters and the next cursor.</summary>
    void AssertLinksToNextPage(HttpResponseMessage response, string list, int limit, string cursor)
    {
        Assert.True(response.Headers.TryGetValues("Link", out var values), $"{list}: a page with a nextCursor has no Link header");
        var match = LinkHeader().Match(Assert.Single(values));
        Assert.True(match.Success, $"{list}: the Link header is not <url>; rel=\"next\": {string.Join(" | ", values)}");

        var link = new Uri(match.Groups["url"].Value);
        var expected = new Uri(client.BaseAddress!, Url(list, limit, cursor));
        Assert.Equal(expected.GetLeftPart(UriPartial.Path), link.GetLeftPart(UriPartial.Path));
        Assert.Equal(Parameters(expected), Parameters(link));
    }

    static List<string> Parameters(Uri uri) =>
        QueryHelpers.ParseQuery(uri.Query).SelectMany(p => p.Value.Select(v => p.Key + "=" + v)).Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex("^<(?<url>[^>]+)>; *rel=\"next\"$")]
    private static partial Regex LinkHeader();

    async Task<string> FirstCursorAsync(string list)
    {
        var page = await client.GetJsonAsync(Url(list, 1));
        var cursor = page.Str("nextCursor");
        Assert.False(cursor is null, $"{list}?limit=1 has no next page");
        return cursor;
    }

    public static TheoryData<string, string> OtherLists => new()
    {
        { "figures", "events" }, { "events", "statements" }, { "statements", "entities" }, { "entities", "sources" }, { "sources", "figures" },
    };

    [Theory, MemberData(nameof(OtherLists))]
    public async Task A_cursor_from_one_list_is_refused_by_another(string issuer, string other)
    {
        // The same sort and no filters, so only the list tells the two queries apart.
        var cursor = await FirstCursorAsync(issuer + "?sort=id");
        await client.GetBadRequestAsync(Url(other + "?sort=id", 1, cursor), "cursor");
    }

    public static TheoryData<string, string> ChangedQueries => new()
    {
        { "figures?metric=book_ins", "figures?metric=detained_population" },
        { "figures?metric=book_ins", "figures" },
        { "figures?metric=book_ins", "figures?metric=book_ins&kind=actual" },
        { "figures?from=2024-01-01&to=2024-12-31", "figures?from=2024-01-02&to=2024-12-31" },
        { "figures?sort=value", "figures?sort=-value" },
        { "figures?sort=value", "figures?sort=value,periodEnd" },
        { "figures?sort=value", "figures" },
        { "figures?sort=-periodEnd,value", "figures?sort=-periodEnd,-value" },
        { "figures?sort=-periodEnd,value", "figures?sort=value,-periodEnd" },
        { "events?participant=test-agency", "events?participant=test-person-1" },
        { "events?sort=occurredOn", "events?sort=id" },
        { "statements?speaker=test-person-1", "statements?speaker=test-person-2" },
        { "statements?sort=saidOn", "statements?sort=-saidOn" },
        { "entities?parent=test-agency", "entities?parent=ice" },
        { "entities?sort=name", "entities?sort=-name" },
        { "sources?kind=dataset", "sources?kind=report" },
        { "sources?sort=title", "sources?sort=-title" },
    };

    [Theory, MemberData(nameof(ChangedQueries))]
    public async Task A_cursor_sent_with_other_filters_or_another_sort_is_refused(string issuer, string changed)
    {
        var cursor = await FirstCursorAsync(issuer);
        await client.GetBadRequestAsync(Url(changed, 1, cursor), "cursor");
    }

    [Fact]
    public async Task A_cursor_is_accepted_with_the_same_parameters_in_another_order()
    {
        var cursor = await FirstCursorAsync("figures?metric=book_ins&kind=actual");
        var page = await client.GetJsonAsync("/api/v1/figures?limit=1&kind=actual&cursor=" + Uri.EscapeDataString(cursor) + "&metric=book_ins");
        Assert.Equal(["test-figure-001"], page.Ids());
    }

    public static TheoryData<string, string> Tamperings
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var list in new[] { "sources", "entities", "events", "figures", "statements" })
                foreach (var tampering in new[] { "flip-middle", "truncate-last", "truncate-half", "append-junk", "random-base64", "edit-keys" })
                    data.Add(list, tampering);
            return data;
        }
    }

    [Theory, MemberData(nameof(Tamperings))]
    public async Task A_tampered_cursor_is_refused(string list, string tampering)
    {
        var cursor = await FirstCursorAsync(list);
        var tampered = Tamper(cursor, tampering);
        Assert.NotEqual(cursor, tampered);
        await client.GetBadRequestAsync(Url(list, 1, tampered), "cursor");
    }

    static string Tamper(string cursor, string tampering)
    {
        var dot = cursor.IndexOf('.');
        Assert.True(dot > 0, $"a cursor of this API has a checksum after a dot: {cursor}");
        switch (tampering)
        {
            case "flip-middle":
                var middle = cursor.Length / 2;
                Assert.True(middle < dot - 1, "the middle of the cursor is in its payload");
                return cursor[..middle] + (cursor[middle] == 'A' ? 'B' : 'A') + cursor[(middle + 1)..];
            case "truncate-last":
                return cursor[..^1];
            case "truncate-half":
                return cursor[..(cursor.Length / 2)];
            case "append-junk":
                return cursor + "AAAA";
            case "random-base64":
                var random = new Random(20240315);
                return Base64Url.EncodeToString(RandomBytes(random, dot * 3 / 4)) + "." + Base64Url.EncodeToString(RandomBytes(random, 12));
            case "edit-keys":
                // A well-formed payload that points elsewhere (its last letter, in the last record's id, upper-cased),
                // sent with the checksum of the original.
                var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor.AsSpan(0, dot)));
                var last = payload.LastIndexOfAny("abcdefghijklmnopqrstuvwxyz".ToCharArray());
                var edited = payload[..last] + char.ToUpperInvariant(payload[last]) + payload[(last + 1)..];
                return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(edited)) + cursor[dot..];
            default:
                throw new ArgumentException(tampering);
        }
    }

    static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
