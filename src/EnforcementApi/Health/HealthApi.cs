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
    public static IServiceCollection AddApiHealth(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        if (!string.IsNullOrEmpty(configuration.GetConnectionString("EnforcementRead")))
            checks.AddCheck<ReplicaHealthCheck>("replica", tags: ["ready"]);
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
        [property: Description("Each check by name (`database` for readiness, and `replica` when a read replica is configured; none for liveness).")] IReadOnlyDictionary<string, HealthCheckOutcome> Checks);

    /// <summary>One check of a probe.</summary>
    public sealed record HealthCheckOutcome(
        [property: Description("`Healthy`, `Degraded` or `Unhealthy`.")] string Status,
        [property: Description("What the check found, in words: the schema version, or why the database cannot be used.")] string? Description,
        [property: Description("The `replica` check only: at most how many seconds the read replica's data is behind the primary's now; null when it cannot be reached, and for other checks.")] double? LagSeconds = null);

    static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var health = new Health(report.Status.ToString(),
            report.Entries.ToDictionary(e => e.Key, e => new HealthCheckOutcome(e.Value.Status.ToString(), e.Value.Description,
                e.Value.Data.TryGetValue("lagSeconds", out var lag) ? (double?)lag : null)));
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
                var readOnly = db.Dialect == Dialect.Postgres
                    ? await connection.ExecuteScalarAsync<bool>("select pg_is_in_recovery() or current_setting('transaction_read_only') = 'on'")
                    : db.IsReadOnly;
                return readOnly
                    ? HealthCheckResult.Degraded($"Database at schema version {version}, read-only: reads work, writes answer 503.")
                    : HealthCheckResult.Healthy($"Database at schema version {version}.");
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy("The database cannot be read: " + e.Message);
            }
        }
    }

    /// <summary>
    /// With a read replica: Healthy while anonymous reads go to it, with its lag; Degraded (still a 200: the
    /// primary serves every read) while it is past its bound or cannot be reached. Without one, no entry.
    /// </summary>
    sealed class ReplicaHealthCheck(Db db) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            var replica = db.Replica!;
            var bound = replica.MaxLag.TotalSeconds;
            if (replica.Lag is not { } lag)
                return Task.FromResult(HealthCheckResult.Degraded(
                    $"The read replica cannot be reached ({replica.Problem}): the primary serves every read."));
            var seconds = Math.Round(lag.TotalSeconds, 3);
            var data = new Dictionary<string, object> { ["lagSeconds"] = seconds };
            return Task.FromResult(replica.Serves
                ? HealthCheckResult.Healthy($"The read replica is at most {seconds} s behind the primary (bound {bound} s): anonymous reads go to it.", data)
                : HealthCheckResult.Degraded($"The read replica is {seconds} s behind the primary, past its bound of {bound} s: the primary serves every read until it catches up.", data: data));
        }
    }
}
