using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EnforcementApi.Auth;

/// <summary>
/// Reads are public; writes need <c>Authorization: Bearer KEY</c>. No key, a wrong key or a revoked key
/// is a 401 problem with <c>WWW-Authenticate</c>; a key without the scope is a 403 problem.
/// </summary>
public static class ApiKeyAuthentication
{
    public const string SchemeName = "ApiKey";
    public const string WritePolicy = "write";
    public const string AdminPolicy = "admin";
    public const string ScopeClaim = "scope";

    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeys>();
        services.AddAuthentication(SchemeName).AddScheme<AuthenticationSchemeOptions, Handler>(SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(WritePolicy, p => p.RequireClaim(ScopeClaim, "write", "admin"))
            .AddPolicy(AdminPolicy, p => p.RequireClaim(ScopeClaim, "admin"));
        return services;
    }

    /// <summary>The name of the key that made the request, for revisions.</summary>
    public static string KeyName(this HttpContext http) => http.User.Identity?.Name ?? "anonymous";

    sealed class Handler(
        IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
        ApiKeys keys, IProblemDetailsService problems)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        const string Challenge = "Bearer realm=\"EnforcementApi\"";

        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            string? header = Request.Headers.Authorization;
            if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                return AuthenticateResult.Fail("The Authorization header is not a Bearer key.");

            // The key is never logged: a failure says why, not what was sent.
            var verified = await keys.VerifyAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
            if (verified is null) return AuthenticateResult.Fail("The key is not valid, or was revoked.");

            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, verified.Name), new Claim(ScopeClaim, verified.Scope == KeyScope.Admin ? "admin" : "write")],
                SchemeName);
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
        }

        protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            var result = await HandleAuthenticateOnceSafeAsync();
            var invalid = result.Failure is not null;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = invalid ? Challenge + ", error=\"invalid_token\"" : Challenge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = Context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status401Unauthorized,
                    Title = "An API key is required.",
                    Detail = invalid
                        ? result.Failure!.Message + " Send a live key as Authorization: Bearer KEY."
                        : "Writes need a key: send Authorization: Bearer KEY. An administrator creates keys with `keys create`.",
                },
            });
        }

        protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = Context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "The key's scope does not allow this.",
                    Detail = "This operation needs a key with a broader scope.",
                },
            });
        }
    }
}
