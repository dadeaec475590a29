using System.Text.Encodings.Web;
using EnforcementApi.Querying;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EnforcementApi.Pages;

/// <summary>
/// A page's query string as its form sends it. An empty field is no filter (a form sends every field,
/// filled or not); a parameter the page does not take, or one given twice, is an error the page shows,
/// as the API refuses one, rather than a silently unfiltered list.
/// </summary>
public sealed class PageQuery
{
    readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    readonly Dictionary<string, string[]> repeated = new(StringComparer.Ordinal);

    public QueryErrors Errors { get; } = new();

    /// <param name="parameters">What the page takes.</param>
    /// <param name="repeatable">Those of them that may be given more than once (a range: <c>value=gte:1&amp;value=lt:9</c>).</param>
    public PageQuery(HttpRequest request, IReadOnlyCollection<string> parameters, IReadOnlyCollection<string> repeatable)
    {
        foreach (var (name, given) in request.Query)
        {
            if (!parameters.Contains(name))
                Errors.Add(name, $"Is not a parameter of this page; its parameters are: {string.Join(", ", parameters)}.");
            else if (given.Count > 1 && !repeatable.Contains(name))
                Errors.Add(name, "Is given more than once; give it once.");
            else if (given.Count > 1)
                repeated[name] = given.Where(v => v is { Length: > 0 }).Select(v => v!).ToArray();
            else if (given[0] is { Length: > 0 } value)
                values[name] = value;
        }
    }

    public PageQuery(HttpRequest request, params string[] parameters) : this(request, parameters, []) { }

    /// <summary>
    /// A list's page: it takes every parameter the list takes (the list query type's own), each as the list
    /// does, and <paramref name="more"/> of its own.
    /// </summary>
    internal static PageQuery ForList<TQuery>(HttpRequest request, params string[] more) where TQuery : class
    {
        var parameters = ListParameters.PropertiesOf(typeof(TQuery));
        return new PageQuery(request, [.. parameters.Keys, .. more],
            parameters.Where(p => p.Value.PropertyType == typeof(string[])).Select(p => p.Key).ToList());
    }

    /// <summary>The values a list page hands its list: as given, but always with the total, which the page shows.</summary>
    public string[]? ListValues(string name) => name == "count" ? ["true"] : All(name);

    /// <summary>How many records a list page shows unless asked for more or fewer: what the list gives.</summary>
    public const int DefaultLimit = QueryDocs.DefaultLimit;

    /// <summary>Every value given for the parameter (several for a repeated one); null when none.</summary>
    public string[]? All(string name) =>
        repeated.TryGetValue(name, out var many) ? many : values.TryGetValue(name, out var one) ? [one] : null;

    /// <summary>The parameter's value; null when it is absent or empty.</summary>
    public string? this[string name] => values.GetValueOrDefault(name);

    /// <summary>The non-empty parameters, in the order given (for links that keep the query).</summary>
    public IReadOnlyDictionary<string, string> Values => values;

    /// <summary>Adds the problems an API handler found (its 400), so the page lists them with its own.</summary>
    public void Add(ValidationProblem problem)
    {
        foreach (var (name, messages) in problem.ProblemDetails.Errors)
            foreach (var message in messages)
                Errors.Add(name, message);
    }

    /// <summary>
    /// A URL of <paramref name="path"/> with these parameters, then <paramref name="changes"/> (a null value
    /// removes the parameter), each encoded.
    /// </summary>
    public string Link(string path, params (string Name, string? Value)[] changes) => Url(path, values, changes);

    public static string Url(string path, IEnumerable<KeyValuePair<string, string>> parameters, params (string Name, string? Value)[] changes)
    {
        var merged = parameters.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);
        foreach (var (name, value) in changes) merged[name] = value;
        var query = string.Join("&", merged.Where(p => p.Value is not null)
            .Select(p => UrlEncoder.Default.Encode(p.Key) + "=" + UrlEncoder.Default.Encode(p.Value!)));
        return query.Length == 0 ? path : path + "?" + query;
    }
}
