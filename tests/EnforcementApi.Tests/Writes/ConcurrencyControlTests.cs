using System.Net;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Writes;

/// <summary>
/// ETags and conditional requests: every write gives the record a new ETag; If-Match with a stale ETag
/// is a 412 that changes nothing; the current ETag, <c>*</c> or no If-Match at all let the write happen;
/// and a GET with an ETag from before a write gets the new record.
/// </summary>
public sealed class ConcurrencyControlTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory);

    public static TheoryData<string> Resources => new(World.Resources);

    async Task<(World World, string Id, Reply Created)> CreateAsync(string resource)
    {
        var world = await World.CreateAsync(api);
        var id = Make.Id("test-" + resource);
        var created = await api.CreateAsync(resource, world.Body(resource, id, Make.Word()));
        return (world, id, created);
    }

    static JsonObject PatchOf(string resource, int n) => resource switch
    {
        "sources" => new JsonObject { ["title"] = $"Test title {n}" },
        "entities" => new JsonObject { ["summary"] = $"A synthetic official, version {n}." },
        "events" => new JsonObject { ["summary"] = $"A synthetic event, version {n}." },
        "figures" => new JsonObject { ["value"] = 1000 + n },
        _ => new JsonObject { ["text"] = $"Synthetic words, version {n}." },
    };

    [Theory, MemberData(nameof(Resources))]
    public async Task Every_write_gives_the_record_a_new_etag_even_one_that_changes_nothing(string resource)
    {
        var (_, id, created) = await CreateAsync(resource);
        var etags = new List<string> { created.ETag! };
        var current = (await api.ReadAsync(resource, id)).Node;

        var unchanged = await api.ReplaceAsync(resource, id, current);
        etags.Add(unchanged.ETag!);
        var emptyPatch = await api.ChangeAsync(resource, id, new JsonObject());
        etags.Add(emptyPatch.ETag!);
        var patched = await api.ChangeAsync(resource, id, PatchOf(resource, 1));
        etags.Add(patched.ETag!);
        var replaced = await api.ReplaceAsync(resource, id, current);
        etags.Add(replaced.ETag!);

        Assert.All(etags, e => Assert.False(string.IsNullOrEmpty(e)));
        Assert.Equal(etags.Count, etags.Distinct().Count());
        Assert.Equal(etags[^1], (await api.ReadAsync(resource, id)).ETag);
        JsonOf.AssertSame(current, replaced.Node, "the record PUT back to how it was");
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task A_write_with_a_stale_if_match_is_a_412_problem_and_changes_nothing(string resource)
    {
        var (world, id, created) = await CreateAsync(resource);
        var stale = created.ETag!;
        await api.ChangeAsync(resource, id, PatchOf(resource, 1));
        var now = await api.ReadAsync(resource, id);

        var body = World.Changed(resource, world.Body(resource, null, Make.Word()));
        var problem = await api.RefusedAsync(() => api.PutAsync(resource, id, body, stale), HttpStatusCode.PreconditionFailed);
        Assert.Contains("If-Match", problem.Str("detail"));
        await api.RefusedAsync(() => api.PatchAsync(resource, id, PatchOf(resource, 2), stale), HttpStatusCode.PreconditionFailed);
        await api.RefusedAsync(() => api.DeleteAsync(resource, id, stale), HttpStatusCode.PreconditionFailed);
        await api.RefusedAsync(() => api.PatchAsync(resource, id, PatchOf(resource, 2), "\"not-an-etag-of-this-record\""), HttpStatusCode.PreconditionFailed);

        var after = await api.ReadAsync(resource, id);
        JsonOf.AssertSame(now.Node, after.Node, "the record after stale writes");
        Assert.Equal(now.ETag, after.ETag);
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task A_write_with_the_current_etag_succeeds_and_gives_the_next_etag(string resource)
    {
        var (_, id, created) = await CreateAsync(resource);

        var patched = await api.ChangeAsync(resource, id, PatchOf(resource, 1), created.ETag);
        var replaced = await api.ReplaceAsync(resource, id, patched.Node, patched.ETag);
        // One of several ETags, the current one among them.
        var again = await api.ChangeAsync(resource, id, PatchOf(resource, 2), $"{created.ETag}, {replaced.ETag}");
        await api.RemoveAsync(resource, id, again.ETag);
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task If_match_compares_strongly_so_the_current_etag_marked_weak_is_a_412(string resource)
    {
        var (_, id, created) = await CreateAsync(resource);

        await api.RefusedAsync(() => api.PatchAsync(resource, id, PatchOf(resource, 1), "W/" + created.ETag), HttpStatusCode.PreconditionFailed);
        await api.RefusedAsync(() => api.DeleteAsync(resource, id, "W/" + created.ETag), HttpStatusCode.PreconditionFailed);
        Assert.Equal(created.ETag, (await api.ReadAsync(resource, id)).ETag);
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task If_match_star_or_no_if_match_writes_whatever_changed_since(string resource)
    {
        var (_, id, _) = await CreateAsync(resource);

        var star = await api.ChangeAsync(resource, id, PatchOf(resource, 1), "*");
        var starPut = await api.ReplaceAsync(resource, id, star.Node, "*");
        Assert.NotEqual(star.ETag, starPut.ETag);

        // A client that read the record before those writes and sends no If-Match overwrites them.
        var blind = await api.ChangeAsync(resource, id, PatchOf(resource, 2));
        JsonOf.AssertSame(blind.Node, (await api.ReadAsync(resource, id)).Node, "GET after a write without If-Match");
        await api.ReplaceAsync(resource, id, blind.Node);
        await api.RemoveAsync(resource, id, "*");
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task A_get_with_an_etag_from_before_a_write_gets_the_new_record(string resource)
    {
        var (_, id, created) = await CreateAsync(resource);
        var before = await api.ReadAsync(resource, id);
        Assert.Equal(HttpStatusCode.NotModified, (await api.GetAsync($"/api/v1/{resource}/{id}", before.ETag)).Status);

        var patched = await api.ChangeAsync(resource, id, PatchOf(resource, 1));

        var fresh = await api.GetAsync($"/api/v1/{resource}/{id}", created.ETag);
        WriteApi.AssertStatus(fresh, HttpStatusCode.OK);
        JsonOf.AssertSame(patched.Node, fresh.Node, "GET with the pre-write ETag");
        Assert.Equal(patched.ETag, fresh.ETag);
        Assert.Equal(HttpStatusCode.NotModified, (await api.GetAsync($"/api/v1/{resource}/{id}", patched.ETag)).Status);

        // A PUT that changes nothing still makes the old ETag stale for reads.
        var unchanged = await api.ReplaceAsync(resource, id, patched.Node);
        var reread = await api.GetAsync($"/api/v1/{resource}/{id}", patched.ETag);
        WriteApi.AssertStatus(reread, HttpStatusCode.OK);
        Assert.Equal(unchanged.ETag, reread.ETag);
    }

    [Theory, MemberData(nameof(Resources))]
    public async Task If_match_on_an_unknown_or_deleted_id_is_404_or_410_not_412(string resource)
    {
        var (world, id, created) = await CreateAsync(resource);
        var never = Make.Id("test-never");
        await api.RefusedAsync(() => api.PatchAsync(resource, never, PatchOf(resource, 1), created.ETag), HttpStatusCode.NotFound);
        await api.RefusedAsync(() => api.DeleteAsync(resource, never, "*"), HttpStatusCode.NotFound);

        await api.RemoveAsync(resource, id, created.ETag);
        await api.RefusedAsync(() => api.PutAsync(resource, id, world.Body(resource, null, Make.Word()), created.ETag), HttpStatusCode.Gone);
        await api.RefusedAsync(() => api.DeleteAsync(resource, id, "*"), HttpStatusCode.Gone);
    }
}
