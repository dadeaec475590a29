using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace EnforcementApi.Http;

/// <summary>
/// Every error is RFC 9457 problem details with a traceId, including the ones the framework raises
/// itself (a body it cannot bind, a route that does not exist, an exception).
/// </summary>
internal static class Problems
{
    public static IServiceCollection AddApiProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier));
        // After the framework's writer: it answers when the client accepts JSON; this one answers otherwise.
        services.AddSingleton<IProblemDetailsWriter, AnyAcceptProblemWriter>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Without this, a request the framework cannot bind ends as a bare 400 with no word of why.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>
    /// Problem details whatever the request's Accept header says. The framework's writer declines a client
    /// that does not accept JSON, which would leave an error as an empty 500 or as plain text; an error
    /// answer has one form here, and a client that asked for XML still learns what went wrong.
    /// </summary>
    sealed class AnyAcceptProblemWriter(Microsoft.Extensions.Options.IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => true;

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            var http = context.HttpContext;
            var problem = context.ProblemDetails;
            problem.Status ??= http.Response.StatusCode;
            problem.Title ??= Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(problem.Status.Value);
            problem.Type ??= "https://tools.ietf.org/html/rfc9110";
            options.Value.CustomizeProblemDetails?.Invoke(context);
            return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json"));
        }
    }

    /// <summary>
    /// The status and detail a failure is answered with, other than a 500: a malformed request's own (400, 413, 415),
    /// or the database's own conditions, which are the server's state and pass (a lock held too long, a read-only
    /// database, a full disk; the write is rolled back). Null for a 500.
    /// </summary>
    public static (int Status, string Detail)? AnswerTo(Exception exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, bad.Message),
        _ => Data.Dialect.Condition(exception),
    };

    /// <summary>A malformed request gets its own status (400, 413, 415), not a 500.</summary>
    sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (AnswerTo(exception) is not var (status, detail)) return false;
            http.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable) http.Response.Headers.RetryAfter = "5";
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails = { Status = status, Detail = detail },
            });
        }
    }
}
