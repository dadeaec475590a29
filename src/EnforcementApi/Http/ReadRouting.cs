using System.Globalization;
using EnforcementApi.Data;
using Microsoft.Extensions.Primitives;

namespace EnforcementApi.Http;

/// <summary>
/// Which server answers a request when a read replica is configured. Anonymous reads go to the replica while it is
/// within its lag bound. Everything else goes to the primary: writes; any request with a key (so a client that writes
/// with its key and reads with it always reads its own writes); and, for as long as the bound, the reads of a
/// client that has just written and sends back the cookie its write's answer set. Other clients see a write once the
/// replica has it: within <c>Database:ReplicaMaxLagSeconds</c>, which <c>/health/ready</c> reports.
/// </summary>
internal static class ReadRouting
{
    /// <summary>Set on a write's answer; its presence sends the client's reads to the primary until it expires.</summary>
    public const string WroteCookie = "enforcement-wrote";

    public static WebApplication UseReadRouting(this WebApplication app)
    {
        var db = app.Services.GetRequiredService<Db>();
        if (db.Replica is not { } replica) return app;
        var cookie = $"{WroteCookie}=1; Max-Age={Math.Ceiling(replica.MaxLag.TotalSeconds + 1).ToString(CultureInfo.InvariantCulture)}; Path=/; HttpOnly; SameSite=Lax";
        // Async, so that the choice is undone when the request ends and never reaches the connection's next request.
        app.Use(async (http, next) =>
        {
            var request = http.Request;
            var isRead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
            db.ChooseServer(isRead && StringValues.IsNullOrEmpty(request.Headers.Authorization)
                            && !request.Cookies.ContainsKey(WroteCookie) && !request.Path.StartsWithSegments("/health"));
            if (!isRead && !HttpMethods.IsOptions(request.Method))
            {
                http.Response.OnStarting(() =>
                {
                    if (http.Response.StatusCode < 400) http.Response.Headers.Append("Set-Cookie", cookie);
                    return Task.CompletedTask;
                });
            }
            await next();
        });
        return app;
    }
}
