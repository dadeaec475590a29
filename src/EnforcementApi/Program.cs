using System.Text.Json;
using System.Text.Json.Serialization;
using EnforcementApi.Data;
using EnforcementApi.Docs;
using EnforcementApi.Entities;
using EnforcementApi.Events;
using EnforcementApi.Figures;
using EnforcementApi.Health;
using EnforcementApi.Http;
using EnforcementApi.Metrics;
using EnforcementApi.Search;
using EnforcementApi.Sources;
using EnforcementApi.Statements;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddEnforcementData(builder.Configuration, builder.Environment);
builder.Services.AddApiProblems();
builder.Services.AddApiDocs();
builder.Services.AddApiHealth();
builder.Services.ConfigureHttpJsonOptions(o =>
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)));

var app = builder.Build();

try
{
    app.Services.GetRequiredService<Migrator>().ApplyPending();
}
catch (DatabaseTooNewException e)
{
    Console.Error.WriteLine("EnforcementApi cannot start: " + e.Message);
    return 1;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseApiDocs();
app.MapHealth();

var api = app.MapApiV1();
api.MapSources();
api.MapEntities();
api.MapEvents();
api.MapFigures();
api.MapStatements();
api.MapMetrics();
api.MapSearch();

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var address in app.Urls)
        app.Logger.LogInformation("Swagger UI: {Address}/swagger", address.TrimEnd('/'));
});

app.Run();
return 0;
