using System.Net;
using Dapper;
using System.Text;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Hardening;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;

namespace EnforcementApi.Tests.Bulk;

/// <summary>
/// <c>POST /api/v1/import</c>: NDJSON lines applied in order in one transaction, each checked as a write;
/// a bad line and nothing is written; every record written has a revision, is in the change feed, the
/// lists and search.
/// </summary>
public sealed class ImportTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    const string Ndjson = "application/x-ndjson";
    readonly WriteApi api = WriteApi.For(factory);

    Task<Reply> ImportAsync(string lines, string query = "", string? contentType = Ndjson, bool withKey = true) =>
        api.SendAsync(HttpMethod.Post, "/api/v1/import" + query, WriteApi.Body(lines, contentType), withKey: withKey);

    static string Line(string type, JsonObject body)
    {
        var line = new JsonObject { ["type"] = type };
        foreach (var (name, value) in body) line[name] = value?.DeepClone();
        return line.ToJsonString();
    }

    static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    [Fact]
    public async Task A_source_then_figures_citing_it_are_created_in_order_with_revisions_feed_lists_and_search()
    {
        var source = Make.Id("test-import-src");
        var figures = Enumerable.Range(1, 3).Select(i => Make.Id("test-import-fig")).ToList();
        var word = Make.Word();
        var reply = await ImportAsync(Lines([
            Line("source", Make.Source(source, $"Test import bulletin {word}")),
            .. figures.Select(id => Line("figure", Make.Figure(id, source, "dhs", 42, statedAs: "tallied"))),
        ]));

        WriteApi.AssertStatus(reply, HttpStatusCode.OK);
        var counts = reply.Json;
        Assert.False(counts.GetProperty("dryRun").GetBoolean());
        Assert.Equal(4, counts.GetProperty("records").GetInt32());
        Assert.Equal(1, counts.GetProperty("created").GetProperty("source").GetInt32());
        Assert.Equal(3, counts.GetProperty("created").GetProperty("figure").GetInt32());
        Assert.Equal(0, counts.GetProperty("replaced").GetProperty("figure").GetInt32());

        Assert.Equal(figures.Order(), (await api.ListIdsAsync($"/api/v1/figures?source={source}")).Order());
        Assert.Contains($"source:{source}", await api.SearchAsync(word));
        var revisions = await api.Client.GetJsonAsync($"/api/v1/figures/{figures[0]}/revisions");
        var revision = Assert.Single(revisions.Items());
        Assert.Equal("created", revision.Str("change"));
        Assert.Equal(WriteApi.KeyName, revision.Str("keyName"));

        var feed = new List<string>();
        string? cursor = null;
        do
        {
            var page = await api.Client.GetJsonAsync("/api/v1/changes?limit=200" + (cursor is null ? "" : "&since=" + Uri.EscapeDataString(cursor)));
            feed.AddRange(page.Items().Select(c => c.Str("type") + ":" + c.Str("id")));
            cursor = page.Items().Any() ? page.Str("nextCursor") : null;
        } while (cursor is not null);
        Assert.Contains($"source:{source}", feed);
        Assert.All(figures, id => Assert.Contains($"figure:{id}", feed));
    }

    [Fact]
    public async Task Lines_without_ids_that_share_their_words_each_get_an_id_of_their_own_served_as_written()
    {
        var world = await World.CreateAsync(api);
        var source = Make.Id("test-import-noid");
        var word = Make.Word();
        var lines = new List<string> { Line("source", Make.Source(source, $"Test import bulletin {word}")) };
        for (var i = 0; i < 20; i++)
        {
            var figure = Make.Figure("unused", source, world.Agency, 1000 + i, periodLabel: "test period " + word);
            figure.Remove("id");
            lines.Add(Line("figure", figure));
        }

        var reply = await ImportAsync(Lines([.. lines]));
        WriteApi.AssertStatus(reply, HttpStatusCode.OK);
        Assert.Equal(20, reply.Json.GetProperty("created").GetProperty("figure").GetInt32());

        var ids = await api.ListIdsAsync($"/api/v1/figures?source={source}");
        Assert.Equal(20, ids.Distinct().Count());
        // The first two read as the slug and the slug with -2; the rest are numbered after a tag the import drew once.
        var slug = ids.OrderBy(id => id.Length).First();
        Assert.Contains(slug + "-2", ids);
        var numbered = ids.Where(id => id != slug && id != slug + "-2").ToList();
        var tag = Assert.Single(numbered.Select(id => id[..id.LastIndexOf('-')]).Distinct());
        Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(slug) + "-[a-km-np-z2-9]{4}$", tag);
        Assert.Equal(Enumerable.Range(1, 18).Select(n => $"{tag}-{n}").Order(), numbered.Order());
        foreach (var id in ids)
        {
            var read = await api.ReadAsync("figures", id);
            Assert.Equal(id, read.Json.Str("id"));
            var revision = Assert.Single((await api.Client.GetJsonAsync($"/api/v1/figures/{id}/revisions")).Items());
            Assert.Equal(id, revision.GetProperty("record").Str("id"));
        }

        // A second import of the same words draws another tag: no id is made twice.
        var again = await ImportAsync(Lines([.. lines.Skip(1)]));
        WriteApi.AssertStatus(again, HttpStatusCode.OK);
        Assert.Equal(20, again.Json.GetProperty("created").GetProperty("figure").GetInt32());
        var all = await api.ListIdsAsync($"/api/v1/figures?source={source}");
        Assert.Equal(40, all.Distinct().Count());
        Assert.DoesNotContain(all.Except(ids), id => id.StartsWith(tag + "-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_line_whose_id_exists_replaces_that_record_with_a_new_revision()
    {
        var world = await World.CreateAsync(api);
        var id = Make.Id("test-import-replace");
        await api.CreateAsync("figures", Make.Figure(id, world.Source, world.Agency, 100));

        var reply = await ImportAsync(Lines(Line("figure", Make.Figure(id, world.Source, world.Agency, 250))));
        WriteApi.AssertStatus(reply, HttpStatusCode.OK);
        Assert.Equal(1, reply.Json.GetProperty("replaced").GetProperty("figure").GetInt32());
        Assert.Equal(0, reply.Json.GetProperty("created").GetProperty("figure").GetInt32());

        Assert.Equal(250m, (await api.ReadAsync("figures", id)).Json.GetProperty("value").GetDecimal());
        var revisions = (await api.Client.GetJsonAsync($"/api/v1/figures/{id}/revisions")).Items().ToList();
        Assert.Equal(["created", "updated"], revisions.Select(r => r.Str("change")));
    }

    [Fact]
    public async Task Search_follows_an_import_and_every_later_write_whether_the_import_succeeded_or_failed()
    {
        var world = await World.CreateAsync(api);
        var speaker = Make.Id("test-import-speaker");
        var statement = Make.Id("test-import-statement");
        var (oldName, newName) = (Make.Word(), Make.Word());
        await api.CreateAsync("entities", Make.Person(speaker, $"Test {oldName} Speaker"));
        await api.CreateAsync("statements", Make.Statement(statement, world.Source, speaker));
        Assert.Contains($"statement:{statement}", await api.SearchAsync(oldName));

        // Renaming the speaker by import re-indexes the statement, found by its speaker's name.
        var reply = await ImportAsync(Lines(Line("entity", Make.Person(speaker, $"Test {newName} Speaker"))));
        WriteApi.AssertStatus(reply, HttpStatusCode.OK);
        Assert.Contains($"statement:{statement}", await api.SearchAsync(newName));
        Assert.DoesNotContain($"statement:{statement}", await api.SearchAsync(oldName));

        // A failed import leaves the index as it was and the triggers in place for ordinary writes.
        var failed = await ImportAsync(Lines(Line("source", Make.Source(Make.Id("test-import-fail"), $"Test {Make.Word()} bulletin")), "not json"));
        WriteApi.AssertProblem(failed, HttpStatusCode.BadRequest);
        var later = Make.Word();
        var source = await api.CreateIdAsync("sources", Make.Source(Make.Id("test-after-import"), $"Test {later} bulletin"));
        Assert.Contains($"source:{source}", await api.SearchAsync(later));
        using var connection = api.OpenDatabase();
        Assert.Equal(18, connection.ExecuteScalar<long>(connection is Microsoft.Data.Sqlite.SqliteConnection
            ? "select count(*) from sqlite_master where type = 'trigger' and name like '%search%' and tbl_name <> 'search_refresh' and tbl_name <> 'metrics'"
            : "select count(distinct tgname) from pg_trigger where not tgisinternal and tgname like '%search%' and tgrelid::regclass::text not in ('search_refresh', 'metrics')"));
        Assert.Equal(0, connection.ExecuteScalar<long>("select count(*) from search_refresh"));
    }

    [Fact]
    public async Task A_dry_run_checks_everything_and_writes_nothing()
    {
        var before = api.Rows();
        var source = Make.Id("test-import-dry");
        var reply = await ImportAsync(Lines(Line("source", Make.Source(source)), Line("figure", Make.Figure(null, source, "dhs"))), "?dryRun=true");

        WriteApi.AssertStatus(reply, HttpStatusCode.OK);
        Assert.True(reply.Json.GetProperty("dryRun").GetBoolean());
        Assert.Equal(1, reply.Json.GetProperty("created").GetProperty("figure").GetInt32());
        Assert.Equal(before, api.Rows());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/sources/{source}")).Status);
    }

    [Fact]
    public async Task Bad_lines_are_listed_by_number_with_their_field_errors_and_nothing_is_written()
    {
        var before = api.Rows();
        var source = Make.Id("test-import-bad");
        var badFigure = Make.Figure(null, source, "test-no-such-entity", 5);
        badFigure["value"] = -1;
        badFigure["citations"]![0]!["excerpt"] = "";
        var reply = await ImportAsync(Lines(
            Line("source", Make.Source(source)),
            "not json",
            """{"type": "planet", "id": "x"}""",
            """{"id": "no-type"}""",
            "[1, 2]",
            "",
            Line("figure", badFigure),
            Line("figure", Make.Figure(null, "test-no-such-source", "dhs"))));

        var problem = WriteApi.AssertProblem(reply, HttpStatusCode.BadRequest);
        Assert.Equal(6, problem.GetProperty("badLines").GetInt32());
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Equal(
            ["lines[2]", "lines[3].type", "lines[4].type", "lines[5]", "lines[7].citations[0].excerpt", "lines[7].reportedBy.id", "lines[7].value",
             "lines[8].citations[0].sourceId"],
            errors.Order(StringComparer.Ordinal));
        Assert.Equal(before, api.Rows());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/sources/{source}")).Status);
    }

    [Fact]
    public async Task Over_a_hundred_bad_lines_are_capped_in_the_answer_with_the_total_count()
    {
        var reply = await ImportAsync(Lines([.. Enumerable.Range(0, 150).Select(_ => """{"type": "figure"}""")]));
        var problem = WriteApi.AssertProblem(reply, HttpStatusCode.BadRequest);
        Assert.Equal(150, problem.GetProperty("badLines").GetInt32());
        var lines = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name.Split('.')[0]).Distinct().ToList();
        Assert.Equal(100, lines.Count);
        Assert.Contains("lines[100]", lines);
        Assert.DoesNotContain("lines[101]", lines);
    }

    [Fact]
    public async Task Invalid_utf8_and_lone_surrogates_are_bad_lines_not_500s()
    {
        var before = api.Rows();
        var bytes = Encoding.UTF8.GetBytes(Line("source", Make.Source(Make.Id("test-import-utf"), "Test X title")) + "\n")
            .Select(b => b == (byte)'X' ? (byte)0xFF : b).ToArray();
        var reply = await api.SendAsync(HttpMethod.Post, "/api/v1/import", WriteApi.Body(bytes, Ndjson));
        Assert.Contains("lines[1]", WriteApi.AssertProblem(reply, HttpStatusCode.BadRequest).GetProperty("errors").EnumerateObject().Select(e => e.Name));

        reply = await ImportAsync("""{"type": "source", "kind": "report", "title": "Test \ud800 lone", "language": "en"}""" + "\n");
        Assert.Contains("lines[1]", WriteApi.AssertProblem(reply, HttpStatusCode.BadRequest).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, api.Rows());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData(null)]
    [InlineData("application/x-ndjson; charset=iso-8859-1")]
    public async Task A_wrong_content_type_is_a_415_problem(string? contentType)
    {
        WriteApi.AssertProblem(await ImportAsync(Lines(Line("source", Make.Source(null))), contentType: contentType), HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("?dryRun=yes", "dryRun")]
    [InlineData("?dryRun=", "dryRun")]
    [InlineData("?dry=true", "dry")]
    public async Task A_bad_parameter_is_a_400_problem(string query, string parameter)
    {
        var problem = WriteApi.AssertProblem(await ImportAsync(Lines(Line("source", Make.Source(null))), query), HttpStatusCode.BadRequest);
        Assert.Contains(parameter, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task No_key_is_a_401_and_nothing_is_written()
    {
        var before = api.Rows();
        var reply = await ImportAsync(Lines(Line("source", Make.Source(Make.Id("test-import-anon")))), withKey: false);
        WriteApi.AssertProblem(reply, HttpStatusCode.Unauthorized);
        Assert.Equal(before, api.Rows());
    }
}

/// <summary>The app with <c>Api:MaxImportBytes</c> of 4,096.</summary>
public sealed class SmallImportApiFactory() : ConfiguredApiFactory(new Dictionary<string, string> { ["Api:MaxImportBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) })
{
    public const int Limit = 4096;
}

/// <summary>An import over <c>Api:MaxImportBytes</c> is a 413 problem and writes nothing, however it is sent.</summary>
public sealed class ImportSizeLimitTests(SmallImportApiFactory factory) : IClassFixture<SmallImportApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory, factory.OpenDatabase);

    static string SourcesOf(int bytes)
    {
        var lines = new StringBuilder();
        while (lines.Length < bytes)
            lines.Append(new JsonObject { ["type"] = "source", ["kind"] = "report", ["title"] = "Test sized source " + lines.Length, ["language"] = "en" }.ToJsonString()).Append('\n');
        return lines.ToString();
    }

    [Fact]
    public async Task One_byte_over_the_limit_is_a_413_and_nothing_is_written()
    {
        var before = api.Rows();
        var text = SourcesOf(SmallImportApiFactory.Limit + 1);
        var reply = await api.SendAsync(HttpMethod.Post, "/api/v1/import", WriteApi.Body(text, "application/x-ndjson"));
        Assert.Contains("MaxImportBytes", WriteApi.AssertProblem(reply, HttpStatusCode.RequestEntityTooLarge).Str("detail"));
        Assert.Equal(before, api.Rows());

        WriteApi.AssertProblem(await api.SendAsync(HttpMethod.Post, "/api/v1/import", new UnsizedContent(text)), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, api.Rows());
    }

    [Fact]
    public async Task An_import_within_the_limit_is_written()
    {
        var text = SourcesOf(SmallImportApiFactory.Limit - 400);
        var reply = await api.SendAsync(HttpMethod.Post, "/api/v1/import", WriteApi.Body(text, "application/x-ndjson"));
        WriteApi.AssertStatus(reply, HttpStatusCode.OK);
        Assert.Equal(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, reply.Json.GetProperty("created").GetProperty("source").GetInt32());
    }

    /// <summary>A body that does not say its length, so the server has to count as it reads.</summary>
    sealed class UnsizedContent : HttpContent
    {
        readonly byte[] bytes;

        public UnsizedContent(string text)
        {
            bytes = Encoding.UTF8.GetBytes(text);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
