using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnforcementApi.Claims;

/// <summary>
/// A checked-in set of claims with the verdict a careful person gives against the bundled records
/// (tests/EnforcementApi.Tests/Claims/claim-set.json): real sentences quoted verbatim with their source, and
/// sentences written to test a rule, marked as such. Each expected verdict names the number it is about as the
/// text writes it; the check agrees when its claim whose words hold that number has the same verdict.
/// </summary>
internal sealed record ClaimSet(string About, IReadOnlyList<SetClaim> Claims)
{
    public static ClaimSet Load(string path) =>
        JsonSerializer.Deserialize<ClaimSet>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        }) ?? throw new InvalidDataException($"{path} holds no claim set.");

    /// <summary>The verdict the check gave the number, or null when it read no claim holding it.</summary>
    public static ClaimVerdict? VerdictOf(ClaimReport report, string number) =>
        report.Claims.FirstOrDefault(c => c.Excerpt.Contains(number, StringComparison.Ordinal))?.Verdict;
}

/// <summary>One text of the set: the words checked, the day they are read for, where they come from, and the expected verdicts.</summary>
internal sealed record SetClaim(string Id, string Text, string AsOf, SetSource? Source, string? Written, IReadOnlyList<ExpectedVerdict> Expect);

/// <summary>The source a real claim is quoted from; null for a claim written to test a rule.</summary>
internal sealed record SetSource(string Id, string Title, string Publisher, string? Url, string? PublishedOn);

/// <summary>The verdict expected for one number of the text, and why a careful reader gives it.</summary>
internal sealed record ExpectedVerdict(string Number, ClaimVerdict Verdict, string Because);
