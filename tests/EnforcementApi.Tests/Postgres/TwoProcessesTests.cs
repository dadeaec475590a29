using System.Net;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;

namespace EnforcementApi.Tests.Postgres;

/// <summary>
/// Two API processes on one PostgreSQL database, each with its own output cache and its own cached totals and
/// facets: a write through one is in the very next read through the other, because every cache is keyed by the data
/// version that each commit moves (data_version, bumped by the tables' statement triggers), not by what one process
/// saw itself.
/// </summary>
public sealed class TwoProcessesTests
{
    [PostgresFact]
    public async Task A_write_through_one_api_process_is_in_the_next_read_through_another()
    {
        var database = TestPostgres.NewDatabase(withDataset: false);
        await using var writer = new ApiFactoryOn(database);
        await using var reader = new ApiFactoryOn(database);
        var api = WriteApi.For(writer);
        using var client = reader.CreateClient();

        // The reader's caches hold the list, its total and its facet first.
        const string List = "/api/v1/sources?count=true&facet=kind&limit=200";
        var before = await client.GetJsonAsync(List);
        Assert.Equal(before.GetRawText(), (await client.GetJsonAsync(List)).GetRawText());

        var id = await api.CreateIdAsync("sources", Make.Source(Make.Id("test-two-processes")));

        var after = await client.GetJsonAsync(List);
        Assert.Equal(before.GetProperty("total").GetInt32() + 1, after.GetProperty("total").GetInt32());
        Assert.Contains(id, after.Items().Select(s => s.Str("id")));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/sources/{id}")).StatusCode);

        // And a change: the other process serves the new title at once.
        await api.SendAsync(HttpMethod.Patch, $"/api/v1/sources/{id}", WriteApi.Body("""{"title": "Test retitled by the other process"}""", "application/merge-patch+json"));
        Assert.Equal("Test retitled by the other process", (await client.GetJsonAsync($"/api/v1/sources/{id}")).Str("title"));
    }
}
