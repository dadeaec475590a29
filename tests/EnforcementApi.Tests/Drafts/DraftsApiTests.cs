using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;

namespace EnforcementApi.Tests.Drafts;

/// <summary>
/// Drafts over HTTP: a source's text in, proposals out, each with its citation at its offsets; an item
/// accepted becomes a record through the ordinary write path, a rejected one stays in the draft.
/// </summary>
public sealed class DraftsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    const string Article = "article-ice-leadership-shakeup";
    static readonly string ArticleText = File.ReadAllText(Repo.PathOf("db", "corpus", Article + ".txt"));

    readonly WriteApi api = WriteApi.For(factory);

    static HttpContent Text(string text) => WriteApi.Body(text, "text/plain; charset=utf-8");

    async Task<JsonElement> DraftAsync(string source = Article, HttpContent? text = null)
    {
        var reply = await api.SendAsync(HttpMethod.Post, $"/api/v1/sources/{source}/drafts", text);
        WriteApi.AssertStatus(reply, HttpStatusCode.Created);
        Assert.StartsWith("/api/v1/drafts/draft-", reply.Location);
        return reply.Json;
    }

    static JsonElement Item(JsonElement draft, Func<JsonElement, bool> which) => draft.GetProperty("items").EnumerateArray().First(which);

    static string CodePoints(string text, int start, int end) =>
        string.Concat(text.EnumerateRunes().Skip(start).Take(end - start).Select(r => r.ToString()));

    [Fact]
    public async Task Drafting_the_seed_article_proposes_its_figures_and_quotes_each_cited_at_its_offsets()
    {
        var draft = await DraftAsync();
        Assert.Equal(Article, draft.Str("sourceId"));
        var items = draft.GetProperty("items").EnumerateArray().ToList();

        var removals = Item(draft, i => i.Str("kind") == "figure" && i.GetProperty("record").GetProperty("value").GetDecimal() == 65600m);
        Assert.Equal("removals", removals.GetProperty("record").Str("metric"));
        Assert.Equal("exact", removals.GetProperty("record").Str("valueQualifier"));
        var arrests = Item(draft, i => i.Str("kind") == "figure" && i.GetProperty("record").GetProperty("value").GetDecimal() == 158000m);
        Assert.Equal("more_than", arrests.GetProperty("record").Str("valueQualifier"));
        var homan = Item(draft, i => i.Str("kind") == "statement" && i.Str("label") == "Tom Homan");
        Assert.Equal("tom-homan", homan.GetProperty("record").GetProperty("speaker").Str("id"));
        Assert.Equal("there are men and women out there enforcing the law and making this country safe again", homan.GetProperty("record").Str("text"));

        foreach (var item in items)
        {
            var citation = item.GetProperty("record").GetProperty("citations")[0];
            var location = citation.GetProperty("location");
            Assert.Equal(Article, citation.Str("sourceId"));
            Assert.Equal(citation.Str("excerpt"), CodePoints(ArticleText, location.GetProperty("charStart").GetInt32(), location.GetProperty("charEnd").GetInt32()));
            Assert.Equal(citation.Str("excerpt"), item.Str("excerpt"));
            Assert.InRange(item.GetProperty("confidence").GetDouble(), 0, 1);
            Assert.Equal("proposed", item.Str("state"));
        }
        Assert.Contains(draft.GetProperty("entities").EnumerateArray(), e => e.Str("entityId") == "ice" && e.Str("name") == "ICE");
        Assert.Equal(items.Count, draft.GetProperty("counts").GetProperty("proposed").GetInt32());
    }

    [Fact]
    public async Task A_draft_is_stored_listed_read_and_deleted()
    {
        var draft = await DraftAsync();
        var id = draft.Str("id")!;
        var read = await api.SendAsync(HttpMethod.Get, "/api/v1/drafts/" + id);
        WriteApi.AssertStatus(read, HttpStatusCode.OK);
        Assert.Equal(draft.GetProperty("items").GetRawText(), read.Json.GetProperty("items").GetRawText());
        var list = await api.SendAsync(HttpMethod.Get, $"/api/v1/drafts?source={Article}");
        Assert.Contains(list.Json.Items(), d => d.Str("id") == id);

        WriteApi.AssertStatus(await api.SendAsync(HttpMethod.Delete, "/api/v1/drafts/" + id), HttpStatusCode.NoContent);
        WriteApi.AssertProblem(await api.SendAsync(HttpMethod.Get, "/api/v1/drafts/" + id), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Accepting_a_figure_writes_it_through_the_ordinary_write_path_with_its_revision_and_change()
    {
        var draft = await DraftAsync();
        var item = Item(draft, i => i.Str("kind") == "figure" && i.GetProperty("record").GetProperty("value").GetDecimal() == 65600m);
        var n = item.GetProperty("n").GetInt32();
        var url = $"/api/v1/drafts/{draft.Str("id")}/items/{n}/accept";

        var accepted = await api.SendAsync(HttpMethod.Post, url, WriteApi.Body("""{"reportedBy": {"id": "dhs"}, "periodStart": "2025-01-20", "periodEnd": "2025-04-29"}""", "application/merge-patch+json"));
        WriteApi.AssertStatus(accepted, HttpStatusCode.Created);
        Assert.Equal("figure", accepted.Json.Str("kind"));
        var figure = accepted.Json.GetProperty("figure");
        var figureId = figure.Str("id")!;
        Assert.Equal(figureId, accepted.Json.Str("recordId"));
        Assert.Equal($"/api/v1/figures/{figureId}", accepted.Location);
        Assert.Equal(65600m, figure.GetProperty("value").GetDecimal());
        Assert.Equal("dhs", figure.GetProperty("reportedBy").Str("id"));
        Assert.Equal(item.Str("excerpt"), figure.GetProperty("citations")[0].Str("excerpt"));

        var revisions = await api.GetAsync($"/api/v1/figures/{figureId}/revisions");
        Assert.Equal(WriteApi.KeyName, revisions.Json.Items().Single().Str("keyName"));
        var feed = (await api.GetAsync("/api/v1/changes?limit=200")).Json;
        Assert.Contains(feed.Items(), c => c.Str("id") == figureId && c.Str("change") == "created");

        var stored = (await api.SendAsync(HttpMethod.Get, "/api/v1/drafts/" + draft.Str("id"))).Json;
        var marked = Item(stored, i => i.GetProperty("n").GetInt32() == n);
        Assert.Equal("accepted", marked.Str("state"));
        Assert.Equal(figureId, marked.Str("recordId"));
        Assert.Equal(WriteApi.KeyName, marked.Str("decidedBy"));

        var again = await api.SendAsync(HttpMethod.Post, url);
        Assert.Contains(figureId, WriteApi.AssertProblem(again, HttpStatusCode.Conflict).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_percentage_is_proposed_as_a_share_of_the_count_its_sentence_states_and_accepted_as_a_percentage()
    {
        // https://kgab.com/wyoming-sheriffs-office-statement-on-ice-detainees/ (issue 28)
        const string text = "With respect to “ICE holds” specifically, according to their annual operations report for Fiscal Year 2019, ICE removed or returned a total of 267,000 illegal immigrants.  Their Enforcement and Removal Operations arrested 143,000 individuals, more than 86% of whom had criminal convictions, pending criminal charges or previously issued final orders.";
        var draft = await DraftAsync(text: Text(text));
        var count = Item(draft, i => i.Str("kind") == "figure" && i.GetProperty("record").GetProperty("value").GetDecimal() == 143000m);
        var share = Item(draft, i => i.Str("kind") == "figure" && i.GetProperty("record").Str("unit") == "percent");
        var record = share.GetProperty("record");
        Assert.Equal((86m, "more_than", "FY2019"), (record.GetProperty("value").GetDecimal(), record.Str("valueQualifier"), record.Str("periodLabel")));
        Assert.Equal(count.GetProperty("n").GetInt32(), share.GetProperty("shareOf").GetInt32());
        Assert.Contains(share.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("143,000"));
        Assert.Equal(JsonValueKind.Null, count.GetProperty("shareOf").ValueKind);

        var url = $"/api/v1/drafts/{draft.Str("id")}/items/{share.GetProperty("n").GetInt32()}/accept";
        var accepted = await api.SendAsync(HttpMethod.Post, url, WriteApi.Body("""{"reportedBy": {"id": "ice"}}""", "application/merge-patch+json"));
        WriteApi.AssertStatus(accepted, HttpStatusCode.Created);
        var figure = accepted.Json.GetProperty("figure");
        Assert.Equal(("percent", 86m), (figure.Str("unit"), figure.GetProperty("value").GetDecimal()));
    }

    [Fact]
    public async Task An_accept_that_fails_the_checks_writes_nothing_and_leaves_the_item_proposed()
    {
        var draft = await DraftAsync();
        var n = Item(draft, i => i.Str("kind") == "figure").GetProperty("n").GetInt32();
        var url = $"/api/v1/drafts/{draft.Str("id")}/items/{n}/accept";

        var problem = await api.RefusedAsync(() => api.SendAsync(HttpMethod.Post, url,
            WriteApi.Body("""{"metric": "colour", "reportedBy": {"id": "dhs"}}""", "application/merge-patch+json")), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("metric", out _));
        var stored = (await api.SendAsync(HttpMethod.Get, "/api/v1/drafts/" + draft.Str("id"))).Json;
        Assert.Equal("proposed", Item(stored, i => i.GetProperty("n").GetInt32() == n).Str("state"));
    }

    [Fact]
    public async Task Accepting_with_an_idempotency_key_twice_writes_one_record()
    {
        var draft = await DraftAsync();
        var n = Item(draft, i => i.Str("kind") == "statement" && i.Str("label") == "Tom Homan").GetProperty("n").GetInt32();
        var url = $"/api/v1/drafts/{draft.Str("id")}/items/{n}/accept";
        async Task<HttpResponseMessage> SendAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Key);
            request.Headers.Add("Idempotency-Key", "accept-" + draft.Str("id"));
            return await api.Client.SendAsync(request);
        }
        using var first = await SendAsync();
        using var second = await SendAsync();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_rejected_item_is_kept_marked_and_cannot_be_accepted()
    {
        var draft = await DraftAsync();
        var n = draft.GetProperty("items")[0].GetProperty("n").GetInt32();
        var rejected = await api.SendAsync(HttpMethod.Post, $"/api/v1/drafts/{draft.Str("id")}/items/{n}/reject");
        WriteApi.AssertStatus(rejected, HttpStatusCode.OK);
        Assert.Equal("rejected", rejected.Json.Str("state"));
        Assert.Equal(draft.GetProperty("items")[0].GetProperty("record").GetRawText(), rejected.Json.GetProperty("record").GetRawText());
        await api.RefusedAsync(() => api.SendAsync(HttpMethod.Post, $"/api/v1/drafts/{draft.Str("id")}/items/{n}/accept"), HttpStatusCode.Conflict);
        var stored = (await api.SendAsync(HttpMethod.Get, "/api/v1/drafts/" + draft.Str("id"))).Json;
        Assert.Equal(1, stored.GetProperty("counts").GetProperty("rejected").GetInt32());
    }

    [Fact]
    public async Task A_statement_by_a_new_person_is_written_once_the_proposed_entity_is_accepted()
    {
        var source = await api.CreateIdAsync("sources", Make.Source(Make.Id("draft-src"), "A report on the agency"));
        const string text = "The agency released its figures on Monday. “We removed more than 5,000 people this spring,” said Acting Director Jordan Fairwell of the Test Bureau.";
        var draft = await DraftAsync(source, Text(text));
        var person = Item(draft, i => i.Str("kind") == "entity");
        Assert.Equal("Jordan Fairwell", person.Str("label"));
        var statement = Item(draft, i => i.Str("kind") == "statement" && i.GetProperty("record").Str("quoteType") == "direct");
        Assert.Equal("jordan-fairwell", statement.GetProperty("record").GetProperty("speaker").Str("id"));
        Assert.Contains(statement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("accept the entity item"));

        var url = $"/api/v1/drafts/{draft.Str("id")}/items";
        await api.RefusedAsync(() => api.SendAsync(HttpMethod.Post, $"{url}/{statement.GetProperty("n")}/accept"), HttpStatusCode.BadRequest);
        WriteApi.AssertStatus(await api.SendAsync(HttpMethod.Post, $"{url}/{person.GetProperty("n")}/accept",
            WriteApi.Body("""{"summary": "A synthetic official for tests."}""", "application/merge-patch+json")), HttpStatusCode.Created);
        var written = await api.SendAsync(HttpMethod.Post, $"{url}/{statement.GetProperty("n")}/accept");
        WriteApi.AssertStatus(written, HttpStatusCode.Created);
        Assert.Equal("We removed more than 5,000 people this spring", written.Json.GetProperty("statement").Str("text"));
    }

    [Fact]
    public async Task Offsets_count_code_points_as_citations_do()
    {
        var source = await api.CreateIdAsync("sources", Make.Source(Make.Id("draft-src")));
        const string text = "🇺🇸 Update: ICE said it removed 1,200 people in March 2024.";
        var draft = await DraftAsync(source, Text(text));
        var figure = Item(draft, i => i.Str("kind") == "figure");
        var location = figure.GetProperty("record").GetProperty("citations")[0].GetProperty("location");
        Assert.Equal(figure.Str("excerpt"), CodePoints(text, location.GetProperty("charStart").GetInt32(), location.GetProperty("charEnd").GetInt32()));
        Assert.Equal("1,200", CodePoints(text, figure.GetProperty("mentionStart").GetInt32(), figure.GetProperty("mentionEnd").GetInt32()));
    }

    [Fact]
    public async Task Bad_input_is_a_problem_and_writes_nothing()
    {
        var bare = await api.CreateIdAsync("sources", Make.Source(Make.Id("draft-bare")));
        await api.RefusedAsync(() => api.SendAsync(HttpMethod.Post, $"/api/v1/sources/{bare}/drafts"), HttpStatusCode.BadRequest); // no text, none stored
        await api.RefusedAsync(() => api.SendAsync(HttpMethod.Post, $"/api/v1/sources/{bare}/drafts", Text("   \n ")), HttpStatusCode.BadRequest);
        await api.RefusedAsync(() => api.SendAsync(HttpMethod.Post, $"/api/v1/sources/{bare}/drafts", Text("ICE removed 10 people.\u0001")), HttpStatusCode.BadRequest);
        await api.RefusedAsync(() => api.SendAsync(HttpMethod.Post, "/api/v1/sources/no-such-source/drafts", Text("ICE removed 10 people.")), HttpStatusCode.NotFound);
        await api.RefusedAsync(() => api.SendAsync(HttpMethod.Post, $"/api/v1/sources/{bare}/drafts", WriteApi.Body("{\"text\": \"x\"}", "application/json")), HttpStatusCode.UnsupportedMediaType);
        await api.RefusedAsync(() => api.SendAsync(HttpMethod.Post, $"/api/v1/sources/{bare}/drafts", Text(new string('a', 200_001))), HttpStatusCode.RequestEntityTooLarge);
        await api.RefusedAsync(() => api.SendAsync(HttpMethod.Post, $"/api/v1/sources/{bare}/drafts", Text("ICE removed 10 people."), withKey: false), HttpStatusCode.Unauthorized);
        await api.RefusedAsync(() => api.SendAsync(HttpMethod.Post, "/api/v1/drafts/draft-000000000000/items/1/accept"), HttpStatusCode.NotFound);
        var draft = await DraftAsync();
        await api.RefusedAsync(() => api.SendAsync(HttpMethod.Post, $"/api/v1/drafts/{draft.Str("id")}/items/9999/accept"), HttpStatusCode.NotFound);
        await api.RefusedAsync(() => api.SendAsync(HttpMethod.Post, $"/api/v1/drafts/{draft.Str("id")}/items/1/accept", WriteApi.Body("[1]", "application/json")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Drafts_are_read_with_a_key_only_and_never_kept_by_caches()
    {
        var draft = await DraftAsync();
        using var anonymous = await api.Client.GetAsync("/api/v1/drafts/" + draft.Str("id"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var read = await api.SendAsync(HttpMethod.Get, "/api/v1/drafts/" + draft.Str("id"));
        WriteApi.AssertStatus(read, HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/drafts");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Key);
        using var response = await api.Client.SendAsync(request);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Every_bundled_source_text_is_stored_for_drafting()
    {
        using var connection = factory.OpenDatabase();
        var stored = connection.ExecuteScalar<string>("select text from source_texts where source_id = @id", new { id = Article });
        Assert.Equal(ArticleText, stored);
    }
}
