using System.ComponentModel;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Figures;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Data.Common;

namespace EnforcementApi.Metrics;

/// <summary>A metric of the controlled vocabulary that figures count.</summary>
public sealed record Metric(
    [property: Description("The metric's id, as figures give it in `metric`.")] string Id,
    [property: Description("A short label for display.")] string Label,
    [property: Description("The unit a plain count of this metric has.")] FigureUnit Unit,
    [property: Description("What the metric counts.")] string Definition);

public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/metrics").WithTags("Metrics")
            .MapGet("/", ListMetrics).WithName(nameof(ListMetrics))
            .WithSummary("List metrics")
            .WithDescription("""
                The controlled vocabulary of what figures count (`arrests`, `removals`, ...), each with its
                definition. The whole vocabulary comes in one page, ordered by id.
                """);
        return api;
    }

    const string MetricsSql = "select id, label, unit, definition from metrics order by id";

    static async Task<Ok<Page<Metric>>> ListMetrics(Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return TypedResults.Ok(new Page<Metric>(await LoadAsync(connection, ct), null));
    }

    /// <summary>The whole vocabulary, ordered by id: the list's one page, and the choices of the pages' forms.</summary>
    internal static async Task<List<Metric>> LoadAsync(DbConnection connection, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(string Id, string Label, string Unit, string Definition)>(
            new CommandDefinition(MetricsSql, cancellationToken: ct));
        return rows.Select(r => new Metric(r.Id, r.Label, Wire<FigureUnit>.Parse(r.Unit), r.Definition)).ToList();
    }

    /// <summary>The ids of the vocabulary, in order, for checking a <c>metric</c> filter.</summary>
    internal static async Task<List<string>> IdsAsync(DbConnection connection) =>
        (await connection.QueryAsync<string>("select id from metrics order by id")).AsList();
}
