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
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString),
                "ConnectionStrings:Enforcement is not set; set it, e.g. 'Data Source=/path/enforcement.db' (SQLite) " +
                "or 'Host=localhost;Database=enforcement;Username=enforcement' (PostgreSQL, with Database:Provider=postgres).")
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
                dialect);
        });
        services.AddSingleton<Migrator>();
        services.AddSingleton<QueryCache>();
        return services;
    }
}
