using System.Diagnostics;
using System.Globalization;
using EnforcementApi.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnforcementApi.Bench;

/// <summary>A database of synthetic records for benchmarks and for query-plan tests on realistic statistics.</summary>
public static class BenchDatabase
{
    /// <summary>
    /// Writes <paramref name="records"/> figures, and as many statements and events unless <paramref name="others"/>
    /// says how many (a list benchmark at a million figures needs no million statements).
    /// </summary>
    public static void Write(string path, int records, int seed, TextWriter? log = null, int? others = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connectionString = $"Data Source={path};Foreign Keys=True;Pooling=False";
        new Migrator(new Db(connectionString), NullLogger<Migrator>.Instance).ApplyPending();

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var pragmas = connection.CreateCommand())
        {
            // A throwaway file written in one go: no need to survive a crash midway, and a large cache
            // keeps the one big transaction from spilling pages.
            pragmas.CommandText = "pragma synchronous = off; pragma cache_size = -500000;";
            pragmas.ExecuteNonQuery();
        }
        using (var transaction = connection.BeginTransaction())
        {
            new Records(connection, transaction, new Random(seed), records, others ?? records, log).Write();
            transaction.Commit();
        }
        // Statistics, as a long-lived database gets them from `pragma optimize`: the query planner
        // chooses differently with them, and the plans must hold either way.
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "analyze; pragma wal_checkpoint(truncate);";
        analyze.ExecuteNonQuery();
    }
}

/// <summary>Synthetic records with the shapes, vocabularies and date ranges of real ones.</summary>
sealed class Records(SqliteConnection connection, SqliteTransaction transaction, Random random, int count, int others, TextWriter? log)
{
    // Words of the excerpts, statements and summaries; search terms are drawn from the same list (bench/words.txt).
    public static readonly string[] Words = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "words.txt"))
        .Where(w => w.Length > 0).ToArray();

    static readonly string[] Metrics = ["arrests", "removals", "returns", "expulsions", "book_ins", "detained_population", "encounters",
        "administrative_arrests", "at_large_arrests", "detainers_issued", "average_daily_population", "atd_enrollment"];
    static readonly string[] StatedAs = ["arrested", "deported", "removed", "returned", "expelled", "booked in", "detained", "encountered", "apprehended"];
    static readonly string[] FigureKinds = ["actual", "actual", "actual", "actual", "estimate", "target", "projection"];
    static readonly string[] Qualifiers = ["exact", "exact", "exact", "approximately", "more_than", "at_least", "up_to", "less_than"];
    static readonly string[] SourceKinds = ["news_article", "government_release", "official_statement", "court_filing", "dataset", "report", "broadcast", "social_post"];
    static readonly string[] EventKinds = ["leadership_change", "policy_change", "enforcement_operation", "arrest", "legal_action", "announcement", "other"];
    static readonly string[] Roles = ["subject", "announcer", "initiator", "agency", "affected", "target"];
    static readonly string[] Channels = ["press_release", "statement", "press_conference", "interview", "social_media", "testimony", "court_filing", "report", "broadcast", "unknown"];
    static readonly string[] Precisions = ["day", "day", "day", "month", "year", "unknown"];

    readonly int sources = Math.Max(10, count / 50);
    readonly int organizations = Math.Max(10, count / 500);
    readonly int people = Math.Max(10, count / 250);

    static readonly string[] Tables =
        ["sources", "citations", "entities", "entity_roles", "figures", "statements", "events", "event_participants"];

    /// <summary>
    /// Writes the rows into empty copies of the tables, then moves each table over in one statement, so
    /// the real triggers index every record while the full-text index is flushed once per table instead
    /// of once per row. Citations go first (foreign keys are checked at commit, and the triggers that check
    /// a citation's record exists are set aside until every table has moved, in the same transaction), so
    /// each record is indexed once, with its excerpts.
    /// </summary>
    public void Write()
    {
        using (var setup = Command("pragma defer_foreign_keys = on;"))
            setup.ExecuteNonQuery();
        var recordChecks = new List<(string Name, string Sql)>();
        using (var triggers = Command("select name, sql from sqlite_master where type = 'trigger' and name like 'citations_of_%'"))
        using (var reader = triggers.ExecuteReader())
            while (reader.Read()) recordChecks.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (name, _) in recordChecks)
            using (var drop = Command($"drop trigger {name}"))
                drop.ExecuteNonQuery();
        foreach (var table in Tables)
            using (var stage = Command($"create temp table stage_{table} as select * from main.{table} where 0"))
                stage.ExecuteNonQuery();

        WriteSources();
        WriteEntities();
        WriteFigures();
        WriteStatements();
        WriteEvents();

        foreach (var table in Tables)
        {
            var clock = Stopwatch.StartNew();
            // A staged copy has the columns but not their defaults (revision, rank): fill them in first.
            var defaults = new List<(string Column, string Default)>();
            using (var columns = Command($"select name, dflt_value from pragma_table_info('{table}') where dflt_value is not null"))
            using (var reader = columns.ExecuteReader())
                while (reader.Read()) defaults.Add((reader.GetString(0), reader.GetString(1)));
            foreach (var (column, value) in defaults)
                using (var fill = Command($"update stage_{table} set {column} = {value} where {column} is null"))
                    fill.ExecuteNonQuery();
            using var move = Command($"insert into main.{table} select * from stage_{table}; drop table stage_{table};");
            move.ExecuteNonQuery();
            log?.WriteLine($"  {table}: {clock.Elapsed.TotalSeconds:F1} s");
        }

        foreach (var (_, sql) in recordChecks)
            using (var restore = Command(sql))
                restore.ExecuteNonQuery();
        using var orphans = Command("""
            select count(*) from citations c
            where not exists (select 1 from entities where c.record_type = 'entity' and id = c.record_id)
              and not exists (select 1 from events where c.record_type = 'event' and id = c.record_id)
              and not exists (select 1 from figures where c.record_type = 'figure' and id = c.record_id)
              and not exists (select 1 from statements where c.record_type = 'statement' and id = c.record_id)
            """);
        if ((long)orphans.ExecuteScalar()! != 0) throw new InvalidOperationException("A generated citation supports no record.");
    }

    string Sentence(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));

    DateOnly Day() => new DateOnly(2015, 1, 1).AddDays(random.Next(365 * 11));

    string Source() => "source-" + random.Next(sources).ToString("D6", CultureInfo.InvariantCulture);
    string Organization() => "org-" + random.Next(organizations).ToString("D5", CultureInfo.InvariantCulture);
    string Person() => "person-" + random.Next(people).ToString("D5", CultureInfo.InvariantCulture);

    SqliteCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var name = "@p" + i;
            if (command.Parameters.Contains(name)) command.Parameters[name].Value = values[i] ?? DBNull.Value;
            else command.Parameters.AddWithValue(name, values[i] ?? DBNull.Value);
        }
        command.ExecuteNonQuery();
    }

    static string? Iso(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    void WriteSources()
    {
        using var insert = Command("""
            insert into stage_sources (id, kind, title, publisher, url, author, published_on, retrieved_at, language)
            values (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, 'en')
            """);
        for (var i = 0; i < sources; i++)
        {
            var id = "source-" + i.ToString("D6", CultureInfo.InvariantCulture);
            var published = random.Next(10) == 0 ? (DateOnly?)null : Day();
            Run(insert, id, SourceKinds[random.Next(SourceKinds.Length)], Capitalized(Sentence(7)),
                "Publisher " + random.Next(200), "https://example.org/" + id, random.Next(3) == 0 ? null : "Author " + random.Next(500),
                Iso(published), published is null ? null : Iso(published.Value.AddDays(random.Next(30))) + "T12:00:00Z");
        }
    }

    void WriteEntities()
    {
        using var entity = Command("""
            insert into stage_entities (id, kind, name, short_name, summary, parent_id)
            values (@p0, @p1, @p2, @p3, @p4, @p5)
            """);
        using var role = Command("""
            insert into stage_entity_roles (entity_id, title, organization_id, started_on, ended_on)
            values (@p0, @p1, @p2, @p3, @p4)
            """);
        using var cite = Command("insert into stage_citations (source_id, record_type, record_id, excerpt) values (@p0, 'entity', @p1, @p2)");

        for (var i = 0; i < organizations; i++)
        {
            var id = "org-" + i.ToString("D5", CultureInfo.InvariantCulture);
            // The first tenth are departments; the others nest within an earlier organization.
            var parent = i < organizations / 10 ? null : "org-" + random.Next(Math.Max(1, i / 2)).ToString("D5", CultureInfo.InvariantCulture);
            Run(entity, id, "organization", "Office of " + Capitalized(Sentence(2)) + " " + i, "O" + i, "Organization " + Sentence(6) + ".", parent);
            Run(cite, Source(), id, "the Office of " + Sentence(4));
        }
        for (var i = 0; i < people; i++)
        {
            var id = "person-" + i.ToString("D5", CultureInfo.InvariantCulture);
            Run(entity, id, "person", "Official " + Capitalized(Sentence(2)) + " " + i, null, "Public official " + Sentence(5) + ".", null);
            var started = Day();
            Run(role, id, "Director of " + Capitalized(Sentence(2)), Organization(), Iso(started),
                random.Next(2) == 0 ? null : Iso(started.AddDays(random.Next(2000))));
            Run(cite, Source(), id, "Director " + Sentence(5));
        }
    }

    void WriteFigures()
    {
        using var figure = Command("""
            insert into stage_figures (id, metric, kind, value, value_qualifier, unit, period_start, period_end, period_label, scope,
                                       reported_by, stated_as, dimension, dimension_value)
            values (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13)
            """);
        // A quarter of the figures are parts of a count, as the reports break them down: by country, criminal history, area.
        var parts = new List<(string Dimension, string Value)>();
        using (var values = Command("select dimension_id, value from dimension_values order by dimension_id, value"))
        using (var reader = values.ExecuteReader())
            while (reader.Read()) parts.Add((reader.GetString(0), reader.GetString(1)));
        using var cite = Command("insert into stage_citations (source_id, record_type, record_id, excerpt, paragraph) values (@p0, 'figure', @p1, @p2, @p3)");
        for (var i = 0; i < count; i++)
        {
            var id = "figure-" + i.ToString("D7", CultureInfo.InvariantCulture);
            var kind = FigureKinds[random.Next(FigureKinds.Length)];
            var perDay = kind == "target" && random.Next(2) == 0;
            var start = Day();
            var end = start.AddDays(random.Next(1, 366));
            var value = perDay ? random.Next(100, 5000) : random.Next(10, 1_000_000);
            var statedAs = StatedAs[random.Next(StatedAs.Length)];
            var reporter = random.Next(4) == 0 ? Person() : Organization();
            (string Dimension, string Value)? part = random.Next(4) == 0 ? parts[random.Next(parts.Count)] : null;
            Run(figure, id, Metrics[random.Next(Metrics.Length)], kind, value, Qualifiers[random.Next(Qualifiers.Length)],
                perDay ? "people_per_day" : "people", perDay ? null : Iso(start), perDay ? null : Iso(end),
                perDay ? "daily" : "FY" + end.Year.ToString(CultureInfo.InvariantCulture),
                random.Next(5) == 0 ? "AOR " + random.Next(25) : "US", reporter, statedAs, part?.Dimension, part?.Value);
            Run(cite, Source(), id, $"{Sentence(4)} {value:N0} people {statedAs} {Sentence(6)}", random.Next(1, 30));
        }
    }

    void WriteStatements()
    {
        using var statement = Command("""
            insert into stage_statements (id, speaker_id, speaker_role_id, text, quote_type, said_on, date_precision, channel)
            values (@p0, @p1, null, @p2, @p3, @p4, @p5, @p6)
            """);
        using var cite = Command("insert into stage_citations (source_id, record_type, record_id, excerpt) values (@p0, 'statement', @p1, @p2)");
        for (var i = 0; i < others; i++)
        {
            var id = "statement-" + i.ToString("D7", CultureInfo.InvariantCulture);
            var (date, precision) = PreciseDay();
            var text = Sentence(random.Next(8, 30));
            Run(statement, id, random.Next(5) == 0 ? Organization() : Person(), text, random.Next(3) == 0 ? "paraphrase" : "direct",
                date, precision, Channels[random.Next(Channels.Length)]);
            Run(cite, Source(), id, "said, “" + text + "”");
        }
    }

    void WriteEvents()
    {
        using var ev = Command("""
            insert into stage_events (id, kind, title, summary, occurred_on, date_precision)
            values (@p0, @p1, @p2, @p3, @p4, @p5)
            """);
        using var participant = Command("insert or ignore into stage_event_participants (event_id, entity_id, role) values (@p0, @p1, @p2)");
        using var cite = Command("insert into stage_citations (source_id, record_type, record_id, excerpt) values (@p0, 'event', @p1, @p2)");
        for (var i = 0; i < others; i++)
        {
            var id = "event-" + i.ToString("D7", CultureInfo.InvariantCulture);
            var (date, precision) = PreciseDay();
            Run(ev, id, EventKinds[random.Next(EventKinds.Length)], Capitalized(Sentence(6)), Capitalized(Sentence(25)) + ".", date, precision);
            Run(participant, id, Organization(), Roles[random.Next(Roles.Length)]);
            Run(participant, id, Person(), Roles[random.Next(Roles.Length)]);
            Run(cite, Source(), id, Sentence(15));
        }
    }

    (string? Date, string Precision) PreciseDay()
    {
        var precision = Precisions[random.Next(Precisions.Length)];
        var day = Day();
        return precision switch
        {
            "unknown" => (null, precision),
            "year" => (Iso(new DateOnly(day.Year, 1, 1)), precision),
            "month" => (Iso(new DateOnly(day.Year, day.Month, 1)), precision),
            _ => (Iso(day), precision),
        };
    }

    static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
