using System.Globalization;
using System.Text.Json.Nodes;

namespace EnforcementApi.Tests.Support;

/// <summary>
/// Bodies of synthetic records for write requests, and ids and words for them: nothing here describes a
/// real person, agency or event.
/// </summary>
public static class Make
{
    public static string Id(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A made-up word of letters only that no other record holds, for search.</summary>
    public static string Word() =>
        "zq" + new string(Guid.NewGuid().ToString("N")[..12].Select(c => (char)('g' + Convert.ToInt32(c.ToString(), 16))).ToArray());

    public static JsonObject Source(string? id, string title = "Test Source Document", string kind = "report") => new()
    {
        ["id"] = id, ["kind"] = kind, ["title"] = title, ["publisher"] = "Test Publisher", ["url"] = "https://example.org/test-document",
        ["author"] = "Test Author", ["publishedOn"] = "2024-03-15", ["retrievedAt"] = "2024-03-16T09:30:00Z", ["language"] = "en",
    };

    public static JsonObject Organization(string? id, string name = "Test Office", string? parent = null, string summary = "A synthetic office for tests.") => new()
    {
        ["id"] = id, ["kind"] = "organization", ["name"] = name, ["shortName"] = "TO", ["summary"] = summary,
        ["parent"] = parent is null ? null : new JsonObject { ["id"] = parent },
    };

    public static JsonObject Person(string? id, string name = "Test Official", string? roleTitle = null, string? roleOrganization = null,
        string summary = "A synthetic official for tests.") => new()
    {
        ["id"] = id, ["kind"] = "person", ["name"] = name, ["summary"] = summary,
        ["roles"] = roleTitle is null ? new JsonArray() : new JsonArray(Role(roleTitle, roleOrganization)),
    };

    public static JsonObject Role(string title, string? organization, string? startedOn = "2024-01-01") => new()
    {
        ["title"] = title, ["organization"] = organization is null ? null : new JsonObject { ["id"] = organization },
        ["startedOn"] = startedOn,
    };

    public static JsonObject Citation(string source, string excerpt, int? charStart = null, int? paragraph = null) => new()
    {
        ["sourceId"] = source, ["excerpt"] = excerpt,
        ["location"] = charStart is { } start
            ? new JsonObject { ["charStart"] = start, ["charEnd"] = start + excerpt.EnumerateRunes().Count(), ["paragraph"] = paragraph }
            : null,
    };

    public static JsonArray Cite(string source, string excerpt) => new(Citation(source, excerpt));

    public static JsonObject Participant(string entity, string role) => new()
    {
        ["entity"] = new JsonObject { ["id"] = entity }, ["role"] = role,
    };

    public static JsonObject Event(string? id, string source, string title = "Test office announcement", params (string Entity, string Role)[] participants) => new()
    {
        ["id"] = id, ["kind"] = "announcement", ["title"] = title, ["summary"] = "A synthetic event for tests.",
        ["occurredOn"] = "2024-04-02", ["datePrecision"] = "day",
        ["participants"] = new JsonArray(participants.Select(p => (JsonNode)Participant(p.Entity, p.Role)).ToArray()),
        ["citations"] = Cite(source, "a synthetic announcement was made"),
    };

    /// <summary>A figure of the month <paramref name="period"/> (<c>yyyy-MM</c>), from its first day to its last.</summary>
    public static JsonObject Figure(string? id, string source, string reportedBy, decimal value = 100, string statedAs = "tallied",
        string metric = "removals", string? periodLabel = "test period", string period = "2024-01",
        string? valueQualifier = "approximately") => new()
    {
        ["id"] = id, ["metric"] = metric, ["kind"] = "actual", ["value"] = value, ["valueQualifier"] = valueQualifier, ["unit"] = "people",
        ["periodStart"] = period + "-01", ["periodEnd"] = LastDayOf(period), ["periodLabel"] = periodLabel,
        ["scope"] = "US", ["reportedBy"] = new JsonObject { ["id"] = reportedBy }, ["statedAs"] = statedAs,
        ["citations"] = Cite(source, $"about {value} people were {statedAs}"),
    };

    static string LastDayOf(string month) =>
        DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(1).AddDays(-1)
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static JsonObject Statement(string? id, string source, string speaker, string text = "Synthetic words spoken for a test.",
        string? roleTitle = null, string? roleOrganization = null) => new()
    {
        ["id"] = id, ["speaker"] = new JsonObject { ["id"] = speaker },
        ["speakerRole"] = roleTitle is null ? null : new JsonObject
        {
            ["title"] = roleTitle, ["organization"] = roleOrganization is null ? null : new JsonObject { ["id"] = roleOrganization },
        },
        ["text"] = text, ["quoteType"] = "direct", ["saidOn"] = "2024-04-02", ["datePrecision"] = "day", ["channel"] = "press_release",
        ["citations"] = Cite(source, text),
    };
}
