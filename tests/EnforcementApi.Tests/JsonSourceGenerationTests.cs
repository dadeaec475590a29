using EnforcementApi.Figures;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using EnforcementApi.Search;
using EnforcementApi.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EnforcementApi.Tests;

/// <summary>
/// The pages and reports the reads send are written by code generated at build time (ApiJsonContext),
/// with the API's own options: the same bytes as before, which every body test checks, without building
/// serializers by reflection at run time.
/// </summary>
[SqliteOnly(NotOnPostgres.NoDatabase)]
public sealed class JsonSourceGenerationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData(typeof(Page<Figure>))]
    [InlineData(typeof(Page<SearchHit>))]
    [InlineData(typeof(PaceReport))]
    [InlineData(typeof(EnforcementApi.Claims.ClaimReport))]
    public void A_read_body_type_is_serialized_by_generated_code_with_the_api_options(Type type)
    {
        var options = ApiJson.Options(factory.Services);
        var info = options.GetTypeInfo(type);
        Assert.Same(ApiJsonContext.Default, info.OriginatingResolver);
        Assert.Same(options, info.Options);
    }

    [Fact]
    public async Task Enums_and_timestamps_keep_the_api_converters()
    {
        var page = await factory.CreateClient().GetJsonAsync("/api/v1/figures?limit=1");
        var figure = page.Items().Single();
        Assert.Matches("^[a-z_]+$", figure.Str("kind")!);
        Assert.Matches("^[a-z_]+$", figure.Str("valueQualifier")!);
    }
}
