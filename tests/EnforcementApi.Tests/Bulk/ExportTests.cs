using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Tests.Bulk;

/// <summary>
/// <c>GET /api/v1/export/{resource}</c> as NDJSON and CSV, <c>/export/citations</c> and the database
/// download: the same records the lists serve, the same filters, RFC 4180 with formulas neutralised, and
/// an export that an empty database imports into the same records.
/// </summary>
public sealed class ExportTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory);

    async Task<(HttpResponseMessage Response, string Body)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response, await response.Content.ReadAsStringAsync());
    }

    static List<JsonObject> Lines(string ndjson) =>
        ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    [Theory]
    [InlineData("sources", "source")]
    [InlineData("entities", "entity")]
    [InlineData("events", "event")]
    [InlineData("figures", "figure")]
    [InlineData("statements", "statement")]
    public async Task Ndjson_has_every_record_the_list_has_each_as_get_serves_it_with_its_type(string resource, string type)
    {
        var (response, body) = await GetAsync(api.Client, $"/api/v1/export/{resource}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString());

        var lines = Lines(body);
        Assert.Equal((await api.ListIdsAsync($"/api/v1/{resource}")).Order(), lines.Select(l => l["id"]!.GetValue<string>()).Order());
        foreach (var line in lines)
        {
            Assert.Equal(type, line["type"]!.GetValue<string>());
            Assert.Equal("type", line.First().Key);
            line.Remove("type");
            JsonOf.AssertSame((await api.ReadAsync(resource, line["id"]!.GetValue<string>())).Node, line, $"exported {type}");
        }
    }

    [Fact]
    public async Task The_list_filters_select_what_is_exported_and_list_only_parameters_are_refused()
    {
        var (_, removals) = await GetAsync(api.Client, "/api/v1/export/figures?metric=removals");
        Assert.Equal((await api.ListIdsAsync("/api/v1/figures?metric=removals")).Order(), Lines(removals).Select(l => l["id"]!.GetValue<string>()).Order());
        Assert.NotEmpty(Lines(removals));

        foreach (var (query, parameter) in new[] { ("limit=5", "limit"), ("cursor=abc", "cursor"), ("count=true", "count"), ("facet=kind", "facet"),
                     ("fields=id", "fields"), ("format=xml", "format"), ("metric=no_such_metric", "metric"), ("speed=1", "speed") })
        {
            var (response, body) = await GetAsync(api.Client, "/api/v1/export/figures?" + query);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains($"\"{parameter}\"", body);
        }
    }

    [Fact]
    public async Task Csv_quotes_commas_quotes_and_newlines_and_neutralises_formulas()
    {
        var world = await World.CreateAsync(api);
        var id = Make.Id("test-csv-src");
        var source = Make.Source(id, "=HYPERLINK(\"http://example.org\",\"Test, \"\"quoted\"\" title\")");
        source["publisher"] = "Test Publisher\nSecond line";
        source["author"] = "+Test Author";
        await api.CreateAsync("sources", source);

        var (response, body) = await GetAsync(api.Client, "/api/v1/export/sources?format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var rows = Csv.Parse(body);
        Assert.Equal(["id", "kind", "title", "publisher", "url", "author", "publishedOn", "retrievedAt", "language"], rows[0]);
        var row = rows.Single(r => r[0] == id);
        Assert.Equal("'=HYPERLINK(\"http://example.org\",\"Test, \"\"quoted\"\" title\")", row[2]);
        Assert.Equal("Test Publisher\nSecond line", row[3]);
        Assert.Equal("'+Test Author", row[5]);
        Assert.Equal((await api.ListIdsAsync("/api/v1/sources")).Count, rows.Count - 1);
        Assert.Contains("\r\n", body);
        _ = world;
    }

    [Fact]
    public async Task Csv_of_figures_flattens_references_and_gives_the_first_citation_and_citations_csv_gives_them_all()
    {
        var (_, body) = await GetAsync(api.Client, "/api/v1/export/figures?format=csv&metric=removals&kind=actual");
        var rows = Csv.Parse(body);
        var header = rows[0].ToList();
        var row = rows.Single(r => r[0] == "dhs-removals-first-100-days");
        string Cell(string column) => row[header.IndexOf(column)];
        Assert.Equal("65600", Cell("value"));
        Assert.Equal("dhs", Cell("reportedBy.id"));
        Assert.Equal("Department of Homeland Security", Cell("reportedBy.name"));
        Assert.Equal("1", Cell("citationCount"));
        Assert.Equal("article-ice-leadership-shakeup", Cell("citation.sourceId"));
        Assert.Contains("65,600 deported", Cell("citation.excerpt"));

        var (response, citations) = await GetAsync(api.Client, "/api/v1/export/citations?format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var citationRows = Csv.Parse(citations);
        Assert.Equal(["recordType", "recordId", "sourceId", "sourceTitle", "excerpt", "charStart", "charEnd", "page", "paragraph"], citationRows[0]);
        using var connection = factory.OpenDatabase();
        Assert.Equal(connection.ExecuteScalar<long>("select count(*) from citations"), citationRows.Count - 1);
        Assert.Contains(citationRows, r => r[0] == "figure" && r[1] == "dhs-removals-first-100-days" && r[5] == "1146" && r[6] == "1287");
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Client.GetAsync("/api/v1/export/citations?format=ndjson")).StatusCode);
    }

    [Fact]
    public async Task An_ndjson_export_imported_into_an_empty_database_gives_the_same_records()
    {
        // Records of every kind beyond the bundled ones, including an organization inside another and a
        // person with a role, so the entities' order matters.
        var world = await World.CreateAsync(api);
        foreach (var resource in World.Resources.Where(r => r != "sources"))
            await api.CreateAsync(resource, world.Body(resource, Make.Id("test-roundtrip-" + resource), Make.Word()));

        var exported = new StringBuilder();
        foreach (var resource in World.Resources)
            exported.Append((await GetAsync(api.Client, $"/api/v1/export/{resource}")).Body);

        await using var empty = new ApiFactory();
        using (var connection = empty.OpenDatabase())
            connection.Execute("""
                delete from citations; delete from statements; delete from figures; delete from event_participants; delete from events;
                delete from entity_roles; update entities set parent_id = null; delete from entities; delete from sources;
                delete from revisions; delete from deleted_records;
                """);
        var target = WriteApi.For(empty);
        var reply = await target.SendAsync(HttpMethod.Post, "/api/v1/import", WriteApi.Body(exported.ToString(), "application/x-ndjson"));
        WriteApi.AssertStatus(reply, HttpStatusCode.OK);

        foreach (var resource in World.Resources)
        {
            var (_, before) = await GetAsync(api.Client, $"/api/v1/export/{resource}");
            var (_, after) = await GetAsync(target.Client, $"/api/v1/export/{resource}");
            Assert.Equal(before, after);
        }
    }

    [Fact]
    public async Task The_database_download_is_a_consistent_copy_without_keys()
    {
        var world = await World.CreateAsync(api);
        var response = await api.Client.GetAsync("/api/v1/dataset.sqlite");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.sqlite3", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("SQLite format 3\0", Encoding.ASCII.GetString(bytes, 0, 16));

        var path = TempDatabase.NewPath();
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            using var copy = new SqliteConnection($"Data Source={path};Pooling=False");
            copy.Open();
            Assert.Equal("ok", copy.ExecuteScalar<string>("pragma integrity_check"));
            Assert.Equal(0, copy.ExecuteScalar<long>("select count(*) from api_keys"));
            Assert.Equal(0, copy.ExecuteScalar<long>("select count(*) from idempotency_keys"));
            Assert.Equal(1, copy.ExecuteScalar<long>("select count(*) from sources where id = @id", new { id = world.Source }));
            using var live = factory.OpenDatabase();
            Assert.Equal(live.ExecuteScalar<long>("select count(*) from figures"), copy.ExecuteScalar<long>("select count(*) from figures"));
            var hash = live.ExecuteScalar<byte[]>("select secret_hash from api_keys limit 1")!;
            Assert.Equal(-1, bytes.AsSpan().IndexOf(hash));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDatabase.Delete(path);
        }
    }
}

/// <summary>A small RFC 4180 reader for checking exports: quoted fields, doubled quotes, CRLF records.</summary>
public static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString()); field.Clear();
                rows.Add([.. row]); row.Clear();
                i++;
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add([.. row]); }
        return rows;
    }
}
