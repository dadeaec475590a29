using System.Net;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests;

public sealed class HealthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Live_answers_healthy()
    {
        var body = await client.GetJsonAsync("/health/live");
        Assert.Equal("Healthy", body.Str("status"));
    }

    [Fact]
    public async Task Ready_checks_the_database_and_its_schema_version()
    {
        var body = await client.GetJsonAsync("/health/ready");
        Assert.Equal("Healthy", body.Str("status"));
        var database = body.GetProperty("checks").GetProperty("database");
        Assert.Equal("Healthy", database.Str("status"));
        Assert.Contains("schema version", database.Str("description"));
    }

    [Fact]
    public async Task Ready_fails_when_the_database_has_lost_its_tables()
    {
        await using var broken = new ApiFactory();
        using var brokenClient = broken.CreateClient();
        using (var connection = broken.OpenDatabase())
            Dapper.SqlMapper.Execute(connection, "drop table schema_migrations");

        using var response = await brokenClient.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Unhealthy", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await brokenClient.GetAsync("/health/live")).StatusCode);
    }
}
