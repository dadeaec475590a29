using System.Net;
using System.Text.Json;
using Dapper;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Search;

/// <summary>
/// Synthetic records for the search tests, written straight into a test database next to the bundled
/// ones. Every id starts with <c>srch-</c> (the metric with <c>srch_</c>), nothing here describes a real
/// person, agency or event, and the words the tests search for are made up (quorble, zintar, snorkwell,
/// plimsoller, gazette) so that no bundled record matches them by accident.
/// </summary>
/// <remarks>
/// What each record holds, and so what each made-up word finds:
/// <list type="bullet">
/// <item>quorble: the ledger source (title), the bureau (summary), the dated event (title), the 2024 figure
/// (statedAs) and the dated statement (text): one record of each kind.</item>
/// <item>zintar: the undated event (title), the undated figure (statedAs, excerpt), both statements (text).</item>
/// <item>snorkwell: only the undated event's summary, next to HTML-special characters.</item>
/// <item>plimsoller: only the excerpt of the citation of the undated figure (not its source).</item>
/// <item>gazette: the twin sources, whose indexed text is identical (equal scores).</item>
/// <item>Noém and Dirección carry diacritics: the person (and so the dated statement), the bulletin.</item>
/// </list>
/// </remarks>
public static class SearchSeed
{
    /// <summary>Adds the records to the factory's database once; later calls add nothing.</summary>
    public static ApiFactory WithSearchRecords(this ApiFactory factory)
    {
        using var connection = factory.OpenDatabase();
        using var transaction = connection.BeginTransaction();
        if (connection.ExecuteScalar<long>("select count(*) from sources where id = 'srch-source-ledger'", transaction: transaction) > 0)
            return factory;

        connection.Execute("insert into metrics (id, label, definition, unit) values (@Id, @Label, @Definition, @Unit)",
            new { Id = "srch_widgets", Label = "Widget tallies", Definition = "A synthetic metric for search tests.", Unit = "people" }, transaction);

        connection.Execute("""
            insert into sources (id, kind, title, publisher, url, author, published_on, retrieved_at, language)
            values (@Id, @Kind, @Title, @Publisher, @Url, null, @PublishedOn, null, @Language)
            """,
            new[]
            {
                new { Id = "srch-source-bulletin", Kind = "report", Title = "Synthetic bulletin of the Dirección de Pruebas",
                      Publisher = (string?)"Synthetic Press", Url = (string?)"https://example.org/srch-bulletin", PublishedOn = (string?)"2024-05-10", Language = "es" },
                new { Id = "srch-source-ledger", Kind = "dataset", Title = "Synthetic ledger of quorble tallies",
                      Publisher = (string?)null, Url = (string?)null, PublishedOn = (string?)null, Language = "en" },
                new { Id = "srch-source-twin-a", Kind = "news_article", Title = "Synthetic gazette edition",
                      Publisher = (string?)null, Url = (string?)null, PublishedOn = (string?)"2024-02-01", Language = "en" },
                new { Id = "srch-source-twin-b", Kind = "news_article", Title = "Synthetic gazette edition",
                      Publisher = (string?)null, Url = (string?)null, PublishedOn = (string?)"2024-02-01", Language = "en" },
            }, transaction);

        connection.Execute("""
            insert into entities (id, kind, name, short_name, summary, parent_id)
            values (@Id, @Kind, @Name, @ShortName, @Summary, null)
            """,
            new[]
            {
                new { Id = "srch-bureau", Kind = "organization", Name = "Synthetic Records Bureau", ShortName = (string?)"SRB",
                      Summary = "A synthetic bureau that keeps quorble registers." },
                new { Id = "srch-person", Kind = "person", Name = "Sample Speaker Noém", ShortName = (string?)null,
                      Summary = "A synthetic spokesperson for search tests." },
            }, transaction);

        connection.Execute("""
            insert into entity_roles (entity_id, title, organization_id, started_on, ended_on)
            values ('srch-person', 'Synthetic Spokesperson', 'srch-bureau', null, null)
            """, transaction: transaction);

        connection.Execute("""
            insert into events (id, kind, title, summary, occurred_on, date_precision)
            values (@Id, @Kind, @Title, @Summary, @OccurredOn, @DatePrecision)
            """,
            new[]
            {
                new { Id = "srch-event-dated", Kind = "announcement", Title = "Synthetic quorble census announced",
                      Summary = "The synthetic bureau announced a census.", OccurredOn = (string?)"2024-06-15", DatePrecision = "day" },
                new { Id = "srch-event-undated", Kind = "other", Title = "Synthetic zintar review",
                      Summary = "Review notes <draft> & \"final\" snorkwell tallies.", OccurredOn = (string?)null, DatePrecision = "unknown" },
            }, transaction);

        connection.Execute("""
            insert into figures (id, metric, kind, value, value_qualifier, unit, period_start, period_end, period_label,
                                 scope, reported_by, stated_as)
            values (@Id, 'srch_widgets', @Kind, @Value, @ValueQualifier, 'people', @PeriodStart, @PeriodEnd, @PeriodLabel,
                    @Scope, 'srch-bureau', @StatedAs)
            """,
            new[]
            {
                new { Id = "srch-figure-2024", Kind = "actual", Value = 3000.0, ValueQualifier = "exact",
                      PeriodStart = (string?)"2024-01-01", PeriodEnd = (string?)"2024-12-31", PeriodLabel = (string?)"calendar year 2024",
                      Scope = "US", StatedAs = "quorbles tallied" },
                new { Id = "srch-figure-undated", Kind = "estimate", Value = 12.0, ValueQualifier = "approximately",
                      PeriodStart = (string?)null, PeriodEnd = (string?)null, PeriodLabel = (string?)null,
                      Scope = "Test Area", StatedAs = "zintars tallied" },
            }, transaction);

        connection.Execute("""
            insert into statements (id, speaker_id, speaker_role_id, text, quote_type, said_on, date_precision, channel)
            values (@Id, @SpeakerId, (select id from entity_roles where entity_id = @SpeakerId), @Text, @QuoteType,
                    @SaidOn, @DatePrecision, @Channel)
            """,
            new[]
            {
                new { Id = "srch-statement-dated", SpeakerId = "srch-person",
                      Text = "The quorble census counted 3,000 quorbles, and zintars or gadgets were not counted",
                      QuoteType = "direct", SaidOn = (string?)"2024-06-16", DatePrecision = "day", Channel = "press_conference" },
                new { Id = "srch-statement-undated", SpeakerId = "srch-bureau",
                      Text = "Zintar tallies will follow the census",
                      QuoteType = "paraphrase", SaidOn = (string?)null, DatePrecision = "unknown", Channel = "statement" },
            }, transaction);

        connection.Execute("""
            insert into citations (source_id, record_type, record_id, excerpt, page, paragraph)
            values (@SourceId, case when @EntityId is not null then 'entity' when @EventId is not null then 'event' when @FigureId is not null then 'figure' else 'statement' end,
                    coalesce(@EntityId, @EventId, @FigureId, @StatementId),
                    @Excerpt, @Page, @Paragraph)
            """,
            new[]
            {
                new { SourceId = "srch-source-ledger", EntityId = (string?)null, EventId = (string?)null, FigureId = (string?)"srch-figure-undated",
                      StatementId = (string?)null, Excerpt = "the plimsoller estimate of zintars", Page = (int?)null, Paragraph = (int?)null },
                new { SourceId = "srch-source-bulletin", EntityId = (string?)null, EventId = (string?)"srch-event-dated", FigureId = (string?)null,
                      StatementId = (string?)null, Excerpt = "The bureau announced a quorble census", Page = (int?)null, Paragraph = (int?)1 },
                new { SourceId = "srch-source-bulletin", EntityId = (string?)null, EventId = (string?)null, FigureId = (string?)null,
                      StatementId = (string?)"srch-statement-dated", Excerpt = "Sample Speaker Noém said the census counted 3,000 quorbles",
                      Page = (int?)2, Paragraph = (int?)null },
                new { SourceId = "srch-source-ledger", EntityId = (string?)"srch-bureau", EventId = (string?)null, FigureId = (string?)null,
                      StatementId = (string?)null, Excerpt = "the Synthetic Records Bureau", Page = (int?)null, Paragraph = (int?)1 },
            }, transaction);

        transaction.Commit();
        return factory;
    }
}

/// <summary>Requests and readings shared by the search tests.</summary>
public static class Searching
{
    /// <summary>The search URL for <paramref name="q"/> (escaped), with more parameters as given.</summary>
    public static string Url(string q, string? more = null) =>
        "/api/v1/search?q=" + Uri.EscapeDataString(q) + (more is null ? "" : "&" + more);

    /// <summary>A hit as <c>type:id</c>, the way the tests name records of any kind.</summary>
    public static string Key(this JsonElement hit) => hit.Str("type") + ":" + hit.Str("id");

    /// <summary>The hits of a page as <c>type:id</c>, in the page's order.</summary>
    public static List<string> Keys(this JsonElement page) => page.Items().Select(Key).ToList();

    public static List<string> Sorted(this IEnumerable<string> keys) => keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Every hit of a search (one page of up to 200), as <c>type:id</c> in the page's order.</summary>
    public static async Task<List<string>> HitsAsync(this HttpClient client, string q, string? more = null)
    {
        var page = await client.GetJsonAsync(Url(q, more is null ? "limit=200" : more + "&limit=200"));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
        return page.Keys();
    }

    /// <summary>Asserts that a search finds exactly these records (in any order).</summary>
    public static async Task AssertFindsAsync(this HttpClient client, string q, params string[] expected) =>
        Assert.Equal(expected.Sorted(), (await client.HitsAsync(q)).Sorted());

    /// <summary>Asserts that a search answers a 400 that names <c>q</c>, and returns the message for <c>q</c>.</summary>
    public static async Task<string> QueryRefusedAsync(this HttpClient client, string url)
    {
        var problem = await client.GetBadRequestAsync(url, "q");
        return string.Join(" ", problem.GetProperty("errors").GetProperty("q").EnumerateArray().Select(m => m.GetString()));
    }

    /// <summary>GETs a URL and returns the status and the body, whatever the status.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> GetRawAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
