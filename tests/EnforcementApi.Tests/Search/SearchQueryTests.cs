using System.Net;
using Dapper;
using EnforcementApi.Search;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Search;

/// <summary>
/// The search language of <c>q</c>: stemming, prefixes, phrases, AND/OR/NOT, parentheses, case and accent
/// folding; and every malformed query refused with a 400 that names <c>q</c> and says what is wrong,
/// never a 500, whatever FTS5 or SQL syntax it holds.
/// </summary>
public sealed class SearchQueryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.WithSearchRecords().CreateClient();

    static readonly string[] DeportHits =
    [
        "source:article-ice-leadership-shakeup",
        "figure:removals-daily-target", "figure:dhs-removals-first-100-days", "figure:dhs-arrests-first-100-days",
        "statement:stephen-miller-on-daily-goal", "statement:dhs-reports-first-100-days-figures",
        "statement:ice-statement-on-organizational-realignments",
    ];

    static readonly string[] NoemHits =
    [
        "entity:kristi-noem", "statement:kristi-noem-confirms-arrest", "event:arrest-of-person-who-threatened-the-president",
        "entity:srch-person", "statement:srch-statement-dated",
    ];

    // ---- Words, stems and prefixes ----

    [Theory]
    [InlineData("deportation")]  // in the article's title
    [InlineData("deported")]
    [InlineData("deportations")]
    [InlineData("deporting")]
    [InlineData("deport")]
    [InlineData("DEPORTATION")]
    [InlineData("Deported")]
    public async Task A_word_finds_every_record_with_a_variant_of_it(string q)
    {
        await client.AssertFindsAsync(q, DeportHits);
    }

    [Fact]
    public async Task A_prefix_finds_words_that_start_with_it()
    {
        await client.AssertFindsAsync("deport*", DeportHits);
        await client.AssertFindsAsync("Deport*", DeportHits);
        // "assassinate": no word is "assass", but it starts two.
        await client.AssertFindsAsync("assass*",
            "event:arrest-of-person-who-threatened-the-president", "statement:kristi-noem-confirms-arrest");
        await client.AssertFindsAsync("assass");
        await client.AssertFindsAsync("quorb*",
            "source:srch-source-ledger", "entity:srch-bureau", "event:srch-event-dated", "figure:srch-figure-2024", "statement:srch-statement-dated");
    }

    [Fact]
    public async Task Words_side_by_side_must_all_match()
    {
        string[] expected =
        [
            "event:ice-leadership-realignment", "event:ken-genalo-retirement", "statement:ice-announces-genalo-retirement",
        ];
        await client.AssertFindsAsync("ice retirement", expected);
        await client.AssertFindsAsync("ice AND retirement", expected);
        await client.AssertFindsAsync("retirement   ice", expected);
        await client.AssertFindsAsync("quorble zintar", "statement:srch-statement-dated");
    }

    [Fact]
    public async Task Case_does_not_matter()
    {
        var lower = (await client.HitsAsync("quorble census")).Sorted();
        Assert.Equal(["event:srch-event-dated", "statement:srch-statement-dated"], lower);
        Assert.Equal(lower, (await client.HitsAsync("QUORBLE Census")).Sorted());
        Assert.Equal(lower, (await client.HitsAsync("\"Quorble CENSUS\"")).Sorted());
    }

    [Theory]
    [InlineData("noem")]
    [InlineData("Noem")]
    [InlineData("noém")]
    [InlineData("NOÉM")]
    [InlineData("noe*")]
    public async Task Accents_are_folded_in_the_records_and_in_the_query(string q)
    {
        await client.AssertFindsAsync(q, NoemHits);
    }

    [Theory]
    [InlineData("direccion")]
    [InlineData("Dirección")]
    [InlineData("DIRECCION")]
    [InlineData("\"dirección de pruebas\"")]
    public async Task A_word_written_with_diacritics_is_found_without_them(string q)
    {
        await client.AssertFindsAsync(q, "source:srch-source-bulletin");
    }

    // ---- Phrases ----

    [Fact]
    public async Task A_phrase_finds_its_words_in_that_order_only()
    {
        await client.AssertFindsAsync("\"daily goal\"", "statement:stephen-miller-on-daily-goal", "figure:removals-daily-target");
        await client.AssertFindsAsync("\"goal daily\"");
        await client.AssertFindsAsync("daily goal", "statement:stephen-miller-on-daily-goal", "figure:removals-daily-target");
        await client.AssertFindsAsync("\"quorble census\"", "event:srch-event-dated", "statement:srch-statement-dated");
        await client.AssertFindsAsync("\"census quorble\"");
    }

    [Fact]
    public async Task A_phrase_matches_variants_of_its_words()
    {
        // statedAs "quorbles tallied" and the ledger's title "quorble tallies".
        await client.AssertFindsAsync("\"quorbles tallied\"", "figure:srch-figure-2024", "source:srch-source-ledger");
        await client.AssertFindsAsync("\"quorble tally\"", "figure:srch-figure-2024", "source:srch-source-ledger");
        await client.AssertFindsAsync("\"tallied quorbles\"");
    }

    [Fact]
    public async Task A_phrase_may_end_in_a_prefix()
    {
        await client.AssertFindsAsync("\"daily go\"*", "statement:stephen-miller-on-daily-goal", "figure:removals-daily-target");
    }

    [Theory]
    [InlineData("3,000")]
    [InlineData("\"3,000\"")]
    [InlineData("\"3 000\"")]
    public async Task A_number_with_punctuation_is_a_phrase(string q)
    {
        await client.AssertFindsAsync(q,
            "statement:stephen-miller-on-daily-goal", "figure:removals-daily-target", "statement:srch-statement-dated");
    }

    [Fact]
    public async Task Punctuation_inside_a_word_keeps_its_parts_in_order()
    {
        await client.AssertFindsAsync("158,000",
            "statement:dhs-reports-first-100-days-figures", "figure:dhs-arrests-first-100-days", "figure:dhs-removals-first-100-days");
        await client.AssertFindsAsync("000,158");
        await client.AssertFindsAsync("long-serving", "entity:robert-hammer", "event:robert-hammer-reassignment");
    }

    // ---- Operators and parentheses ----

    [Fact]
    public async Task Or_finds_records_with_either()
    {
        await client.AssertFindsAsync("retirement OR assassinate",
            "event:ice-leadership-realignment", "event:ken-genalo-retirement", "statement:ice-announces-genalo-retirement",
            "event:arrest-of-person-who-threatened-the-president", "statement:kristi-noem-confirms-arrest");
        await client.AssertFindsAsync("zintars OR gadgets",
            "event:srch-event-undated", "figure:srch-figure-undated", "statement:srch-statement-dated", "statement:srch-statement-undated");
    }

    [Fact]
    public async Task Not_leaves_out_records_with_the_second_term()
    {
        await client.AssertFindsAsync("retirement NOT realignment", "statement:ice-announces-genalo-retirement");
        await client.AssertFindsAsync("zintars NOT gadgets",
            "event:srch-event-undated", "figure:srch-figure-undated", "statement:srch-statement-undated");
        await client.AssertFindsAsync("deport* NOT (statement OR figure OR Homeland OR daily)", "source:article-ice-leadership-shakeup");
    }

    [Fact]
    public async Task Parentheses_group_before_and()
    {
        await client.AssertFindsAsync("(retirement OR assassinate) AND trump",
            "event:ice-leadership-realignment", "event:arrest-of-person-who-threatened-the-president", "statement:kristi-noem-confirms-arrest");
        // Without them AND binds first: retirement OR (assassinate AND trump).
        await client.AssertFindsAsync("retirement OR assassinate AND trump",
            "event:ice-leadership-realignment", "event:ken-genalo-retirement", "statement:ice-announces-genalo-retirement",
            "event:arrest-of-person-who-threatened-the-president", "statement:kristi-noem-confirms-arrest");
        await client.AssertFindsAsync("((zintar))", "event:srch-event-undated", "figure:srch-figure-undated",
            "statement:srch-statement-dated", "statement:srch-statement-undated");
        await client.AssertFindsAsync("(zintar OR quorble) AND (census NOT gadgets)",
            "event:srch-event-dated", "statement:srch-statement-undated");
    }

    [Theory]
    [InlineData("trump (retirement OR assassinate)")]
    [InlineData("(retirement OR assassinate) trump")]
    [InlineData("(retirement OR assassinate) (trump)")]
    public async Task A_word_beside_a_group_must_match_too(string q)
    {
        // Words side by side must all match, and a group in parentheses stands where a word does.
        await client.AssertFindsAsync(q,
            "event:ice-leadership-realignment", "event:arrest-of-person-who-threatened-the-president", "statement:kristi-noem-confirms-arrest");
    }

    [Fact]
    public async Task Lowercase_and_or_not_are_plain_words()
    {
        // Only the dated statement says "and", "or" and "not" ("3,000 quorbles, and zintars or gadgets were not counted").
        await client.AssertFindsAsync("zintars or gadgets", "statement:srch-statement-dated");
        await client.AssertFindsAsync("zintars not gadgets", "statement:srch-statement-dated");
        await client.AssertFindsAsync("quorble and census", "statement:srch-statement-dated");
        await client.AssertFindsAsync("quorble AND census", "event:srch-event-dated", "statement:srch-statement-dated");
        await client.AssertFindsAsync("Or", "statement:srch-statement-dated");
        await client.AssertFindsAsync("\"AND\" zintars", "statement:srch-statement-dated");
    }

    // ---- Malformed queries ----

    [Theory]
    [InlineData("\"deport", "double quote that is not closed")]
    [InlineData("\"daily goal\" \"3,000", "double quote that is not closed")]
    [InlineData("(deport", "'(' that is not closed")]
    [InlineData("((deport OR removal)", "'(' that is not closed")]
    [InlineData("deport)", "')' without its '('")]
    [InlineData(")deport(", "')' without its '('")]
    [InlineData("()", "empty parentheses")]
    [InlineData("deport ( )", "empty parentheses")]
    [InlineData("AND", "Has AND with nothing before it")]
    [InlineData("OR", "Has OR with nothing before it")]
    [InlineData("NOT", "Has NOT with nothing before it")]
    [InlineData("NOT deport", "Has NOT with nothing before it")]
    [InlineData("(NOT deport)", "Has NOT with nothing before it")]
    [InlineData("deport OR", "Ends with OR")]
    [InlineData("deport NOT", "Ends with NOT")]
    [InlineData("deport AND OR removal", "Has AND followed by OR")]
    [InlineData("deport NOT NOT removal", "Has NOT followed by NOT")]
    [InlineData("(deport OR) removal", "Has OR with nothing after it")]
    [InlineData("*", "'*' on its own")]
    [InlineData("deport *", "'*' on its own")]
    [InlineData("de*port", "'*' inside 'de*port'")]
    [InlineData("**deport", "'*' inside")]
    [InlineData("deport**", "'*' inside")]
    [InlineData("--", "'--', which has no letters or digits")]
    [InlineData("deport + removal", "'+', which has no letters or digits")]
    [InlineData("' OR 1=1 --", "no letters or digits")]
    [InlineData("\"\"", "phrase with no letters or digits")]
    [InlineData("\" , \"", "phrase with no letters or digits")]
    [InlineData("", "Must not be empty")]
    [InlineData(" ", "Must not be empty")]
    [InlineData("   ", "Must not be empty")]
    [InlineData("\u00a0", "Must not be empty")]
    [InlineData("deport\u0000", "control character")]
    [InlineData("\u0001deport", "control character")]
    [InlineData("deport\tremoval", "control character")]
    [InlineData("deport\nremoval", "control character")]
    [InlineData("deport\u007f", "control character")]
    public async Task A_malformed_query_is_a_400_naming_q_that_says_what_is_wrong(string q, string message)
    {
        Assert.Contains(message, await client.QueryRefusedAsync(Searching.Url(q)));
    }

    [Fact]
    public async Task A_query_longer_than_500_characters_is_refused()
    {
        var message = await client.QueryRefusedAsync(Searching.Url(new string('a', 5000)));
        Assert.Contains("5000 characters long", message);
        Assert.Contains("at most 500", message);

        Assert.Contains("at most 500", await client.QueryRefusedAsync(Searching.Url(string.Join(' ', Enumerable.Repeat("ab", 168)))));
        // 500 characters are still a query.
        Assert.Empty(await client.HitsAsync(new string('a', 500)));
    }

    [Fact]
    public async Task A_query_of_more_than_32_words_is_refused()
    {
        var words = Enumerable.Range(0, 33).Select(i => "w" + i).ToList();
        Assert.Contains("more than 32", await client.QueryRefusedAsync(Searching.Url(string.Join(" OR ", words))));
        Assert.Empty(await client.HitsAsync(string.Join(" OR ", words.Take(32))));
    }

    [Fact]
    public async Task A_malformed_query_is_refused_by_every_list_too()
    {
        foreach (var resource in new[] { "figures", "statements", "events", "entities", "sources" })
        {
            Assert.Contains("Ends with OR", await client.QueryRefusedAsync($"/api/v1/{resource}?q=deport%20OR"));
            Assert.Contains("Must not be empty", await client.QueryRefusedAsync($"/api/v1/{resource}?q="));
            Assert.Contains("control character", await client.QueryRefusedAsync($"/api/v1/{resource}?q=deport%00"));
        }
    }

    // ---- What a user might try from FTS5 or SQL ----

    [Theory]
    [InlineData("title:deport")]
    [InlineData("body:deported")]
    [InlineData("{title body}:deport")]
    [InlineData("NEAR(deported arrested)")]
    [InlineData("NEAR(deported arrested, 5)")]
    [InlineData("NEAR")]
    [InlineData("^deport")]
    [InlineData("deport + removal")]
    [InlineData("-deport")]
    [InlineData("deport:")]
    [InlineData("\"deport\" * removal")]
    [InlineData("deport *removal")]
    [InlineData("' OR 1=1 --")]
    [InlineData("\"; drop table figures; --\"")]
    [InlineData("'; drop table figures; --")]
    [InlineData("x'); delete from search_text; --")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    [InlineData("deport\\\"")]
    [InlineData("@q")]
    [InlineData("rank")]
    [InlineData("search_text")]
    [InlineData("\U0001F600")]
    [InlineData("ª")]
    [InlineData("e\u0301")]
    public async Task Fts5_and_sql_syntax_is_a_plain_word_or_a_400_naming_q_never_a_500(string q)
    {
        using var db = factory.OpenDatabase();
        var before = Snapshot(db);

        foreach (var url in new[] { Searching.Url(q), $"/api/v1/figures?q={Uri.EscapeDataString(q)}", $"/api/v1/statements?q={Uri.EscapeDataString(q)}" })
        {
            var (status, body) = await client.GetRawAsync(url);
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"GET {url} answered {(int)status}: {body}");
            if (status == HttpStatusCode.BadRequest)
                await client.GetBadRequestAsync(url, "q");
        }

        Assert.Equal(before, Snapshot(db));
        await client.GetJsonAsync("/api/v1/figures/dhs-removals-first-100-days");
    }

    [Theory]
    [InlineData("title:deport", new string[0])]                       // "title deport" as a phrase: no record says it
    [InlineData("^deported", new[] { "source:article-ice-leadership-shakeup", "figure:removals-daily-target", "figure:dhs-removals-first-100-days", "figure:dhs-arrests-first-100-days", "statement:stephen-miller-on-daily-goal", "statement:dhs-reports-first-100-days-figures", "statement:ice-statement-on-organizational-realignments" })]
    [InlineData("-quorble", new[] { "source:srch-source-ledger", "entity:srch-bureau", "event:srch-event-dated", "figure:srch-figure-2024", "statement:srch-statement-dated" })]
    [InlineData("\"; drop table figures; --\"", new string[0])]
    [InlineData("NEAR", new string[0])]
    public async Task Fts5_syntax_in_a_word_is_searched_as_the_words_it_holds(string q, string[] expected)
    {
        await client.AssertFindsAsync(q, expected);
    }

    [Fact]
    public async Task Near_is_searched_as_plain_words()
    {
        // NEAR(deported arrested) holds the words NEAR, deported and arrested; no record says "near".
        await client.AssertFindsAsync("NEAR(deported arrested)");
        await client.AssertFindsAsync("(deported arrested)",
            "statement:dhs-reports-first-100-days-figures", "figure:dhs-arrests-first-100-days", "figure:dhs-removals-first-100-days",
            "statement:ice-statement-on-organizational-realignments");
    }

    static string Snapshot(System.Data.Common.DbConnection db) => string.Join("\n",
        db.Query<string>(db is Npgsql.NpgsqlConnection
            ? """
            select 'figures ' || count(*) from figures union all
            select 'statements ' || count(*) from statements union all
            select 'citations ' || count(*) from citations union all
            select 'documents ' || count(*) from search_documents union all
            select 'indexed ' || count(search) from search_documents union all
            select 'tables ' || count(*) from pg_class where relnamespace = current_schema()::regnamespace
            """
            : """
            select 'figures ' || count(*) from figures union all
            select 'statements ' || count(*) from statements union all
            select 'citations ' || count(*) from citations union all
            select 'documents ' || count(*) from search_documents union all
            select 'text ' || count(*) from search_text union all
            select 'tables ' || count(*) from sqlite_schema
            """));

    // ---- The parser itself ----

    [Theory]
    [InlineData("deport", "\"deport\"")]
    [InlineData("deport*", "\"deport\" *")]
    [InlineData("\"daily goal\"", "\"daily goal\"")]
    [InlineData("\"daily go\"*", "\"daily go\" *")]
    [InlineData("deport removal", "\"deport\" AND \"removal\"")]
    [InlineData("deport AND removal", "\"deport\" AND \"removal\"")]
    [InlineData("a OR b NOT c", "\"a\" OR \"b\" NOT \"c\"")]
    [InlineData("(a OR b) AND c", "(\"a\" OR \"b\") AND \"c\"")]
    [InlineData("  a   and  b ", "\"a\" AND \"and\" AND \"b\"")]
    [InlineData("title:deport", "\"title:deport\"")]
    [InlineData("NEAR", "\"NEAR\"")]
    [InlineData("^deport", "\"^deport\"")]
    public void The_parser_quotes_every_word_and_keeps_only_its_own_operators(string raw, string fts)
    {
        Assert.True(SearchQuery.TryParse(raw, out var match, out var error), error);
        Assert.Equal(fts, match);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("deport*")]
    [InlineData("\"daily go\"*")]
    [InlineData("a OR b NOT c AND d")]
    [InlineData("(a OR b) AND (c NOT d)")]
    [InlineData("((a))")]
    [InlineData("title:deport ^x -y {a}: x+y")]
    [InlineData("NEAR")]
    [InlineData("ª é")]
    [InlineData("a (b OR c)")]
    [InlineData("(a OR b) c")]
    [InlineData("(a) (b)")]
    [InlineData("a \"b c\" (d)")]
    [InlineData("NEAR(a b)")]
    [InlineData("x NOT (y) z")]
    public void Every_query_the_parser_accepts_is_one_fts5_accepts(string raw)
    {
        var query = SearchQuery.Parse(raw, out var error);
        Assert.True(query is not null, error);
        using var db = factory.OpenDatabase();
        var (sql, match) = db is Npgsql.NpgsqlConnection
            ? ("select count(*) from search_documents where search @@ to_tsquery('search_english', search_symbols(@match))", query.ToTsQuery())
            : ("select count(*) from search_text where search_text match @match", query.Fts5);
        var exception = Record.Exception(() => db.ExecuteScalar<long>(sql, new { match }));
        Assert.True(exception is null, $"{raw} became {match}, which the engine refuses: {exception?.Message}");
    }

    [Fact]
    public void A_quote_inside_a_word_starts_a_phrase()
    {
        Assert.True(SearchQuery.TryParse("a\"b c\"", out var match, out var error), error);
        Assert.Equal("\"a\" AND \"b c\"", match);

        Assert.False(SearchQuery.TryParse("ab\"cd", out _, out error));
        Assert.Contains("double quote that is not closed", error);
    }

    [Theory]
    [InlineData("\"deport")]
    [InlineData("AND")]
    [InlineData("()")]
    [InlineData("*")]
    [InlineData("")]
    public void The_parser_refuses_a_malformed_query_with_a_message_and_no_match(string raw)
    {
        Assert.False(SearchQuery.TryParse(raw, out var match, out var error));
        Assert.Equal("", match);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
