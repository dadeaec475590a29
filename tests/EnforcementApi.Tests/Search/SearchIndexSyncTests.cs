using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using EnforcementApi.Tests.Support;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Tests.Search;

/// <summary>
/// The full-text index never drifts from the records: whatever SQL inserts, updates or deletes (records,
/// citations, an entity's name, a metric's label), the index holds exactly what the view
/// <c>search_entries</c> says, FTS5's own integrity check passes, the refresh queue is empty, and the API's
/// search answers from the new state at once. A transaction rolled back leaves the index as it was.
/// Each test that changes data has a database of its own. On PostgreSQL the index is a generated tsvector of
/// search_documents' own columns, so the documents being what the view says is the whole check.
/// </summary>
public sealed class SearchIndexSyncTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    sealed class Entry
    {
        public string? Type { get; init; }
        public string? RecordId { get; init; }
        public string? Label { get; init; }
        public string? DateStart { get; init; }
        public string? DateEnd { get; init; }
        public string? Title { get; init; }
        public string? Body { get; init; }
        public string? Excerpts { get; init; }

        public override string ToString() =>
            string.Join(" | ", new[] { Type, RecordId, Label, DateStart, DateEnd, Title, Body, Excerpts }.Select(v => v ?? "<null>"));
    }

    static string Indexed(DbConnection db) => db is Npgsql.NpgsqlConnection
        ? """
        select d.type, d.record_id as RecordId, d.label, d.date_start as DateStart, d.date_end as DateEnd,
               d.title, d.body, d.excerpts
        from search_documents d
        """
        : """
        select d.type, d.record_id as RecordId, d.label, d.date_start as DateStart, d.date_end as DateEnd,
               t.title, t.body, t.excerpts
        from search_documents d
        join search_text t on t.rowid = d.id
        """;

    /// <summary>Where the index reads a document's text: FTS5's columns on SQLite, the document's own on PostgreSQL.</summary>
    static string IndexedText(DbConnection db) => db is Npgsql.NpgsqlConnection
        ? "search_documents d cross join lateral (select d.title, d.body, d.excerpts) t"
        : "search_documents d join search_text t on t.rowid = d.id";

    const string Expected = """
        select type, record_id as RecordId, label, date_start as DateStart, date_end as DateEnd, title, body, excerpts
        from search_entries
        """;

    static List<string> Rows(DbConnection db, string sql, DbTransaction? tx) =>
        db.Query<Entry>(sql, transaction: tx).Select(e => e.ToString()).Order(StringComparer.Ordinal).ToList();

    /// <summary>The index is exactly what the view says, FTS5 finds it sound, and nothing waits in the queue.</summary>
    static void AssertInSync(DbConnection db, DbTransaction? tx = null)
    {
        var expected = Rows(db, Expected, tx);
        var indexed = Rows(db, Indexed(db), tx);
        Assert.Equal(expected, indexed);
        Assert.Equal(expected.Count, db.ExecuteScalar<long>("select count(*) from search_documents", transaction: tx));
        Assert.Equal(0, db.ExecuteScalar<long>("select count(*) from search_refresh", transaction: tx));
        if (db is Npgsql.NpgsqlConnection)
        {
            Assert.Equal(expected.Count, db.ExecuteScalar<long>("select count(search) from search_documents", transaction: tx));
            return;
        }
        Assert.Equal(expected.Count, db.ExecuteScalar<long>("select count(*) from search_text", transaction: tx));
        db.Execute("insert into search_text(search_text) values('integrity-check')", transaction: tx);
        // With rank 1, FTS5 also checks the index against the text it reads (an external content table's).
        db.Execute("insert into search_text(search_text, rank) values('integrity-check', 1)", transaction: tx);
        AssertTermsInSync(db, tx);
    }

    /// <summary>
    /// Independently of where search_text reads its columns from: every term the index holds, at every
    /// position, is the one a fresh index of the view's text holds, and no other.
    /// </summary>
    static void AssertTermsInSync(DbConnection db, DbTransaction? tx)
    {
        var definition = db.ExecuteScalar<string>("select sql from sqlite_schema where name = 'search_text'", transaction: tx)!;
        var tokenize = Regex.Match(definition, @"tokenize\s*=\s*'[^']*'").Value;
        Assert.False(tokenize.Length == 0, $"no tokenize option in {definition}");
        db.Execute($"""
            create virtual table temp.srch_expected using fts5 (title, body, excerpts, {tokenize});
            insert into temp.srch_expected (rowid, title, body, excerpts)
                select d.id, e.title, e.body, e.excerpts
                from search_entries e join search_documents d on d.type = e.type and d.record_id = e.record_id;
            create virtual table temp.srch_expected_terms using fts5vocab (temp, srch_expected, instance);
            create virtual table temp.srch_indexed_terms using fts5vocab (main, search_text, instance);
            """, transaction: tx);
        try
        {
            var drift = db.Query<string>("""
                select 'not indexed: ' || term || ' in ' || doc || '/' || col || '@' || offset
                from (select term, doc, col, offset from temp.srch_expected_terms
                      except select term, doc, col, offset from temp.srch_indexed_terms)
                union all
                select 'stale: ' || term || ' in ' || doc || '/' || col || '@' || offset
                from (select term, doc, col, offset from temp.srch_indexed_terms
                      except select term, doc, col, offset from temp.srch_expected_terms)
                limit 20
                """, transaction: tx).AsList();
            Assert.True(drift.Count == 0, "the index drifted from search_entries:\n" + string.Join("\n", drift));
            Assert.True(db.ExecuteScalar<long>("select count(*) from temp.srch_indexed_terms", transaction: tx) > 0);
        }
        finally
        {
            db.Execute("""
                drop table temp.srch_indexed_terms;
                drop table temp.srch_expected_terms;
                drop table temp.srch_expected;
                """, transaction: tx);
        }
    }

    /// <summary>Everything the index holds, with its rowids, to compare before and after.</summary>
    static List<string> IndexSnapshot(DbConnection db) =>
        db.Query<string>($"""
            select d.id || ' ' || d.type || ' ' || d.record_id || ' ' || d.label || ' ' || coalesce(d.date_start, '-') || ' ' ||
                   coalesce(d.date_end, '-') || ' ' || t.title || ' ' || t.body || ' ' || t.excerpts
            from {IndexedText(db)}
            order by d.id
            """).AsList();

    /// <summary>A database of the test's own, with the bundled and the synthetic records.</summary>
    static (ApiFactory Factory, HttpClient Client) Fresh()
    {
        var fresh = new ApiFactory().WithSearchRecords();
        return (fresh, fresh.CreateClient());
    }

    [Fact]
    public void The_migrated_database_holds_one_entry_per_record_exactly_as_the_view_says()
    {
        using var db = factory.WithSearchRecords().OpenDatabase();
        AssertInSync(db);
        var records = db.ExecuteScalar<long>("""
            select (select count(*) from sources) + (select count(*) from entities) + (select count(*) from events)
                 + (select count(*) from figures) + (select count(*) from statements)
            """);
        Assert.Equal(records, db.ExecuteScalar<long>("select count(*) from search_documents"));
    }

    [Fact]
    public async Task Inserted_records_of_every_kind_are_indexed_and_found_at_once()
    {
        var (fresh, client) = Fresh();
        await using var _ = fresh;
        using var db = fresh.OpenDatabase();

        await client.AssertFindsAsync("inserted");

        db.Execute("""
            insert into sources (id, kind, title, publisher, url, author, published_on, retrieved_at, language)
            values ('srch-new-source', 'report', 'Synthetic inserted almanac', 'Synthetic Press', null, 'Synthetic Author', '2024-08-01', null, 'en')
            """);
        AssertInSync(db);
        await client.AssertFindsAsync("inserted", "source:srch-new-source");

        db.Execute("""
            insert into entities (id, kind, name, short_name, summary, parent_id)
            values ('srch-new-council', 'organization', 'Synthetic Inserted Council', 'SIC', 'A synthetic council added by a test.', 'srch-bureau')
            """);
        AssertInSync(db);
        await client.AssertFindsAsync("inserted", "source:srch-new-source", "entity:srch-new-council");

        db.Execute("""
            insert into events (id, kind, title, summary, occurred_on, date_precision)
            values ('srch-new-hearing', 'legal_action', 'Synthetic hearing', 'A synthetic hearing was inserted.', '2024-08-02', 'day')
            """);
        db.Execute("insert into event_participants (event_id, entity_id, role) values ('srch-new-hearing', 'srch-new-council', 'initiator')");
        AssertInSync(db);
        await client.AssertFindsAsync("inserted", "source:srch-new-source", "entity:srch-new-council", "event:srch-new-hearing");

        db.Execute("""
            insert into figures (id, metric, kind, value, value_qualifier, unit, period_start, period_end, period_label, scope, reported_by, stated_as)
            values ('srch-new-figure', 'srch_widgets', 'projection', 2500.5, 'up_to', 'people_per_month', '2024-09-01', '2024-09-30', 'September 2024', 'US', 'srch-new-council', 'inserted widgets')
            """);
        AssertInSync(db);
        await client.AssertFindsAsync("inserted", "source:srch-new-source", "entity:srch-new-council", "event:srch-new-hearing", "figure:srch-new-figure");
        var figure = Assert.Single((await client.GetJsonAsync(Searching.Url("inserted", "types=figure"))).Items());
        Assert.Equal("Widget tallies, up to 2500.50 a month (September 2024)", figure.Str("label"));

        db.Execute("""
            insert into statements (id, speaker_id, speaker_role_id, text, quote_type, said_on, date_precision, channel)
            values ('srch-new-statement', 'srch-new-council', null, 'Remarks that a test inserted.', 'direct', '2024-08-03', 'day', 'interview')
            """);
        AssertInSync(db);
        await client.AssertFindsAsync("inserted",
            "source:srch-new-source", "entity:srch-new-council", "event:srch-new-hearing", "figure:srch-new-figure", "statement:srch-new-statement");

        // A citation indexes its excerpt with the record it cites, of whatever kind.
        var cited = new[] { ("srch-new-council", "entity"), ("srch-new-hearing", "event"),
                            ("srch-new-figure", "figure"), ("srch-new-statement", "statement") };
        var found = new List<string>();
        foreach (var (id, type) in cited)
        {
            db.Execute("insert into citations (source_id, record_type, record_id, excerpt) values ('srch-new-source', @type, @id, @excerpt)",
                new { id, type, excerpt = "a footnote on the " + type });
            AssertInSync(db);
            found.Add(type + ":" + id);
            await client.AssertFindsAsync("footnote", [.. found]);
        }
        await client.AssertFindsAsync("footnote statement", "statement:srch-new-statement");
    }

    [Fact]
    public async Task Updated_records_are_found_by_their_new_words_and_no_longer_by_the_old()
    {
        var (fresh, client) = Fresh();
        await using var _ = fresh;
        using var db = fresh.OpenDatabase();

        await client.AssertFindsAsync("teapot");
        db.Execute("update sources set title = 'Synthetic ledger of teapot tallies' where id = 'srch-source-ledger'");
        AssertInSync(db);
        await client.AssertFindsAsync("teapot", "source:srch-source-ledger");
        Assert.Empty(await client.HitsAsync("quorble", "types=source"));

        db.Execute("update sources set published_on = '2024-09-09' where id = 'srch-source-ledger'");
        AssertInSync(db);
        Assert.Equal(["source:srch-source-ledger"], await client.HitsAsync("teapot", "from=2024-09-09&to=2024-09-09"));

        db.Execute("update entities set summary = 'A synthetic narrator for search tests.' where id = 'srch-person'");
        AssertInSync(db);
        await client.AssertFindsAsync("narrator", "entity:srch-person");
        await client.AssertFindsAsync("spokesperson");

        db.Execute("update events set title = 'Synthetic lantern review' where id = 'srch-event-undated'");
        AssertInSync(db);
        await client.AssertFindsAsync("lantern", "event:srch-event-undated");
        Assert.Empty(await client.HitsAsync("zintar", "types=event"));

        db.Execute("update events set occurred_on = '2024-10-01', date_precision = 'month' where id = 'srch-event-undated'");
        AssertInSync(db);
        Assert.Equal(["event:srch-event-undated"], await client.HitsAsync("lantern", "from=2024-10-01&to=2024-10-31"));

        // The figure keeps its excerpt, "the plimsoller estimate of zintars", so zintar still finds it.
        db.Execute("update figures set stated_as = 'walnuts tallied', value = 13, value_qualifier = 'at_least' where id = 'srch-figure-undated'");
        AssertInSync(db);
        await client.AssertFindsAsync("walnut", "figure:srch-figure-undated");
        Assert.Equal(["figure:srch-figure-undated"], await client.HitsAsync("zintar", "types=figure"));
        Assert.Equal("Widget tallies, at least 13", (await client.GetJsonAsync(Searching.Url("walnut"))).Items().Single().Str("label"));

        db.Execute("update citations set excerpt = 'the quibbler estimate' where record_type = 'figure' and record_id = 'srch-figure-undated'");
        AssertInSync(db);
        await client.AssertFindsAsync("plimsoller");
        await client.AssertFindsAsync("quibbler", "figure:srch-figure-undated");
        Assert.Empty(await client.HitsAsync("zintar", "types=figure"));

        db.Execute("update statements set text = 'Marmalade tallies will follow' where id = 'srch-statement-undated'");
        AssertInSync(db);
        await client.AssertFindsAsync("marmalade", "statement:srch-statement-undated");
        Assert.DoesNotContain("statement:srch-statement-undated", await client.HitsAsync("zintar"));
        Assert.Equal("Synthetic Records Bureau: “Marmalade tallies will follow”",
            (await client.GetJsonAsync(Searching.Url("marmalade"))).Items().Single().Str("label"));

        // A long text is cut to its first 100 characters in the label, and searched whole.
        var longText = "Marmalade " + string.Concat(Enumerable.Repeat("tallies and ", 10)) + "the final lighthouse";
        db.Execute("update statements set text = @longText where id = 'srch-statement-undated'", new { longText });
        AssertInSync(db);
        var hit = (await client.GetJsonAsync(Searching.Url("lighthouse"))).Items().Single();
        Assert.Equal("statement:srch-statement-undated", hit.Key());
        Assert.Equal("Synthetic Records Bureau: “" + longText[..100] + "…”", hit.Str("label"));

        // Another speaker: the statement is found by the new speaker's name, not the old one's.
        db.Execute("update statements set speaker_id = 'srch-person' where id = 'srch-statement-undated'");
        AssertInSync(db);
        await client.AssertFindsAsync("marmalade noem", "statement:srch-statement-undated");
        await client.AssertFindsAsync("marmalade SRB");

        // Another reporter for a figure.
        db.Execute("update figures set reported_by = 'srch-person' where id = 'srch-figure-2024'");
        AssertInSync(db);
        await client.AssertFindsAsync("quorble noem", "figure:srch-figure-2024", "statement:srch-statement-dated");

        // A metric's label is part of each of its figures' labels and titles.
        db.Execute("update metrics set label = 'Gizmo tallies' where id = 'srch_widgets'");
        AssertInSync(db);
        await client.AssertFindsAsync("gizmo", "figure:srch-figure-2024", "figure:srch-figure-undated");
        var figure = (await client.GetJsonAsync(Searching.Url("gizmo", "types=figure&from=2024-01-01"))).Items().Single();
        Assert.Equal("Gizmo tallies, 3,000 (calendar year 2024)", figure.Str("label"));
    }

    [Fact]
    public async Task Renaming_an_entity_reindexes_the_statements_it_spoke_and_the_figures_it_reported()
    {
        var (fresh, client) = Fresh();
        await using var _ = fresh;
        using var db = fresh.OpenDatabase();

        string[] byTheBureau = ["entity:srch-bureau", "statement:srch-statement-undated", "figure:srch-figure-2024", "figure:srch-figure-undated"];
        await client.AssertFindsAsync("\"records bureau\"", byTheBureau);
        await client.AssertFindsAsync("SRB", byTheBureau);
        await client.AssertFindsAsync("\"archive office\"");

        db.Execute("update entities set name = 'Synthetic Archive Office', short_name = 'SAO' where id = 'srch-bureau'");
        AssertInSync(db);

        await client.AssertFindsAsync("\"archive office\"", byTheBureau);
        await client.AssertFindsAsync("SAO", byTheBureau);
        await client.AssertFindsAsync("SRB");
        // The citation of the bureau keeps the source's words, "the Synthetic Records Bureau".
        await client.AssertFindsAsync("\"records bureau\"", "entity:srch-bureau");

        var labels = (await client.GetJsonAsync(Searching.Url("SAO", "types=entity,statement"))).Items()
            .ToDictionary(h => h.Key(), h => h.Str("label"));
        Assert.Equal("Synthetic Archive Office", labels["entity:srch-bureau"]);
        Assert.Equal("Synthetic Archive Office: “Zintar tallies will follow the census”", labels["statement:srch-statement-undated"]);

        // The person who speaks and, now, reports.
        db.Execute("update figures set reported_by = 'srch-person' where id = 'srch-figure-undated'");
        db.Execute("update entities set name = 'Sample Speaker Quillon' where id = 'srch-person'");
        AssertInSync(db);
        await client.AssertFindsAsync("quillon", "entity:srch-person", "statement:srch-statement-dated", "figure:srch-figure-undated");
        // Noém is still in the excerpt that cites the dated statement.
        await client.AssertFindsAsync("noem",
            "entity:kristi-noem", "statement:kristi-noem-confirms-arrest", "event:arrest-of-person-who-threatened-the-president",
            "statement:srch-statement-dated");
    }

    [Fact]
    public async Task Moving_a_citation_moves_its_excerpt_to_the_record_it_now_cites()
    {
        var (fresh, client) = Fresh();
        await using var _ = fresh;
        using var db = fresh.OpenDatabase();

        await client.AssertFindsAsync("plimsoller", "figure:srch-figure-undated");

        // To another record of the same kind.
        db.Execute("update citations set record_id = 'srch-figure-2024' where record_type = 'figure' and record_id = 'srch-figure-undated'");
        AssertInSync(db);
        await client.AssertFindsAsync("plimsoller", "figure:srch-figure-2024");

        // To a record of another kind.
        db.Execute("update citations set record_type = 'statement', record_id = 'srch-statement-undated' where excerpt like '%plimsoller%'");
        AssertInSync(db);
        await client.AssertFindsAsync("plimsoller", "statement:srch-statement-undated");

        db.Execute("update citations set record_type = 'entity', record_id = 'srch-person' where excerpt like '%plimsoller%'");
        AssertInSync(db);
        await client.AssertFindsAsync("plimsoller", "entity:srch-person");

        db.Execute("update citations set record_type = 'event', record_id = 'srch-event-dated' where excerpt like '%plimsoller%'");
        AssertInSync(db);
        await client.AssertFindsAsync("plimsoller", "event:srch-event-dated");

        // Another source changes nothing that is searched, and the index stays in step.
        db.Execute("update citations set source_id = 'srch-source-twin-a' where excerpt like '%plimsoller%'");
        AssertInSync(db);
        await client.AssertFindsAsync("plimsoller", "event:srch-event-dated");
        Assert.Empty(await client.HitsAsync("plimsoller", "types=source"));

        // Two citations of one record: both excerpts count, and one moved away leaves the other.
        db.Execute("update citations set record_id = 'srch-event-undated' where record_type = 'event' and record_id = 'srch-event-dated' and excerpt like '%quorble%'");
        AssertInSync(db);
        await client.AssertFindsAsync("\"quorble census\"", "event:srch-event-dated", "event:srch-event-undated", "statement:srch-statement-dated");
    }

    [Fact]
    public async Task Deleted_records_and_their_cascaded_citations_leave_the_index()
    {
        var (fresh, client) = Fresh();
        await using var _ = fresh;
        using var db = fresh.OpenDatabase();

        await client.AssertFindsAsync("zintar",
            "event:srch-event-undated", "figure:srch-figure-undated", "statement:srch-statement-dated", "statement:srch-statement-undated");

        // Its citation goes with it (on delete cascade).
        db.Execute("delete from figures where id = 'srch-figure-undated'");
        AssertInSync(db);
        Assert.Equal(0, db.ExecuteScalar<long>("select count(*) from citations where excerpt like '%plimsoller%'"));
        await client.AssertFindsAsync("plimsoller");
        await client.AssertFindsAsync("zintar", "event:srch-event-undated", "statement:srch-statement-dated", "statement:srch-statement-undated");

        db.Execute("delete from statements where id = 'srch-statement-dated'");
        AssertInSync(db);
        await client.AssertFindsAsync("zintar", "event:srch-event-undated", "statement:srch-statement-undated");
        await client.AssertFindsAsync("noem", "entity:kristi-noem", "statement:kristi-noem-confirms-arrest",
            "event:arrest-of-person-who-threatened-the-president", "entity:srch-person");

        db.Execute("delete from events where id = 'srch-event-dated'");
        AssertInSync(db);
        await client.AssertFindsAsync("census", "statement:srch-statement-undated");

        // The person spoke only the deleted statement; their role goes with them.
        db.Execute("delete from entities where id = 'srch-person'");
        AssertInSync(db);
        await client.AssertFindsAsync("noem", "entity:kristi-noem", "statement:kristi-noem-confirms-arrest",
            "event:arrest-of-person-who-threatened-the-president");

        // The bulletin's citations went with the event and the statement; now the source itself.
        db.Execute("delete from sources where id = 'srch-source-bulletin'");
        AssertInSync(db);
        await client.AssertFindsAsync("direccion");

        // A citation deleted on its own: the bureau keeps its entry, without the excerpt.
        db.Execute("delete from citations where record_type = 'entity' and record_id = 'srch-bureau'");
        AssertInSync(db);
        await client.AssertFindsAsync("\"records bureau\"", "entity:srch-bureau", "statement:srch-statement-undated", "figure:srch-figure-2024");
        Assert.Equal("", db.ExecuteScalar<string>(
            $"select t.excerpts from {IndexedText(db)} where d.type = 'entity' and d.record_id = 'srch-bureau'"));

        // A bundled figure, cited once.
        db.Execute("delete from figures where id = 'removals-daily-target'");
        AssertInSync(db);
        await client.AssertFindsAsync("\"daily goal\"", "statement:stephen-miller-on-daily-goal");
        await client.GetProblemAsync("/api/v1/figures/removals-daily-target", System.Net.HttpStatusCode.NotFound);

        // Everything the article supports, and the article.
        db.Execute("delete from citations where source_id = 'article-ice-leadership-shakeup'");
        AssertInSync(db);
        db.Execute("delete from sources where id = 'article-ice-leadership-shakeup'");
        AssertInSync(db);
        await client.AssertFindsAsync("deportation",
            "figure:dhs-removals-first-100-days", "statement:stephen-miller-on-daily-goal", "statement:dhs-reports-first-100-days-figures",
            "statement:ice-statement-on-organizational-realignments");
    }

    [Fact]
    public async Task A_record_given_another_id_is_indexed_under_the_new_id_only()
    {
        var (fresh, client) = Fresh();
        await using var _ = fresh;
        using var db = fresh.OpenDatabase();

        db.Execute("update sources set id = 'srch-source-twin-c' where id = 'srch-source-twin-b'");
        AssertInSync(db);
        await client.AssertFindsAsync("gazette", "source:srch-source-twin-a", "source:srch-source-twin-c");

        db.Execute("""
            insert into events (id, kind, title, summary, occurred_on, date_precision)
            values ('srch-event-renamable', 'other', 'Synthetic pinecone count', 'A synthetic count.', null, 'unknown')
            """);
        db.Execute("update events set id = 'srch-event-renamed' where id = 'srch-event-renamable'");
        AssertInSync(db);
        await client.AssertFindsAsync("pinecone", "event:srch-event-renamed");
        await client.GetJsonAsync("/api/v1/events/srch-event-renamed");
    }

    [Fact]
    public async Task Many_changes_in_one_committed_transaction_leave_the_index_in_step()
    {
        var (fresh, client) = Fresh();
        await using var _ = fresh;
        using var db = fresh.OpenDatabase();

        using (var tx = db.BeginTransaction())
        {
            db.Execute("update entities set name = 'Synthetic Harbour Office' where id = 'srch-bureau'", transaction: tx);
            db.Execute("update statements set text = 'Harbour tallies are late' where id = 'srch-statement-undated'", transaction: tx);
            db.Execute("delete from figures where id = 'srch-figure-2024'", transaction: tx);
            db.Execute("insert into citations (source_id, record_type, record_id, excerpt) values ('srch-source-twin-a', 'figure', 'srch-figure-undated', 'harbour numbers')", transaction: tx);
            db.Execute("update entities set name = 'Synthetic Harbour Bureau' where id = 'srch-bureau'", transaction: tx);
            AssertInSync(db, tx);
            tx.Commit();
        }
        AssertInSync(db);
        await client.AssertFindsAsync("harbour", "entity:srch-bureau", "statement:srch-statement-undated", "figure:srch-figure-undated");
        await client.AssertFindsAsync("\"harbour office\"");
        await client.AssertFindsAsync("\"harbour bureau\"", "entity:srch-bureau", "statement:srch-statement-undated", "figure:srch-figure-undated");
        Assert.DoesNotContain("figure:srch-figure-2024", await client.HitsAsync("quorble"));
    }

    [Fact]
    public async Task A_rolled_back_transaction_leaves_the_index_as_it_was()
    {
        var (fresh, client) = Fresh();
        await using var _ = fresh;
        using var db = fresh.OpenDatabase();

        var before = IndexSnapshot(db);
        var quorble = (await client.HitsAsync("quorble")).Sorted();

        using (var tx = db.BeginTransaction())
        {
            db.Execute("insert into events (id, kind, title, summary, occurred_on, date_precision) values ('srch-event-doomed', 'other', 'Synthetic doomed quorble event', 'Never committed.', null, 'unknown')", transaction: tx);
            db.Execute("update entities set name = 'Synthetic Ghost Bureau' where id = 'srch-bureau'", transaction: tx);
            db.Execute("update statements set text = 'Ghostly words' where id = 'srch-statement-dated'", transaction: tx);
            db.Execute("update citations set excerpt = 'ghost excerpt' where record_type = 'figure' and record_id = 'srch-figure-undated'", transaction: tx);
            db.Execute("delete from figures where id = 'srch-figure-2024'", transaction: tx);
            db.Execute("delete from events where id = 'srch-event-dated'", transaction: tx);
            db.Execute("update metrics set label = 'Ghost tallies' where id = 'srch_widgets'", transaction: tx);
            AssertInSync(db, tx);
            Assert.Equal(before.Count - 1, db.ExecuteScalar<long>("select count(*) from search_documents", transaction: tx));
            tx.Rollback();
        }

        Assert.Equal(before, IndexSnapshot(db));
        AssertInSync(db);
        Assert.Equal(quorble, (await client.HitsAsync("quorble")).Sorted());
        await client.AssertFindsAsync("ghost*");
        await client.AssertFindsAsync("plimsoller", "figure:srch-figure-undated");
    }
}
