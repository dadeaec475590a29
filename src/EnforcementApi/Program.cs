using EnforcementApi;
using EnforcementApi.Admin;
using EnforcementApi.Auth;
using EnforcementApi.Bulk;
using EnforcementApi.Changes;
using EnforcementApi.Claims;
using EnforcementApi.Data;
using EnforcementApi.Dimensions;
using EnforcementApi.Docs;
using EnforcementApi.Drafts;
using EnforcementApi.Entities;
using EnforcementApi.Events;
using EnforcementApi.Figures;
using EnforcementApi.Health;
using EnforcementApi.Home;
using EnforcementApi.Http;
using EnforcementApi.Json;
using EnforcementApi.Metrics;
using EnforcementApi.Pages;
using EnforcementApi.Search;
using EnforcementApi.Sources;
using EnforcementApi.Statements;
using EnforcementApi.Writes;

if (Cli.IsCommand(args)) return Cli.Run(args);

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddEnforcementData(builder.Configuration, builder.Environment);
builder.Services.AddApiProblems();
builder.Services.AddApiDocs();
builder.Services.AddApiHealth(builder.Configuration);
builder.Services.AddApiKeys();
builder.Services.Configure<ApiOptions>(builder.Configuration.GetSection("Api"));
builder.Services.AddSingleton<ImportJobs>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ImportJobs>());
builder.Services.AddApiJson();
builder.AddApiHardening();
builder.AddApiCaching();

var app = builder.Build();

try
{
    await DatabaseSetup.PrepareAsync(app.Services);
    await app.Services.GetRequiredService<ImportJobs>().StartUpAsync();
}
catch (DatabaseTooNewException e)
{
    Console.Error.WriteLine("EnforcementApi cannot start: " + e.Message);
    return 1;
}
catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode is 11 or 26)
{
    Console.Error.WriteLine($"EnforcementApi cannot start: the database '{app.Services.GetRequiredService<Db>().DataSource}' is not a " +
        $"SQLite database or is corrupt ({e.Message}). Restore it from a backup or a dataset download, or point ConnectionStrings__Enforcement at another file.");
    return 2;
}

app.UseHeadRequests();
app.UseRouting();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseApiHardening();
app.UseReadRouting();
app.UseApiCompression();
app.UseApiDocs();
app.UseAuthentication();
app.UseApiRateLimits();
app.UseAuthorization();
app.UseApiOutputCache();
app.MapHealth();
app.MapHome();
app.MapPages();

var api = app.MapApiV1();
api.MapSources();
api.MapEntities();
api.MapEvents();
api.MapFigures();
api.MapPace();
api.MapDiscrepancies();
api.MapSeries();
api.MapStatements();
api.MapMetrics();
api.MapDimensions();
api.MapSearch();
api.MapDrafts();
api.MapClaims();
api.MapChanges();
api.MapAdmin();
api.MapImport();
api.MapExport();

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var address in app.Urls)
        app.Logger.LogInformation("Swagger UI: {Address}/swagger", address.TrimEnd('/'));
});

app.Run();
return 0;
