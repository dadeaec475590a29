using System.Net.Mime;
using EnforcementApi.Data;
using EnforcementApi.Docs;
using EnforcementApi.Http;
using EnforcementApi.Querying;
using EnforcementApi.Pages;
using Microsoft.Net.Http.Headers;

namespace EnforcementApi.Home;

/// <summary>
/// <c>GET /</c>: where a person who opens the server's address, or a client that asks it for JSON, learns
/// what is here and where to go next.
/// </summary>
public static class HomeApi
{
    /// <summary>The places the home page points to, in the order it lists them.</summary>
    public sealed record Link(string Rel, string Href, string Title);

    public sealed record Home(string Name, string Description, IReadOnlyList<Link> Links);

    internal static readonly Home Index = new(
        "EnforcementApi",
        "Structured, citable records about immigration enforcement: events, figures and statements, each tied to the source "
        + "that supports it and to the source's exact words.",
        [
            new("api", "/api/v1/figures", "The records, starting with the figures (also /api/v1/sources, entities, events, statements, metrics, search)"),
            new("dimensions", "/api/v1/dimensions", "How counts are broken down: by country of citizenship, criminal history, area of responsibility"),
            new("changes", "/api/v1/changes", "Every change to every record, for clients that sync"),
            new("swagger-ui", "/swagger", "Swagger UI: every operation, with examples, to try in the browser"),
            new("openapi", ApiDocs.DocumentUrl, "The OpenAPI 3.1 contract, for client generators"),
            new("dataset", "/api/v1/dataset.sqlite", "The whole dataset as one SQLite file"),
            new("health-live", "/health/live", "Liveness: the process answers"),
            new("health-ready", "/health/ready", "Readiness: the database answers and is up to date"),
        ]);

    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        // Described in the contract by Docs/ServicePaths (one operation that answers JSON or HTML).
        app.MapGet("/", Get).WithETags().ExcludeFromDescription();
        return app;
    }

    static async Task<IResult> Get(HttpContext http, Db db, QueryCache cache, CancellationToken ct)
    {
        http.Response.Headers.Vary = HeaderNames.Accept;
        var accept = http.Request.GetTypedHeaders().Accept;
        var wantsJson = accept.Any(a => a.MediaType.Value is MediaTypeNames.Application.Json or "application/*")
                        && !accept.Any(a => a.MediaType.Value is MediaTypeNames.Text.Html && a.Quality is null or > 0);
        if (!wantsJson) return await HomePages.HomeAsync(http, db, cache, ct);
        // The JSON takes no parameters; as everywhere in the API, one sent is refused rather than ignored.
        if (http.Request.Query.Count > 0)
        {
            var errors = new QueryErrors();
            foreach (var name in http.Request.Query.Keys) errors.Add(name, "Is not a parameter of this operation: / takes none.");
            return errors.ToProblem();
        }
        return TypedResults.Ok(Index);
    }
}
