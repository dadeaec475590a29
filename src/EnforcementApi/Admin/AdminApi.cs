using System.ComponentModel;
using EnforcementApi.Auth;
using EnforcementApi.Querying;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EnforcementApi.Admin;

/// <summary>Key administration over HTTP, for keys with scope <c>admin</c>; the same as the <c>keys</c> command.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/admin/keys").WithTags("Admin")
            .RequireAuthorization(ApiKeyAuthentication.AdminPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", ListKeys).WithName(nameof(ListKeys))
            .WithSummary("List API keys")
            .WithDescription("Every key's name, scope, and when it was created, last used and revoked; never the key. Needs a key with scope `admin`.");

        group.MapPost("/{name}/revoke", RevokeKey).WithName(nameof(RevokeKey))
            .WithSummary("Revoke an API key")
            .WithDescription("Revokes the key with this name: requests with it are refused from now on. Needs a key with scope `admin`.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    static Ok<Page<ApiKeyInfo>> ListKeys(ApiKeys keys) => TypedResults.Ok(new Page<ApiKeyInfo>(keys.List(), null));

    static Results<NoContent, ProblemHttpResult> RevokeKey([Description("The key's name.")] string name, ApiKeys keys) =>
        keys.Revoke(name)
            ? TypedResults.NoContent()
            : TypedResults.Problem(title: "The key was not found.", detail: $"No live key is named {QueryErrors.Quote(name)}.", statusCode: StatusCodes.Status404NotFound);
}
