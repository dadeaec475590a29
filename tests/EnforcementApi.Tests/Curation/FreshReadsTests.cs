using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Curation;

/// <summary>
/// A write shows in the very next read: lists, their totals and facet counts (cached by SQLite's data
/// version), GET by id and search; whether the API made the write or another connection did, in SQL.
/// </summary>
public sealed class FreshReadsTests : IClassFixture<ApiFactory>
{
    readonly ApiFactory factory;
    readonly HttpClient client;
    readonly string key;
    readonly string source;
    readonly string bureau;

    public FreshReadsTests(ApiFactory factory)
    {
        this.factory = factory;
        client = factory.CreateClient();
        key = factory.CreateKey(Make.Id("fresh-writer"));
        source = Make.Id("fresh-source");
        bureau = Make.Id("fresh-bureau");
        client.CreateAsync("sources", Make.Source(source), key).GetAwaiter().GetResult();
        client.CreateAsync("entities", Make.Organization(bureau), key).GetAwaiter().GetResult();
    }

    /// <summary>A made-up word of letters only, that no other record holds.</summary>
    static string Word() => "fresh" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).Select(c => (char)(c - 'a' + 'k')).ToArray()) + "word";

    const string Counted = "/api/v1/figures?count=true&facet=metric&facet=reportedBy&facet=source&limit=1";

    /// <summary>Reads the counted list twice, so that its total and facets are in the cache before a write.</summary>
    async Task<JsonElement> WarmAsync(string url)
    {
        await client.GetJsonAsync(url);
        return await client.GetJsonAsync(url);
    }

    static long Total(JsonElement page) => page.GetProperty("total").GetInt64();

    static long FacetCount(JsonElement page, string facet, string value) =>
        page.GetProperty("facets").GetProperty(facet).GetProperty("values").EnumerateArray()
            .Where(v => v.Str("value") == value).Select(v => v.GetProperty("count").GetInt64()).SingleOrDefault();

    async Task<List<string>> SearchAsync(string q) =>
        (await client.GetJsonAsync("/api/v1/search?q=" + Uri.EscapeDataString(q) + "&limit=200")).Items()
            .Select(h => h.Str("type") + ":" + h.Str("id")).ToList();

    [Fact]
    public async Task A_create_update_and_delete_through_the_api_show_in_the_very_next_read()
    {
        var word = Word();
        var before = await WarmAsync(Counted);
        var mine = $"/api/v1/figures?reportedBy={bureau}&count=true&facet=metric&facet=kind";
        Assert.Equal(0, Total(await WarmAsync(mine)));
        Assert.Empty(await SearchAsync(word));

        // Created
        var created = await client.CreateAsync("figures", Make.Figure(null, source, bureau, 123, word), key);
        var id = created.Str("id")!;
        var counted = await client.GetJsonAsync(Counted);
        Assert.Equal(Total(before) + 1, Total(counted));
        Assert.Equal(FacetCount(before, "metric", "removals") + 1, FacetCount(counted, "metric", "removals"));
        Assert.Equal(1, FacetCount(counted, "reportedBy", bureau));
        Assert.Equal(FacetCount(before, "source", source) + 1, FacetCount(counted, "source", source));
        var listed = await client.GetJsonAsync(mine);
        Assert.Equal(1, Total(listed));
        Assert.Equal([id], listed.Ids());
        Assert.Equal(1, FacetCount(listed, "kind", "actual"));
        Assert.Equal(123, (await client.GetJsonAsync($"/api/v1/figures/{id}")).GetProperty("value").GetDecimal());
        Assert.Equal([$"figure:{id}"], await SearchAsync(word));
        Assert.Equal(1, Total(await client.GetJsonAsync($"/api/v1/figures?q={word}&count=true")));

        // Updated (PATCH): another metric, value and word.
        var newWord = Word();
        await client.ChangeAsync("figures", id, new JsonObject { ["metric"] = "arrests", ["value"] = 456, ["statedAs"] = newWord, ["citations"] = Make.Cite(source, newWord) }, key);
        counted = await client.GetJsonAsync(Counted);
        Assert.Equal(Total(before) + 1, Total(counted));
        Assert.Equal(FacetCount(before, "metric", "removals"), FacetCount(counted, "metric", "removals"));
        Assert.Equal(FacetCount(before, "metric", "arrests") + 1, FacetCount(counted, "metric", "arrests"));
        listed = await client.GetJsonAsync(mine);
        Assert.Equal(1, FacetCount(listed, "metric", "arrests"));
        Assert.Equal(0, FacetCount(listed, "metric", "removals"));
        Assert.Equal(456, listed.Items().Single().GetProperty("value").GetDecimal());
        Assert.Equal(456, (await client.GetJsonAsync($"/api/v1/figures/{id}")).GetProperty("value").GetDecimal());
        Assert.Empty(await SearchAsync(word));
        Assert.Equal([$"figure:{id}"], await SearchAsync(newWord));

        // Replaced (PUT): back to removals, with a third word.
        var thirdWord = Word();
        await client.ReplaceAsync("figures", id, Make.Figure(null, source, bureau, 789, thirdWord), key);
        counted = await client.GetJsonAsync(Counted);
        Assert.Equal(FacetCount(before, "metric", "removals") + 1, FacetCount(counted, "metric", "removals"));
        Assert.Equal(FacetCount(before, "metric", "arrests"), FacetCount(counted, "metric", "arrests"));
        Assert.Equal(789, (await client.GetJsonAsync(mine)).Items().Single().GetProperty("value").GetDecimal());
        Assert.Empty(await SearchAsync(newWord));
        Assert.Equal([$"figure:{id}"], await SearchAsync(thirdWord));

        // Deleted
        await client.RemoveAsync("figures", id, key);
        counted = await client.GetJsonAsync(Counted);
        Assert.Equal(Total(before), Total(counted));
        Assert.Equal(0, FacetCount(counted, "reportedBy", bureau));
        Assert.Equal(FacetCount(before, "source", source), FacetCount(counted, "source", source));
        listed = await client.GetJsonAsync(mine);
        Assert.Equal(0, Total(listed));
        Assert.Empty(listed.Items());
        await client.GetProblemAsync($"/api/v1/figures/{id}", HttpStatusCode.Gone);
        Assert.Empty(await SearchAsync(thirdWord));
        Assert.Equal(0, Total(await client.GetJsonAsync($"/api/v1/figures?q={thirdWord}&count=true")));
    }

    [Fact]
    public async Task Every_one_of_many_writes_in_a_row_shows_in_the_next_count_and_facet()
    {
        var url = $"/api/v1/statements?speaker={bureau}&count=true&facet=speaker&facet=source&limit=1";
        var expected = Total(await WarmAsync(url));
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            if (i % 4 == 3)
            {
                await client.RemoveAsync("statements", ids[^1], key);
                ids.RemoveAt(ids.Count - 1);
                expected--;
            }
            else
            {
                ids.Add((await client.CreateAsync("statements", Make.Statement(null, source, bureau, $"Synthetic fresh words number {i}."), key)).Str("id")!);
                expected++;
            }
            var page = await client.GetJsonAsync(url);
            Assert.Equal(expected, Total(page));
            Assert.Equal(expected, FacetCount(page, "speaker", bureau));
            Assert.Equal(expected, FacetCount(page, "source", source));
        }
    }

    [Fact]
    public async Task A_write_made_directly_in_sql_by_another_connection_shows_in_the_very_next_read()
    {
        var id = Make.Id("fresh-sql-figure");
        var word = Word();
        var before = await WarmAsync(Counted);
        var mine = $"/api/v1/figures?reportedBy={bureau}&metric=book_ins&count=true&facet=kind";
        var mineBefore = await WarmAsync(mine);
        await client.GetProblemAsync($"/api/v1/figures/{id}", HttpStatusCode.NotFound);

        using (var connection = factory.OpenDatabase())
        {
            using var transaction = connection.BeginTransaction();
            connection.Execute("""
                insert into figures (id, metric, kind, value, value_qualifier, unit, period_start, period_end, period_label, scope, reported_by, stated_as)
                values (@id, 'book_ins', 'estimate', 321, 'exact', 'people', '2024-06-01', '2024-06-30', 'June 2024', 'US', @bureau, @word)
                """, new { id, bureau, word }, transaction);
            connection.Execute("insert into citations (source_id, record_type, record_id, excerpt) values (@source, 'figure', @id, @excerpt)",
                new { source, id, excerpt = "321 " + word }, transaction);
            transaction.Commit();
        }

        var counted = await client.GetJsonAsync(Counted);
        Assert.Equal(Total(before) + 1, Total(counted));
        Assert.Equal(FacetCount(before, "metric", "book_ins") + 1, FacetCount(counted, "metric", "book_ins"));
        Assert.Equal(FacetCount(before, "reportedBy", bureau) + 1, FacetCount(counted, "reportedBy", bureau));
        var listed = await client.GetJsonAsync(mine);
        Assert.Equal(Total(mineBefore) + 1, Total(listed));
        Assert.Equal(FacetCount(mineBefore, "kind", "estimate") + 1, FacetCount(listed, "kind", "estimate"));
        Assert.Contains(id, listed.Ids());
        Assert.Equal(321, (await client.GetJsonAsync($"/api/v1/figures/{id}")).GetProperty("value").GetDecimal());
        Assert.Equal([$"figure:{id}"], await SearchAsync(word));

        var newWord = Word();
        using (var connection = factory.OpenDatabase())
            connection.Execute("update figures set kind = 'actual', value = 654, stated_as = @newWord where id = @id", new { id, newWord });

        listed = await client.GetJsonAsync(mine);
        Assert.Equal(FacetCount(mineBefore, "kind", "estimate"), FacetCount(listed, "kind", "estimate"));
        Assert.Equal(FacetCount(mineBefore, "kind", "actual") + 1, FacetCount(listed, "kind", "actual"));
        Assert.Equal(654, (await client.GetJsonAsync($"/api/v1/figures/{id}")).GetProperty("value").GetDecimal());
        Assert.Equal([$"figure:{id}"], await SearchAsync(newWord));

        using (var connection = factory.OpenDatabase())
        {
            using var transaction = connection.BeginTransaction();
            connection.Execute("delete from citations where record_type = 'figure' and record_id = @id", new { id }, transaction);
            connection.Execute("delete from figures where id = @id", new { id }, transaction);
            transaction.Commit();
        }

        counted = await client.GetJsonAsync(Counted);
        Assert.Equal(Total(before), Total(counted));
        Assert.Equal(FacetCount(before, "reportedBy", bureau), FacetCount(counted, "reportedBy", bureau));
        Assert.Equal(Total(mineBefore), Total(await client.GetJsonAsync(mine)));
        await client.GetProblemAsync($"/api/v1/figures/{id}", HttpStatusCode.NotFound);
        Assert.Empty(await SearchAsync(newWord));
    }

    [Fact]
    public async Task A_change_to_a_source_in_sql_shows_in_the_next_source_list_facet_and_search()
    {
        var url = "/api/v1/sources?count=true&facet=kind&limit=1";
        var before = await WarmAsync(url);
        var word = Word();

        using (var connection = factory.OpenDatabase())
            connection.Execute("update sources set kind = 'court_filing', title = @title where id = @source", new { source, title = "Synthetic filing " + word });

        var after = await client.GetJsonAsync(url);
        Assert.Equal(Total(before), Total(after));
        Assert.Equal(FacetCount(before, "kind", "report") - 1, FacetCount(after, "kind", "report"));
        Assert.Equal(FacetCount(before, "kind", "court_filing") + 1, FacetCount(after, "kind", "court_filing"));
        Assert.Equal("court_filing", (await client.GetJsonAsync($"/api/v1/sources/{source}")).Str("kind"));
        Assert.Equal([$"source:{source}"], await SearchAsync(word));
    }
}
