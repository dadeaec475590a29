using System.Globalization;
using System.Text.Json;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests;

/// <summary>The records bundled from the ICE leadership article, as the API serves them.</summary>
public sealed class BundledRecordsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    static readonly string Article = File.ReadAllText(Repo.PathOf("db", "corpus", "article-ice-leadership-shakeup.txt"));
    const string ArticleId = "article-ice-leadership-shakeup";

    readonly HttpClient client = factory.CreateClient();

    static readonly string[] CitedResources = ["entities", "events", "figures", "statements"];

    async Task<List<JsonElement>> AllAsync(string resource) =>
        (await client.GetJsonAsync($"/api/v1/{resource}?limit=200")).Items().ToList();

    [Fact]
    public async Task Every_excerpt_is_the_articles_exact_words_at_its_offsets()
    {
        var codePoints = Article.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var checkedCount = 0;
        foreach (var resource in CitedResources)
        {
            foreach (var record in await AllAsync(resource))
            {
                var citations = record.GetProperty("citations").EnumerateArray().ToList();
                Assert.True(citations.Count > 0, $"{resource}/{record.Str("id")} has no citation");
                foreach (var citation in citations)
                {
                    Assert.Equal(ArticleId, citation.Str("sourceId"));
                    var excerpt = citation.Str("excerpt")!;
                    Assert.Contains(excerpt, Article);

                    var location = citation.GetProperty("location");
                    var start = location.GetProperty("charStart").GetInt32();
                    var end = location.GetProperty("charEnd").GetInt32();
                    Assert.Equal(excerpt, string.Concat(codePoints[start..end]));
                    checkedCount++;
                }
            }
        }
        Assert.True(checkedCount >= 25, $"only {checkedCount} citations checked");
    }

    [Fact]
    public async Task Quoted_words_are_verbatim_from_the_article()
    {
        foreach (var statement in await AllAsync("statements"))
            Assert.Contains(statement.Str("text")!, Article);
        foreach (var figure in await AllAsync("figures"))
            Assert.Contains(figure.Str("statedAs")!, Article);
    }

    [Fact]
    public async Task The_source_is_the_article_with_unknown_publisher_and_date_left_null()
    {
        var source = await client.GetJsonAsync($"/api/v1/sources/{ArticleId}");
        Assert.Equal("news_article", source.Str("kind"));
        Assert.Equal("Trump Boots ICE Bosses After Deportation Numbers Fall Short", source.Str("title"));
        Assert.Equal("en", source.Str("language"));
        foreach (var unknown in new[] { "publisher", "url", "author", "publishedOn", "retrievedAt" })
            Assert.Equal(JsonValueKind.Null, source.GetProperty(unknown).ValueKind);
    }

    [Fact]
    public async Task Arrests_and_removals_in_the_first_100_days_are_reported_by_dhs()
    {
        var arrests = await client.GetJsonAsync("/api/v1/figures/dhs-arrests-first-100-days");
        Assert.Equal("arrests", arrests.Str("metric"));
        Assert.Equal("actual", arrests.Str("kind"));
        Assert.Equal(158000m, arrests.GetProperty("value").GetDecimal());
        Assert.Equal("more_than", arrests.Str("valueQualifier"));
        Assert.Equal("people", arrests.Str("unit"));
        Assert.Equal("2025-01-20", arrests.Str("periodStart"));
        Assert.Equal("2025-04-29", arrests.Str("periodEnd"));
        Assert.Equal("dhs", arrests.GetProperty("reportedBy").Str("id"));
        Assert.Equal("arrested", arrests.Str("statedAs"));

        var removals = await client.GetJsonAsync("/api/v1/figures/dhs-removals-first-100-days");
        Assert.Equal("removals", removals.Str("metric"));
        Assert.Equal("actual", removals.Str("kind"));
        Assert.Equal(65600m, removals.GetProperty("value").GetDecimal());
        Assert.Equal("exact", removals.Str("valueQualifier"));
        Assert.Equal("2025-01-20", removals.Str("periodStart"));
        Assert.Equal("2025-04-29", removals.Str("periodEnd"));
        Assert.Equal("dhs", removals.GetProperty("reportedBy").Str("id"));
        Assert.Equal("deported", removals.Str("statedAs"));

        // The first 100 days, counted inclusively from the inauguration.
        var days = DateOnly.Parse(removals.Str("periodEnd")!, CultureInfo.InvariantCulture).DayNumber
                 - DateOnly.Parse(removals.Str("periodStart")!, CultureInfo.InvariantCulture).DayNumber + 1;
        Assert.Equal(100, days);
    }

    [Fact]
    public async Task The_daily_goal_is_a_target_attributed_to_stephen_miller_with_a_paraphrase()
    {
        var target = await client.GetJsonAsync("/api/v1/figures/removals-daily-target");
        Assert.Equal("target", target.Str("kind"));
        Assert.Equal("removals", target.Str("metric"));
        Assert.Equal(3000m, target.GetProperty("value").GetDecimal());
        Assert.Equal("people_per_day", target.Str("unit"));
        Assert.Equal("stephen-miller", target.GetProperty("reportedBy").Str("id"));

        var statements = await client.GetJsonAsync("/api/v1/statements?speaker=stephen-miller");
        var paraphrase = Assert.Single(statements.Items());
        Assert.Equal("paraphrase", paraphrase.Str("quoteType"));
        Assert.Contains("3,000 deportations", paraphrase.Str("text"));
        Assert.Equal("Deputy Chief of Staff", paraphrase.GetProperty("speakerRole").Str("title"));
        Assert.Equal("white-house", paraphrase.GetProperty("speakerRole").GetProperty("organization").Str("id"));
    }

    [Fact]
    public async Task The_ice_statement_and_tom_homans_words_are_direct_quotes()
    {
        var ice = await client.GetJsonAsync("/api/v1/statements/ice-statement-on-organizational-realignments");
        Assert.Equal("direct", ice.Str("quoteType"));
        Assert.Equal("ice", ice.GetProperty("speaker").Str("id"));
        Assert.Equal("statement", ice.Str("channel"));
        Assert.StartsWith("Organizational realignments will help ICE", ice.Str("text"));

        var homan = await client.GetJsonAsync("/api/v1/statements/tom-homan-on-agents");
        Assert.Equal("direct", homan.Str("quoteType"));
        Assert.Equal("there are men and women out there enforcing the law and making this country safe again", homan.Str("text"));
        Assert.Equal("Border czar", homan.GetProperty("speakerRole").Str("title"));
    }

    [Fact]
    public async Task The_leadership_realignment_and_both_leaders_changes_are_events()
    {
        var realignment = await client.GetJsonAsync("/api/v1/events/ice-leadership-realignment");
        Assert.Equal("leadership_change", realignment.Str("kind"));
        Assert.Contains(realignment.GetProperty("participants").EnumerateArray(),
            p => p.GetProperty("entity").Str("id") == "ice" && p.Str("role") == "announcer");

        foreach (var (id, person) in new[] { ("ken-genalo-retirement", "ken-genalo"), ("robert-hammer-reassignment", "robert-hammer") })
        {
            var change = await client.GetJsonAsync($"/api/v1/events/{id}");
            Assert.Equal("leadership_change", change.Str("kind"));
            Assert.Contains(change.GetProperty("participants").EnumerateArray(),
                p => p.GetProperty("entity").Str("id") == person && p.Str("role") == "subject");
        }

        // The article gives no date for any of them: unknown, not invented.
        foreach (var e in await AllAsync("events"))
        {
            Assert.Equal("unknown", e.Str("datePrecision"));
            Assert.Equal(JsonValueKind.Null, e.GetProperty("occurredOn").ValueKind);
        }
    }

    [Fact]
    public async Task The_arrest_of_the_person_who_threatened_the_president_names_no_private_individual()
    {
        var arrest = await client.GetJsonAsync("/api/v1/events/arrest-of-person-who-threatened-the-president");
        Assert.Equal("arrest", arrest.Str("kind"));
        Assert.Contains("noncitizen", arrest.Str("title"));
        var participants = arrest.GetProperty("participants").EnumerateArray()
            .Select(p => (p.GetProperty("entity").Str("id"), p.Str("role"))).ToHashSet();
        Assert.Equal([("donald-trump", "target"), ("ice", "agency"), ("kristi-noem", "announcer")], participants.Order().ToList());

        // Every participant of every event is an entity: a public official or an institution.
        var entities = (await AllAsync("entities")).Select(e => e.Str("id")).ToHashSet();
        foreach (var e in await AllAsync("events"))
            foreach (var p in e.GetProperty("participants").EnumerateArray())
                Assert.Contains(p.GetProperty("entity").Str("id"), entities);
    }

    [Fact]
    public async Task Organizations_nest_and_people_hold_the_roles_the_article_gives()
    {
        async Task<string?> ParentOf(string id) =>
            (await client.GetJsonAsync($"/api/v1/entities/{id}")).GetProperty("parent") is { ValueKind: JsonValueKind.Object } parent
                ? parent.Str("id")
                : null;

        Assert.Equal("ice", await ParentOf("hsi"));
        Assert.Equal("ice", await ParentOf("opla"));
        Assert.Equal("ice", await ParentOf("ice-management-and-administration"));
        Assert.Equal("dhs", await ParentOf("ice"));
        Assert.Null(await ParentOf("dhs"));

        var roles = new Dictionary<string, (string Title, string? Organization)>
        {
            ["donald-trump"] = ("President of the United States", null),
            ["stephen-miller"] = ("Deputy Chief of Staff", "white-house"),
            ["tom-homan"] = ("Border czar", null),
            ["kristi-noem"] = ("Secretary of Homeland Security", "dhs"),
            ["ken-genalo"] = ("Acting Executive Associate Director", "ice"),
            ["robert-hammer"] = ("Chief", "hsi"),
        };
        foreach (var (id, (title, organization)) in roles)
        {
            var person = await client.GetJsonAsync($"/api/v1/entities/{id}");
            Assert.Equal("person", person.Str("kind"));
            var role = Assert.Single(person.GetProperty("roles").EnumerateArray());
            Assert.Equal(title, role.Str("title"));
            Assert.Equal(organization, role.GetProperty("organization") is { ValueKind: JsonValueKind.Object } o ? o.Str("id") : null);
        }
    }
}
