using EnforcementApi.Querying;

namespace EnforcementApi.Http;

internal static class ApiV1
{
    /// <summary>
    /// The <c>/api/v1</c> group: every operation refuses unknown query parameters, tags its answers with an
    /// ETag, and can answer 400, 304 and 500 as problem details, which the contract states once here.
    /// </summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1")
            .RejectUnknownQueryParameters()
            .WithETags()
            .ProducesValidationProblem()
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)))
            .ProducesProblem(StatusCodes.Status500InternalServerError);
}
