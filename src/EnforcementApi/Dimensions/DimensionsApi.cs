using System.Data.Common;
using System.ComponentModel;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Querying;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EnforcementApi.Dimensions;

/// <summary>A way sources break a count down, with the values it takes.</summary>
public sealed record Dimension(
    [property: Description("The dimension's id, as a figure's `breakdown.dimension` gives it.")] string Id,
    [property: Description("A short name for display.")] string Name,
    [property: Description("What the dimension divides a count by, and what its values are.")] string Description,
    [property: Description("Every value a breakdown of this dimension may take, ordered by value.")] IReadOnlyList<DimensionValue> Values);

/// <summary>One value of a dimension.</summary>
public sealed record DimensionValue(
    [property: Description("The value, as a figure's `breakdown.value` gives it: `MX`, `convicted`, `dallas`.")] string Value,
    [property: Description("The value as a reader sees it: `Mexico`, `Convicted of a crime`, `Dallas`.")] string Label);

public static class DimensionsApi
{
    public static IEndpointRouteBuilder MapDimensions(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/dimensions").WithTags("Metrics")
            .MapGet("/", ListDimensions).WithName(nameof(ListDimensions))
            .WithSummary("List dimensions")
            .WithDescription("""
                The ways figures are broken down (`citizenship`, `criminality`, `area_of_responsibility`,
                `arresting_agency`), each with every value it takes and the value's label. A figure with a
                `breakdown` is one part of a count; the whole count has none. The whole vocabulary comes in one
                page, ordered by id.
                """);
        return api;
    }

    const string DimensionsSql = "select id, name, description from dimensions order by id";
    const string ValuesSql = "select dimension_id, value, label from dimension_values order by dimension_id, value";

    static async Task<Ok<Page<Dimension>>> ListDimensions(Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return TypedResults.Ok(new Page<Dimension>(await LoadAsync(connection, ct), null));
    }

    /// <summary>Every dimension with its values, ordered by id: the list's one page, and the choices of the pages' forms.</summary>
    internal static async Task<List<Dimension>> LoadAsync(DbConnection connection, CancellationToken ct)
    {
        var values = (await connection.QueryAsync<(string DimensionId, string Value, string Label)>(new CommandDefinition(ValuesSql, cancellationToken: ct)))
            .ToLookup(v => v.DimensionId, v => new DimensionValue(v.Value, v.Label));
        var dimensions = await connection.QueryAsync<(string Id, string Name, string Description)>(new CommandDefinition(DimensionsSql, cancellationToken: ct));
        return dimensions.Select(d => new Dimension(d.Id, d.Name, d.Description, values[d.Id].ToList())).ToList();
    }
}
