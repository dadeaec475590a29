using Baseline;
using Dapper;
using Microsoft.Data.Sqlite;

// The machine's limit for the API's reads (bench/compare.sh): the SQL the API runs for each case, on the
// same file, with nothing around it. No request log, authentication, rate limit, CORS, security headers,
// query validation, problem details or cursors; an ETag only when the request brings If-None-Match.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var configured = builder.Configuration.GetConnectionString("Enforcement")
    ?? throw new InvalidOperationException("Set ConnectionStrings__Enforcement='Data Source=/path/file.db'.");
// The options the API adds to every connection string (DatabaseOptions.Resolve), so each open does the same.
var connectionString = new SqliteConnectionStringBuilder(configured)
{
    ForeignKeys = true,
    DefaultTimeout = 5,
    Pooling = true,
}.ToString();
DefaultTypeMap.MatchNamesWithUnderscores = true;

var app = builder.Build();
var reads = new Reads(connectionString);
app.MapGet("/ready", () => "ready");
app.MapGet("/figures/{id}", reads.GetFigure);
app.MapGet("/figures", reads.ListFigures);
app.MapGet("/search", reads.Search);
app.MapGet("/pace", reads.Pace);
app.Run();
