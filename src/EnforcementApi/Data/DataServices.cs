using Dapper;

namespace EnforcementApi.Data;

public static class DataServices
{
    public static IServiceCollection AddEnforcementData(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        DapperTypeHandlers.Register();

        services.AddOptions<DatabaseOptions>()
            .Configure(o => o.ConnectionString = configuration.GetConnectionString("Enforcement") ?? "")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString),
                "ConnectionStrings:Enforcement is not set; set it, e.g. 'Data Source=/path/enforcement.db'.")
            .ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
            return new Db(DatabaseOptions.Resolve(options.ConnectionString, environment.ContentRootPath,
                    configuration.GetValue<int?>("Database:BusyTimeoutSeconds") ?? 5),
                configuration.GetValue<long?>("Database:MaxPageCount"),
                configuration.GetValue<bool>("Database:LogStatements") ? sp.GetRequiredService<ILoggerFactory>().CreateLogger("EnforcementApi.Sql") : null);
        });
        services.AddSingleton<Migrator>();
        services.AddSingleton<QueryCache>();
        return services;
    }
}
