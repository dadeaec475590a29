using System.Globalization;
using Dapper;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Query;

/// <summary>
/// Extra synthetic records for the query tests, written straight into a test class's database: two events with
/// a crowd of participants, one with exactly 100 and one with 101, so that a facet can have exactly as many values
/// as an answer gives, or one more. Every id starts with <c>query-</c>, and nothing here describes a real person,
/// agency or event.
/// </summary>
public static class QuerySeed
{
    /// <summary>On <see cref="CrowdedDay"/>, with every member of the crowd (101).</summary>
    public const string CrowdedEvent = "query-event-crowd";
    public const string CrowdedDay = "2024-06-16";

    /// <summary>On <see cref="HundredDay"/>, with the first 100 members of the crowd.</summary>
    public const string HundredEvent = "query-event-hundred";
    public const string HundredDay = "2024-06-15";

    public const int CrowdSize = 101;

    public static string CrowdMember(int i) => "query-org-" + i.ToString("000", CultureInfo.InvariantCulture);

    /// <summary>Adds <see cref="CrowdSize"/> organizations and the two crowded events; once.</summary>
    public static ApiFactory WithCrowdedEvents(this ApiFactory factory)
    {
        using var connection = factory.OpenDatabase();
        using var transaction = connection.BeginTransaction();
        if (connection.ExecuteScalar<long>("select count(*) from events where id = @id", new { id = CrowdedEvent }, transaction) > 0)
            return factory;

        var members = Enumerable.Range(1, CrowdSize).Select(i => new
        {
            Id = CrowdMember(i),
            Name = "Query Org " + i.ToString("000", CultureInfo.InvariantCulture),
            Summary = "A synthetic organization for facet tests.",
        }).ToList();
        connection.Execute("""
            insert into entities (id, kind, name, short_name, summary, parent_id)
            values (@Id, 'organization', @Name, null, @Summary, null)
            """, members, transaction);
        connection.Execute("""
            insert into events (id, kind, title, summary, occurred_on, date_precision)
            values (@Id, 'other', @Title, @Summary, @OccurredOn, 'day')
            """,
            new[]
            {
                new { Id = CrowdedEvent, Title = "Query crowded event", Summary = "A synthetic event with 101 participants.", OccurredOn = CrowdedDay },
                new { Id = HundredEvent, Title = "Query event of a hundred", Summary = "A synthetic event with 100 participants.", OccurredOn = HundredDay },
            },
            transaction);
        connection.Execute("insert into event_participants (event_id, entity_id, role) values (@EventId, @EntityId, 'affected')",
            members.Select(m => new { EventId = CrowdedEvent, EntityId = m.Id })
                .Concat(members.Take(100).Select(m => new { EventId = HundredEvent, EntityId = m.Id })),
            transaction);
        transaction.Commit();
        return factory;
    }
}

/// <summary>
/// One record of a list as the tests see it, read straight from SQLite: the values of the fields that filters
/// and facets take by id or enum (several for a field such as <c>source</c>; a null for an absent parent) and
/// the values of the fields that comparisons take (a double, an ISO date, or null when unknown).
/// </summary>
public sealed record Row(string Id, IReadOnlyDictionary<string, string?[]> Refs, IReadOnlyDictionary<string, object?> Scalars);

/// <summary>
/// What a list holds and what a query should give, worked out from the database's rows in C#, not by asking
/// the API: the rows of each list, the query parameters' meaning (eq, ne, in, comparisons, ranges) and the
/// facet counts.
/// </summary>
public static class Oracle
{
    public static readonly string[] Lists = ["sources", "entities", "events", "figures", "statements"];

    public static List<Row> Load(ApiFactory factory, string list)
    {
        using var connection = factory.OpenDatabase();

        Dictionary<string, string?[]> Cited(string column) =>
            connection.Query<(string Record, string Source)>("select record_id, source_id from citations where record_type = @type", new { type = column })
                .GroupBy(c => c.Record)
                .ToDictionary(g => g.Key, g => g.Select(c => (string?)c.Source).Distinct().ToArray());

        static string?[] Of(Dictionary<string, string?[]> map, string id) => map.TryGetValue(id, out var values) ? values : [];

        switch (list)
        {
            case "figures":
            {
                var sources = Cited("figure");
                return connection.Query<(string Id, string Metric, string Kind, string ReportedBy, double Value, string? PeriodStart, string? PeriodEnd)>(
                        "select id, metric, kind, reported_by, value, period_start, period_end from figures")
                    .Select(f => new Row(f.Id,
                        new Dictionary<string, string?[]>
                        {
                            ["metric"] = [f.Metric], ["kind"] = [f.Kind], ["reportedBy"] = [f.ReportedBy], ["source"] = Of(sources, f.Id),
                        },
                        new Dictionary<string, object?> { ["value"] = f.Value, ["periodStart"] = f.PeriodStart, ["periodEnd"] = f.PeriodEnd }))
                    .ToList();
            }
            case "statements":
            {
                var sources = Cited("statement");
                return connection.Query<(string Id, string Speaker, string QuoteType, string? SaidOn)>(
                        "select id, speaker_id, quote_type, said_on from statements")
                    .Select(s => new Row(s.Id,
                        new Dictionary<string, string?[]>
                        {
                            ["speaker"] = [s.Speaker], ["quoteType"] = [s.QuoteType], ["source"] = Of(sources, s.Id),
                        },
                        new Dictionary<string, object?> { ["saidOn"] = s.SaidOn }))
                    .ToList();
            }
            case "events":
            {
                var sources = Cited("event");
                var participants = connection.Query<(string Event, string Entity)>("select event_id, entity_id from event_participants")
                    .GroupBy(p => p.Event)
                    .ToDictionary(g => g.Key, g => g.Select(p => (string?)p.Entity).Distinct().ToArray());
                return connection.Query<(string Id, string Kind, string? OccurredOn)>("select id, kind, occurred_on from events")
                    .Select(v => new Row(v.Id,
                        new Dictionary<string, string?[]>
                        {
                            ["kind"] = [v.Kind], ["participant"] = Of(participants, v.Id), ["source"] = Of(sources, v.Id),
                        },
                        new Dictionary<string, object?> { ["occurredOn"] = v.OccurredOn }))
                    .ToList();
            }
            case "entities":
            {
                var sources = Cited("entity");
                return connection.Query<(string Id, string Kind, string? Parent)>("select id, kind, parent_id from entities")
                    .Select(e => new Row(e.Id,
                        new Dictionary<string, string?[]>
                        {
                            ["kind"] = [e.Kind], ["parent"] = [e.Parent], ["source"] = Of(sources, e.Id),
                        },
                        new Dictionary<string, object?>()))
                    .ToList();
            }
            case "sources":
                return connection.Query<(string Id, string Kind, string? PublishedOn)>("select id, kind, published_on from sources")
                    .Select(s => new Row(s.Id,
                        new Dictionary<string, string?[]> { ["kind"] = [s.Kind], ["source"] = [s.Id] },
                        new Dictionary<string, object?> { ["publishedOn"] = s.PublishedOn }))
                    .ToList();
            default:
                throw new ArgumentException(list);
        }
    }

    static readonly HashSet<string> NotFilters = ["limit", "sort", "cursor", "count", "facet", "fields"];

    /// <summary>
    /// Whether a row matches every filter of a query string (<c>kind=ne:actual&amp;value=gte:1200</c>), with the
    /// meaning the API documents: a value alone is eq; ne and in for ids and enums (a record matches ne when none of
    /// its values is the one named); eq, ne, gt, gte, lt, lte for numbers and dates, each occurrence one more
    /// condition; an unknown date never matches a comparison.
    /// </summary>
    public static bool Matches(Row row, string query)
    {
        foreach (var (name, raw) in Parameters(query))
        {
            if (NotFilters.Contains(name)) continue;
            var colon = raw.IndexOf(':');
            var op = colon < 0 ? "eq" : raw[..colon];
            var text = colon < 0 ? raw : raw[(colon + 1)..];

            if (row.Refs.TryGetValue(name, out var values))
            {
                var ok = op switch
                {
                    "eq" => values.Contains(text),
                    "ne" => !values.Contains(text),
                    "in" => text.Split(',').Any(v => values.Contains(v)),
                    _ => throw new ArgumentException($"{name}: {raw}"),
                };
                if (!ok) return false;
            }
            else if (row.Scalars.TryGetValue(name, out var scalar))
            {
                if (scalar is null) return false;
                var c = scalar is double number
                    ? number.CompareTo(double.Parse(text, CultureInfo.InvariantCulture))
                    : string.CompareOrdinal((string)scalar, text);
                var ok = op switch
                {
                    "eq" => c == 0, "ne" => c != 0, "gt" => c > 0, "gte" => c >= 0, "lt" => c < 0, "lte" => c <= 0,
                    _ => throw new ArgumentException($"{name}: {raw}"),
                };
                if (!ok) return false;
            }
            else
            {
                throw new ArgumentException($"The oracle does not know the filter {name}.");
            }
        }
        return true;
    }

    public static List<(string Name, string Value)> Parameters(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p.Length > 1 ? p[1] : "")))
            .ToList();

    /// <summary>The ids of the rows that match, sorted, to compare with <see cref="Expect.IdSet"/>.</summary>
    public static List<string> MatchingIds(IEnumerable<Row> rows, string query) =>
        rows.Where(r => Matches(r, query)).Select(r => r.Id).Order(StringComparer.Ordinal).ToList();

    /// <summary>The readable name of each value of a facet: entity names, metric labels, source titles; null for enums.</summary>
    public static Func<string?, string?> Labels(ApiFactory factory, string facet)
    {
        using var connection = factory.OpenDatabase();
        var sql = facet switch
        {
            "metric" => "select id, label from metrics",
            "reportedBy" or "speaker" or "participant" or "parent" => "select id, name from entities",
            "source" => "select id, title from sources",
            _ => null,
        };
        if (sql is null) return _ => null;
        var labels = connection.Query<(string Id, string Label)>(sql).ToDictionary(r => r.Id, r => r.Label);
        return value => value is null ? null : labels[value];
    }

    /// <summary>
    /// The facet as the API should write it: for each value, how many of the matching rows have it (each row
    /// once), most frequent first and then by value (null first), at most 100, and whether more were left out.
    /// </summary>
    public static object Facet(IEnumerable<Row> matching, string facet, Func<string?, string?> label)
    {
        var counted = matching
            .SelectMany(r => r.Refs[facet].Distinct())
            .GroupBy(v => v)
            .Select(g => (Value: g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Value, StringComparer.Ordinal)
            .ToList();
        return new
        {
            values = counted.Take(100).Select(g => new { value = g.Value, label = label(g.Value), count = g.Count }).ToArray(),
            truncated = counted.Count > 100,
        };
    }
}
