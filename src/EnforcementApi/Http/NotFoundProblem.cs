using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace EnforcementApi.Http;

/// <summary>
/// 404 with a problem-details body. <c>NotFound&lt;ProblemDetails&gt;</c> would write it as
/// <c>application/json</c>; this writes <c>application/problem+json</c> through the problem details
/// service (which adds the traceId) and declares exactly that in the contract.
/// </summary>
public sealed class NotFoundProblem(ProblemDetails problem)
    : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>, IEndpointMetadataProvider
{
    public ProblemDetails Value => problem;
    object? IValueHttpResult.Value => problem;
    public int? StatusCode => StatusCodes.Status404NotFound;

    public Task ExecuteAsync(HttpContext http) => TypedResults.Problem(problem).ExecuteAsync(http);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(
            StatusCodes.Status404NotFound, typeof(ProblemDetails), ["application/problem+json"]));

    /// <summary>The answer for an id that no record of this kind has.</summary>
    public static NotFoundProblem For(string noun, string id) => new(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        Title = $"The {noun} was not found.",
        Detail = $"No {noun} has the id {QueryErrors.Quote(id)}.",
    });
}
