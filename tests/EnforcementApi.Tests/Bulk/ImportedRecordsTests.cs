using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;

namespace EnforcementApi.Tests.Bulk;

/// <summary>
/// What an import writes is what the ordinary writes would have written: each record's revision holds, byte
/// for byte, what GET serves; references that many lines repeat, and records that later lines of the same
/// file replace, come out as they would one write at a time.
/// </summary>
public sealed class ImportedRecordsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory);

    Task<Reply> ImportAsync(params JsonObject[] lines) =>
        api.SendAsync(HttpMethod.Post, "/api/v1/import",
            WriteApi.Body(string.Join("\n", lines.Select(l => l.ToJsonString())) + "\n", "application/x-ndjson"));

    static JsonObject Line(string type, JsonObject body)
    {
        var line = new JsonObject { ["type"] = type };
        foreach (var (name, value) in body) line[name] = value?.DeepClone();
        return line;
    }

    /// <summary>The record of the latest revision, as stored: the text the change feed and the revisions serve.</summary>
    string LatestRevision(string type, string id)
    {
        using var connection = api.OpenDatabase();
        return connection.ExecuteScalar<string>(
            "select record from revisions where record_type = @type and record_id = @id order by revision desc limit 1", new { type, id })!;
    }

    async Task AssertRevisionIsServedAsync(string resource, string type, string id)
    {
        var served = await api.ReadAsync(resource, id);
        Assert.Equal(served.Body, LatestRevision(type, id));
    }

    [Fact]
    public async Task Figures_whose_references_repeat_are_checked_and_stored_as_get_serves_them()
    {
        var (first, second) = (Make.Id("test-bulk-src-a"), Make.Id("test-bulk-src-b"));
        var office = Make.Id("test-bulk-office");
        var word = Make.Word();
        var figures = Enumerable.Range(0, 40).Select(i => Make.Id("test-bulk-fig")).ToList();
        var lines = new List<JsonObject>
        {
            Line("source", Make.Source(first, "Test bulk bulletin one")),
            Line("source", Make.Source(second, "Test bulk bulletin two")),
            Line("entity", Make.Organization(office, "Test Bulk Office")),
        };
        for (var i = 0; i < figures.Count; i++)
        {
            var figure = Make.Figure(figures[i], first, i % 2 == 0 ? "dhs" : office, 1000 + i + 0.25m, metric: i % 3 == 0 ? "arrests" : "removals",
                periodLabel: i % 4 == 0 ? null : "test period");
            figure["citations"]!.AsArray().Add(Make.Citation(second, $"{word} counted {i}", charStart: 7, paragraph: 3));
            if (i % 5 == 0) figure["statedAs"] = null;
            lines.Add(Line("figure", figure));
        }

        var reply = await ImportAsync([.. lines]);

        WriteApi.AssertStatus(reply, HttpStatusCode.OK);
        Assert.Equal(figures.Count, reply.Json.GetProperty("created").GetProperty("figure").GetInt32());
        foreach (var id in figures)
            await AssertRevisionIsServedAsync("figures", "figure", id);
        var reportedByOffice = await api.ReadAsync("figures", figures[1]);
        Assert.Equal("Test Bulk Office", reportedByOffice.Json.GetProperty("reportedBy").GetProperty("name").GetString());
        Assert.Equal(figures.Order(), (await api.ListIdsAsync($"/api/v1/figures?source={second}")).Order());
        Assert.Equal(figures.Select(id => "figure:" + id).Order(), (await api.SearchAsync(word)).Order());
    }

    [Fact]
    public async Task A_later_line_replaces_the_record_an_earlier_line_of_the_same_file_created()
    {
        var world = await World.CreateAsync(api);
        var id = Make.Id("test-bulk-twice");

        var reply = await ImportAsync(
            Line("figure", Make.Figure(id, world.Source, world.Agency, 10)),
            Line("figure", Make.Figure(id, world.Source, world.Agency, 20, statedAs: "recounted")));

        WriteApi.AssertStatus(reply, HttpStatusCode.OK);
        Assert.Equal(1, reply.Json.GetProperty("created").GetProperty("figure").GetInt32());
        Assert.Equal(1, reply.Json.GetProperty("replaced").GetProperty("figure").GetInt32());
        var served = await api.ReadAsync("figures", id);
        Assert.Equal(20m, served.Json.GetProperty("value").GetDecimal());
        var revisions = (await api.Client.GetJsonAsync($"/api/v1/figures/{id}/revisions")).Items().ToList();
        Assert.Equal(["created", "updated"], revisions.Select(r => r.Str("change")));
        Assert.Equal(10m, revisions[0].GetProperty("record").GetProperty("value").GetDecimal());
        await AssertRevisionIsServedAsync("figures", "figure", id);
        Assert.Contains($"figure:{id}", await api.SearchAsync("recounted"));
    }

    [Fact]
    public async Task A_reporter_renamed_and_a_source_retitled_part_way_through_a_file_show_in_the_figures_before_and_after()
    {
        var source = Make.Id("test-bulk-retitled");
        var office = Make.Id("test-bulk-renamed");
        var (before, after) = (Make.Id("test-bulk-before"), Make.Id("test-bulk-after"));

        var reply = await ImportAsync(
            Line("source", Make.Source(source, "Test old bulletin title")),
            Line("entity", Make.Organization(office, "Test Old Office Name")),
            Line("figure", Make.Figure(before, source, office, 5)),
            Line("entity", Make.Organization(office, "Test New Office Name")),
            Line("source", Make.Source(source, "Test new bulletin title")),
            Line("figure", Make.Figure(after, source, office, 6)));

        WriteApi.AssertStatus(reply, HttpStatusCode.OK);
        foreach (var id in new[] { before, after })
        {
            var served = (await api.ReadAsync("figures", id)).Json;
            Assert.Equal("Test New Office Name", served.GetProperty("reportedBy").GetProperty("name").GetString());
            Assert.Equal("Test new bulletin title", served.GetProperty("citations")[0].GetProperty("sourceTitle").GetString());
            await AssertRevisionIsServedAsync("figures", "figure", id);
        }
        Assert.Equal(["created", "updated", "updated"],
            (await api.Client.GetJsonAsync($"/api/v1/figures/{before}/revisions")).Items().Select(r => r.Str("change")));
        Assert.Contains($"figure:{before}", await api.SearchAsync("\"Test New Office Name\""));
    }

    [Fact]
    public async Task A_line_with_the_id_of_a_deleted_record_is_a_bad_line_and_nothing_is_written()
    {
        var world = await World.CreateAsync(api);
        var deleted = await api.CreateIdAsync("figures", Make.Figure(Make.Id("test-bulk-deleted"), world.Source, world.Agency));
        await api.RemoveAsync("figures", deleted);
        var rows = api.Rows();

        var reply = await ImportAsync(
            Line("figure", Make.Figure(Make.Id("test-bulk-fine"), world.Source, world.Agency)),
            Line("figure", Make.Figure(deleted, world.Source, world.Agency)));

        var problem = WriteApi.AssertProblem(reply, HttpStatusCode.BadRequest);
        Assert.Equal(["lines[2].id"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(rows, api.Rows());
    }
}
