using Microsoft.AspNetCore.Http.HttpResults;

namespace EnforcementApi.Querying;

/// <summary>
/// Collects what is wrong with a request's query, per parameter, so that one 400 answer lists every
/// problem at once.
/// </summary>
public sealed class QueryErrors
{
    readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public bool Has(string parameter) => errors.ContainsKey(parameter);

    /// <summary>Every problem, parameter by parameter: what an HTML page lists.</summary>
    public IEnumerable<KeyValuePair<string, string[]>> All => errors.Select(e => KeyValuePair.Create(e.Key, e.Value.ToArray()));

    public void Add(string parameter, string message)
    {
        if (!errors.TryGetValue(parameter, out var messages)) errors[parameter] = messages = [];
        messages.Add(message);
    }

    public ValidationProblem ToProblem() => Problem(
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    public static ValidationProblem Problem(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            title: "The request's query parameters are invalid.",
            detail: string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));

    /// <summary>Quotes a value the client sent, cut short so that a huge value does not come back whole.</summary>
    public static string Quote(string value) =>
        "'" + (value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 80), "…")) + "'";
}
