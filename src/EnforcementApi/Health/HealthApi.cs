using System.ComponentModel;
using System.Text.Json;
using Dapper;
using EnforcementApi.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnforcementApi.Health;

/// <summary>
/// <c>/health/live</c> answers while the process serves requests; <c>/health/ready</c> also checks that
/// the database opens, answers a query and has every migration this build knows.
/// </summary>
public static class HealthApi
{
    public static IServiceCollection AddApiHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync });
        return app;
    }

    /// <summary>What a probe answers: the overall status and each check's.</summary>
    public sealed record Health(
        [property: Description("`Healthy`, `Degraded` (reads work, writes do not: the database is read-only) or `Unhealthy` (then the status code is 503).")] string Status,
        [property: Description("Each check by name (`database` for readiness; none for liveness).")] IReadOnlyDictionary<string, HealthCheckOutcome> Checks);

    /// <summary>One check of a probe.</summary>
    public sealed record HealthCheckOutcome(
        [property: Description("`Healthy`, `Degraded` or `Unhealthy`.")] string Status,
        [property: Description("What the check found, in words: the schema version, or why the database cannot be used.")] string? Description);

    static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var health = new Health(report.Status.ToString(),
            report.Entries.ToDictionary(e => e.Key, e => new HealthCheckOutcome(e.Value.Status.ToString(), e.Value.Description)));
        return JsonSerializer.SerializeAsync(http.Response.Body, health, JsonSerializerOptions.Web, http.RequestAborted);
    }

    sealed class DatabaseHealthCheck(Db db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                await using var connection = await db.OpenAsync(ct);
                var version = await connection.ExecuteScalarAsync<long?>("select max(version) from schema_migrations") ?? 0;
                var expected = Migrator.Bundled[^1].Version;
                if (version != expected)
                    return HealthCheckResult.Unhealthy($"Database at schema version {version}; this build expects {expected}.");
                return db.IsReadOnly
                    ? HealthCheckResult.Degraded($"Database at schema version {version}, read-only: reads work, writes answer 503.")
                    : HealthCheckResult.Healthy($"Database at schema version {version}.");
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy("The database cannot be read: " + e.Message);
            }
        }
    }
}
