using Dapper;
using EnforcementApi.Tests.Support;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Tests;

/// <summary>The schema itself refuses records that break the domain's rules, whatever path writes them.</summary>
[SqliteOnly(NotOnPostgres.SqliteFile)]
public sealed class SchemaConstraintTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    void Refused(string sql)
    {
        using var connection = factory.OpenDatabase();
        using var transaction = connection.BeginTransaction();
        var error = Assert.Throws<SqliteException>(() => connection.Execute(sql, transaction: transaction));
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
    }

    const string FigureColumns =
        "insert into figures (id, metric, kind, value, value_qualifier, unit, period_start, period_end, period_label, scope, reported_by, stated_as) values ";

    [Fact]
    public void A_figure_with_an_unknown_kind_is_refused() =>
        Refused(FigureColumns + "('f1', 'arrests', 'guess', 1, 'exact', 'people', null, null, null, 'US', 'dhs', null)");

    [Fact]
    public void A_figure_whose_period_ends_before_it_starts_is_refused() =>
        Refused(FigureColumns + "('f2', 'arrests', 'actual', 1, 'exact', 'people', '2025-02-01', '2025-01-31', null, 'US', 'dhs', null)");

    [Fact]
    public void A_figure_with_a_negative_value_is_refused() =>
        Refused(FigureColumns + "('f3', 'arrests', 'actual', -1, 'exact', 'people', null, null, null, 'US', 'dhs', null)");

    [Fact]
    public void A_figure_with_an_impossible_date_is_refused() =>
        Refused(FigureColumns + "('f4', 'arrests', 'actual', 1, 'exact', 'people', '2025-02-30', '2025-03-01', null, 'US', 'dhs', null)");

    [Fact]
    public void A_figure_reported_by_a_missing_entity_is_refused() =>
        Refused(FigureColumns + "('f5', 'arrests', 'actual', 1, 'exact', 'people', null, null, null, 'US', 'nobody', null)");

    [Fact]
    public void A_figure_of_a_metric_outside_the_vocabulary_is_refused() =>
        Refused(FigureColumns + "('f6', 'deportations', 'actual', 1, 'exact', 'people', null, null, null, 'US', 'dhs', null)");

    [Fact]
    public void An_id_that_is_not_a_slug_is_refused() =>
        Refused(FigureColumns + "('Not A Slug', 'arrests', 'actual', 1, 'exact', 'people', null, null, null, 'US', 'dhs', null)");

    [Fact]
    public void A_citation_of_a_record_that_does_not_exist_is_refused() =>
        Refused("""
            insert into citations (source_id, record_type, record_id, excerpt)
            values ('article-ice-leadership-shakeup', 'figure', 'no-such-figure', 'deported')
            """);

    [Fact]
    public void A_citation_moved_to_a_record_that_does_not_exist_is_refused() =>
        Refused("update citations set record_id = 'no-such-statement', record_type = 'statement' where record_type = 'figure'");

    [Fact]
    public void A_citation_of_an_unknown_record_type_is_refused() =>
        Refused("""
            insert into citations (source_id, record_type, record_id, excerpt)
            values ('article-ice-leadership-shakeup', 'facility', 'dhs-removals-first-100-days', 'deported')
            """);

    [Fact]
    public void A_revision_of_an_unknown_record_type_is_refused() =>
        Refused("""
            insert into revisions (record_type, record_id, revision, change, record, key_name, changed_at)
            values ('facility', 'x', 1, 'created', '{}', 'test', '2025-01-01T00:00:00.000Z')
            """);

    [Fact]
    public void A_citation_with_an_empty_excerpt_is_refused() =>
        Refused("insert into citations (source_id, record_type, record_id, excerpt) values ('article-ice-leadership-shakeup', 'figure', 'dhs-removals-first-100-days', '  ')");

    [Fact]
    public void A_citation_whose_offsets_do_not_span_its_excerpt_is_refused() =>
        Refused("insert into citations (source_id, record_type, record_id, excerpt, char_start, char_end) values ('article-ice-leadership-shakeup', 'figure', 'dhs-removals-first-100-days', 'deported', 0, 3)");

    [Fact]
    public void A_person_cannot_be_the_parent_of_an_organization() =>
        Refused("insert into entities (id, kind, name, summary, parent_id) values ('test-office', 'organization', 'Test office', 'A test office.', 'tom-homan')");

    [Fact]
    public void A_statement_cannot_name_a_role_its_speaker_did_not_hold() =>
        Refused("""
            insert into statements (id, speaker_id, speaker_role_id, text, quote_type, said_on, date_precision, channel)
            values ('s1', 'tom-homan', 4, 'words', 'direct', null, 'unknown', 'unknown')
            """);

    [Fact]
    public void An_event_with_a_date_but_unknown_precision_is_refused() =>
        Refused("insert into events (id, kind, title, summary, occurred_on, date_precision) values ('e1', 'other', 't', 's', '2025-05-01', 'unknown')");

    [Fact]
    public void A_month_precision_date_must_be_the_first_of_the_month() =>
        Refused("insert into events (id, kind, title, summary, occurred_on, date_precision) values ('e2', 'other', 't', 's', '2025-05-14', 'month')");

    // Each column whose values come from a list (db/013 writes the lists as comparisons): one value outside it.
    [Theory]
    [InlineData("insert into sources (id, kind, title, language) values ('s9', 'blog', 't', 'en')")]
    [InlineData("insert into entities (id, kind, name, summary) values ('x9', 'robot', 'n', 's')")]
    [InlineData("insert into events (id, kind, title, summary, occurred_on, date_precision) values ('e9', 'party', 't', 's', null, 'unknown')")]
    [InlineData("insert into events (id, kind, title, summary, occurred_on, date_precision) values ('e9', 'other', 't', 's', '2025-05-14', 'week')")]
    [InlineData("insert into event_participants (event_id, entity_id, role) values ('ice-leadership-realignment', 'ice', 'spectator')")]
    [InlineData(FigureColumns + "('f9', 'arrests', 'actual', 1, 'roughly', 'people', null, null, null, 'US', 'dhs', null)")]
    [InlineData(FigureColumns + "('f9', 'arrests', 'actual', 1, 'exact', 'cars', null, null, null, 'US', 'dhs', null)")]
    [InlineData("insert into figures (id, metric, kind, value, value_qualifier, unit, scope, reported_by, rank) values ('f9', 'arrests', 'actual', 1, 'exact', 'people', 'US', 'dhs', 'best')")]
    [InlineData("insert into statements (id, speaker_id, text, quote_type, date_precision, channel) values ('t9', 'tom-homan', 'x', 'rumour', 'unknown', 'unknown')")]
    [InlineData("insert into statements (id, speaker_id, text, quote_type, date_precision, channel) values ('t9', 'tom-homan', 'x', 'direct', 'week', 'unknown')")]
    [InlineData("insert into statements (id, speaker_id, text, quote_type, date_precision, channel) values ('t9', 'tom-homan', 'x', 'direct', 'unknown', 'pigeon')")]
    [InlineData("insert into search_documents (type, record_id, label, title, body, excerpts) values ('planet', 'p', 'l', 't', 'b', 'e')")]
    [InlineData("insert into revisions (record_type, record_id, revision, change, record, key_name, changed_at) values ('planet', 'p', 1, 'created', '{}', 'k', 'now')")]
    [InlineData("insert into revisions (record_type, record_id, revision, change, record, key_name, changed_at) values ('figure', 'p', 1, 'renamed', '{}', 'k', 'now')")]
    public void A_value_outside_the_list_of_its_column_is_refused(string sql) => Refused(sql);

    /// <summary>
    /// SQLite checks <c>x in ('a', 'b', 'c')</c> in a CHECK constraint by building a temporary index of the list for
    /// every row; the record tables write their lists as comparisons instead, which cost nothing (db/013).
    /// </summary>
    [Theory]
    [InlineData("sources")]
    [InlineData("entities")]
    [InlineData("events")]
    [InlineData("event_participants")]
    [InlineData("figures")]
    [InlineData("statements")]
    [InlineData("search_documents")]
    [InlineData("revisions")]
    public void Inserting_a_row_builds_no_temporary_index_to_check_it(string table)
    {
        using var connection = factory.OpenDatabase();
        var columns = connection.Query<string>("select name from pragma_table_info(@table)", new { table }).ToList();
        var program = connection.Query<(long Address, string Opcode, long P1, long P2, long P3, string? P4)>(
                $"explain insert into {table} ({string.Join(", ", columns)}) values ({string.Join(", ", columns.Select(_ => "null"))})")
            // The insert's own program; its triggers' programs follow (the search index's builds its entry from a view).
            .TakeWhile(step => !(step.Opcode == "Init" && step.P4?.StartsWith("-- TRIGGER") == true));
        Assert.DoesNotContain("OpenEphemeral", program.Select(step => step.Opcode));
    }
}
