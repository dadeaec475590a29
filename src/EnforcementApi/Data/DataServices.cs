using Dapper;

namespace EnforcementApi.Data;

public static class DataServices
{
    public static IServiceCollection AddEnforcementData(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        DapperTypeHandlers.Register();

        services.AddOptions<DatabaseOptions>()
            .Configure(o =>
            {
                o.ConnectionString = configuration.GetConnectionString("Enforcement") ?? "";
                o.Provider = configuration.GetValue<string>("Database:Provider") ?? "sqlite";
                o.ReadConnectionString = configuration.GetConnectionString("EnforcementRead") is { Length: > 0 } read ? read : null;
                o.ReplicaMaxLagSeconds = configuration.GetValue<double?>("Database:ReplicaMaxLagSeconds") ?? 5;
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString),
                "ConnectionStrings:Enforcement is not set; set it, e.g. 'Data Source=/path/enforcement.db' (SQLite) " +
                "or 'Host=localhost;Database=enforcement;Username=enforcement' (PostgreSQL, with Database:Provider=postgres).")
            .Validate(o => o.ReadConnectionString is null || Dialect.Named(o.Provider) == Dialect.Postgres,
                "ConnectionStrings:EnforcementRead names a read replica, which only PostgreSQL has (Database:Provider=postgres); remove it on SQLite.")
            .Validate(o => o.ReplicaMaxLagSeconds is > 0 and <= 3600,
                "Database:ReplicaMaxLagSeconds must be more than 0 and at most 3600.")
            .ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
            var dialect = Dialect.Named(options.Provider);
            var busyTimeout = configuration.GetValue<int?>("Database:BusyTimeoutSeconds") ?? 5;
            return new Db(
                dialect == Dialect.Postgres
                    ? DatabaseOptions.ResolvePostgres(options.ConnectionString, busyTimeout)
                    : DatabaseOptions.Resolve(options.ConnectionString, environment.ContentRootPath, busyTimeout),
                configuration.GetValue<long?>("Database:MaxPageCount"),
                configuration.GetValue<bool>("Database:LogStatements") ? sp.GetRequiredService<ILoggerFactory>().CreateLogger("EnforcementApi.Sql") : null,
                dialect,
                options.ReadConnectionString is { } read && dialect == Dialect.Postgres ? DatabaseOptions.ResolvePostgres(read, busyTimeout) : null,
                TimeSpan.FromSeconds(options.ReplicaMaxLagSeconds));
        });
        services.AddHostedService<ReplicaProbe>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<QueryCache>();
        return services;
    }
}
