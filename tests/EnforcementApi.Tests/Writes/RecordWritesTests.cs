using System.Net;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Writes;

/// <summary>
/// What every writable resource does alike: POST creates and answers what GET then serves, ids are
/// given or made and never reused, GET's body can be PUT back as is, unknown and deleted ids are 404 and
/// 410, and a deletion takes the record out of every list and search but keeps its history.
/// </summary>
public sealed class RecordWritesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory);

    public static TheoryData<string> Resources => new(World.Resources);

    [Theory, MemberData(nameof(Resources))]
    public async Task Post_answers_201_with_location_and_etag_and_the_record_that_get_then_serves(string resource)
    {
        var world = await World.CreateAsync(api);
        var id = Make.Id("test-" + resource);
        var body = world.Body(resource, id, Make.Word());

        var created = await api.CreateAsync(resource, body);

        Assert.Equal($"/api/v1/{resource}/{id}", created.Location);
        Assert.False(string.IsNullOrEmpty(created.ETag), $"POST /api/v1/{resource} has no ETag");
        Assert.Equal("application/json", created.MediaType);
        Assert.Equal(id, created.Json.Str("id"));
        JsonOf.AssertIncludes(body, created.Node, $"POST /api/v1/{resource}");

        var read = await api.ReadAsync(resource, id);
        JsonOf.AssertSame(created.Node, read.Node, $"GET /api/v1/{resource}/{id} after POST");
        Assert.Equal(created.ETag, read.ETag);
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task Post_without_an_id_makes_a_slug_from_the_records_words_then_adds_2_then_a_drawn_suffix_when_taken(string resource)
    {
        var world = await World.CreateAsync(api);
        var word = Make.Word();
        var slug = resource switch
        {
            "sources" => $"test-report-on-{word}",
            "entities" => $"test-{word}-official",
            "events" => $"test-{word}-announcement",
            "figures" => $"removals-period-{word}",
            _ => $"{world.Person}-we-counted-the-{word}-cases",
        };
        var body = world.Body(resource, null, word);
        body.Remove("id");

        var first = await api.CreateAsync(resource, body);
        Assert.Equal(slug, first.Json.Str("id"));
        Assert.Equal($"/api/v1/{resource}/{slug}", first.Location);

        var second = await api.CreateAsync(resource, body);
        Assert.Equal(slug + "-2", second.Json.Str("id"));

        // After the slug and -2, a suffix drawn at random: no probing of -3, -4, … however many share the words.
        // A deleted record's id stays taken.
        await api.RemoveAsync(resource, slug + "-2");
        var ids = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            var next = await api.CreateAsync(resource, body);
            var id = next.Json.Str("id")!;
            Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(slug) + "-[a-km-np-z2-9]{8}$", id);
            Assert.True(ids.Add(id), $"{id} was given twice");
            await api.ReadAsync(resource, id);
        }
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task Post_with_an_id_in_use_is_a_409_problem_and_writes_nothing(string resource)
    {
        var world = await World.CreateAsync(api);
        var id = Make.Id("test-" + resource);
        var original = (await api.CreateAsync(resource, world.Body(resource, id, Make.Word()))).Node;

        var problem = await api.RefusedAsync(() => api.PostAsync(resource, World.Changed(resource, world.Body(resource, id, Make.Word()))), HttpStatusCode.Conflict);
        Assert.Contains(id, problem.Str("detail"));
        JsonOf.AssertSame(original, (await api.ReadAsync(resource, id)).Node, "the record after a refused POST with its id");
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task Post_with_the_id_of_a_deleted_record_is_a_409_problem_and_writes_nothing(string resource)
    {
        var world = await World.CreateAsync(api);
        var id = Make.Id("test-" + resource);
        await api.CreateAsync(resource, world.Body(resource, id, Make.Word()));
        await api.RemoveAsync(resource, id);

        await api.RefusedAsync(() => api.PostAsync(resource, world.Body(resource, id, Make.Word())), HttpStatusCode.Conflict);
        WriteApi.AssertProblem(await api.GetAsync($"/api/v1/{resource}/{id}"), HttpStatusCode.Gone);
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task A_created_record_is_at_once_in_its_list_in_search_and_in_the_lists_q_search(string resource)
    {
        var world = await World.CreateAsync(api);
        var word = Make.Word();
        var id = Make.Id("test-" + resource);
        Assert.Empty(await api.SearchAsync(word));
        Assert.Empty(await api.ListIdsAsync($"/api/v1/{resource}?q={word}"));

        await api.CreateAsync(resource, world.Body(resource, id, word));

        Assert.Contains(id, await api.ListIdsAsync($"/api/v1/{resource}"));
        Assert.Equal([$"{World.TypeOf(resource)}:{id}"], await api.SearchAsync(word));
        Assert.Equal([id], await api.ListIdsAsync($"/api/v1/{resource}?q={word}"));
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task A_record_fetched_with_get_can_be_put_back_unchanged_and_only_its_etag_changes(string resource)
    {
        var world = await World.CreateAsync(api);
        var id = Make.Id("test-" + resource);
        await api.CreateAsync(resource, world.Body(resource, id, Make.Word()));
        var before = await api.ReadAsync(resource, id);

        // The body is GET's text exactly: derived fields (names, sourceTitle, a role's dates) included.
        var put = await api.SendAsync(HttpMethod.Put, $"/api/v1/{resource}/{id}", WriteApi.Body(before.Body, WriteApi.Json));
        WriteApi.AssertStatus(put, HttpStatusCode.OK);
        JsonOf.AssertSame(before.Node, put.Node, $"PUT of GET's body to /api/v1/{resource}/{id}");
        Assert.False(string.IsNullOrEmpty(put.ETag));
        Assert.NotEqual(before.ETag, put.ETag);

        var after = await api.ReadAsync(resource, id);
        JsonOf.AssertSame(before.Node, after.Node, $"GET /api/v1/{resource}/{id} after the PUT");
        Assert.Equal(put.ETag, after.ETag);
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task Put_with_another_id_in_the_body_is_a_400_naming_id_and_writes_nothing(string resource)
    {
        var world = await World.CreateAsync(api);
        var id = Make.Id("test-" + resource);
        var original = (await api.CreateAsync(resource, world.Body(resource, id, Make.Word()))).Node;

        var body = World.Changed(resource, original.AsObject());
        body["id"] = Make.Id("test-other");
        await api.InvalidAsync(() => api.PutAsync(resource, id, body), "id");
        JsonOf.AssertSame(original, (await api.ReadAsync(resource, id)).Node, "the record after the refused PUT");
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task Put_patch_and_delete_of_an_unknown_id_are_404_problems(string resource)
    {
        var world = await World.CreateAsync(api);
        var id = Make.Id("test-never");
        await api.RefusedAsync(() => api.PutAsync(resource, id, world.Body(resource, null, Make.Word())), HttpStatusCode.NotFound);
        await api.RefusedAsync(() => api.PatchAsync(resource, id, new JsonObject()), HttpStatusCode.NotFound);
        await api.RefusedAsync(() => api.DeleteAsync(resource, id), HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task Put_patch_and_delete_of_a_deleted_id_are_410_problems(string resource)
    {
        var world = await World.CreateAsync(api);
        var id = Make.Id("test-" + resource);
        await api.CreateAsync(resource, world.Body(resource, id, Make.Word()));
        await api.RemoveAsync(resource, id);

        await api.RefusedAsync(() => api.PutAsync(resource, id, world.Body(resource, null, Make.Word())), HttpStatusCode.Gone);
        await api.RefusedAsync(() => api.PatchAsync(resource, id, new JsonObject()), HttpStatusCode.Gone);
        await api.RefusedAsync(() => api.DeleteAsync(resource, id), HttpStatusCode.Gone);
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task Delete_answers_204_then_get_is_410_and_the_record_leaves_its_list_counts_facets_and_search_but_keeps_its_revisions(string resource)
    {
        var world = await World.CreateAsync(api);
        var word = Make.Word();
        var id = Make.Id("test-" + resource);
        var created = await api.CreateAsync(resource, world.Body(resource, id, word));
        var facet = World.FacetOf(resource);
        var facetValue = created.Json.Str(facet)!;
        var counted = $"/api/v1/{resource}?count=true&facet={facet}&limit=1";
        var before = await api.Client.GetJsonAsync(counted);
        Assert.Equal([$"{World.TypeOf(resource)}:{id}"], await api.SearchAsync(word));

        await api.RemoveAsync(resource, id);

        var gone = WriteApi.AssertProblem(await api.GetAsync($"/api/v1/{resource}/{id}"), HttpStatusCode.Gone);
        Assert.Contains(id, gone.Str("detail"));
        Assert.DoesNotContain(id, await api.ListIdsAsync($"/api/v1/{resource}"));
        var after = await api.Client.GetJsonAsync(counted);
        Assert.Equal(before.GetProperty("total").GetInt64() - 1, after.GetProperty("total").GetInt64());
        Assert.Equal(FacetCount(before, facet, facetValue) - 1, FacetCount(after, facet, facetValue));
        Assert.Empty(await api.SearchAsync(word));
        Assert.Empty(await api.ListIdsAsync($"/api/v1/{resource}?q={word}"));

        var revisions = (await api.Client.GetJsonAsync($"/api/v1/{resource}/{id}/revisions")).Items().ToList();
        Assert.Equal(["created", "deleted"], revisions.Select(r => r.Str("change")));
        JsonOf.AssertSame(created.Node, revisions[^1].GetProperty("record").Node(), "the deleted revision's record");
    }

    static long FacetCount(System.Text.Json.JsonElement page, string facet, string value) =>
        page.GetProperty("facets").GetProperty(facet).GetProperty("values").EnumerateArray()
            .Where(v => v.Str("value") == value).Select(v => v.GetProperty("count").GetInt64()).SingleOrDefault();
}
