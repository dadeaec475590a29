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

    public QueryErrors Errors { get; } = new();

    public PageQuery(HttpRequest request, params string[] parameters)
    {
        foreach (var (name, given) in request.Query)
        {
            if (!parameters.Contains(name))
                Errors.Add(name, $"Is not a parameter of this page; its parameters are: {string.Join(", ", parameters)}.");
            else if (given.Count > 1)
                Errors.Add(name, "Is given more than once; give it once.");
            else if (given[0] is { Length: > 0 } value)
                values[name] = value;
        }
    }

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
