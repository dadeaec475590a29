using System.Reflection;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using System.Data.Common;

namespace EnforcementApi.Http;

/// <summary>
/// A record that is not there: 404 when no record ever had the id, 410 Gone when it was deleted. Written
/// as <c>application/problem+json</c> through the problem details service (which adds the traceId), and
/// declared so in the contract. (<c>NotFound&lt;ProblemDetails&gt;</c> would write plain JSON.)
/// </summary>
public sealed class MissingRecord(ProblemDetails problem)
    : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>, IEndpointMetadataProvider
{
    public ProblemDetails Value => problem;
    object? IValueHttpResult.Value => problem;
    public int? StatusCode => problem.Status;

    public Task ExecuteAsync(HttpContext http) => TypedResults.Problem(problem).ExecuteAsync(http);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound, typeof(ProblemDetails), ["application/problem+json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status410Gone, typeof(ProblemDetails), ["application/problem+json"]));
    }

    /// <summary>The answer for an id that no record of this kind has now: 410 if one had it, else 404.</summary>
    public static async Task<MissingRecord> ForAsync(DbConnection connection, RecordType type, string id)
    {
        var noun = RecordKinds.Of(type).Name;
        var deleted = await connection.ExecuteScalarAsync<long>(
            "select count(*) from deleted_records where record_type = @type and record_id = @id",
            new { type = Wire<RecordType>.Name(type), id });
        return deleted > 0
            ? new(new ProblemDetails
            {
                Status = StatusCodes.Status410Gone,
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.11",
                Title = $"The {noun} was deleted.",
                Detail = $"The {noun} {QueryErrors.Quote(id)} was deleted; its history remains under its revisions.",
            })
            : For(noun, id);
    }

    public static MissingRecord For(string noun, string id) => new(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        Title = $"The {noun} was not found.",
        Detail = $"No {noun} has the id {QueryErrors.Quote(id)}.",
    });
}
