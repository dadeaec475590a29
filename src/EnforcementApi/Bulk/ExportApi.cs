using System.Data.Common;
using System.ComponentModel;
using EnforcementApi.Data;
using EnforcementApi.Http;
using EnforcementApi.Querying;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EnforcementApi.Bulk;

public static class ExportApi
{
    internal const string Ndjson = "application/x-ndjson";
    internal const string Csv = "text/csv";
    internal const string Sqlite = "application/vnd.sqlite3";

    /// <summary>List parameters that make no sense for a stream of every record.</summary>
    internal static readonly string[] ListOnly = ["limit", "cursor", "count", "facet", "fields"];

    internal const string Format = "Without it, the `Accept` header chooses (`text/csv` or `application/x-ndjson`), and NDJSON when it names neither. "
        + "`ndjson`: one record per line with its `type`, citations embedded, ready for `POST /api/v1/import`. "
        + "`csv`: RFC 4180, one row per record, nested parts as dotted columns (`reportedBy.id`), lists as JSON text, and the first "
        + "citation's `citation.sourceId`, `citation.sourceTitle` and `citation.excerpt` (all citations: `/api/v1/export/citations`). "
        + "A cell that starts with =, +, -, @, a tab or a carriage return gets a leading ' so a spreadsheet does not run it.";

    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/export").WithTags("Bulk");
        foreach (var exportable in Exportables.All) exportable.Map(group);

        group.MapGet("/citations", ExportCitationsAsync).WithName("ExportCitations")
            .WithSummary("Export every citation as CSV")
            .WithDescription("Every citation, one row each: the record it supports (type and id), its source (id and title), the excerpt and where it stands. RFC 4180; formula-like cells get a leading '.")
            .Produces(StatusCodes.Status200OK, contentType: Csv)
            .ProducesValidationProblem();

        api.MapGet("/dataset.sqlite", DatasetAsync).WithName("DownloadDataset").WithTags("Bulk")
            .WithSummary("Download the whole database")
            .WithDescription("""
                A consistent snapshot of the whole database as one SQLite file (made with VACUUM INTO, never the live
                file): every record, citation, revision and the full-text index, without API keys or idempotency
                records. Open it with `sqlite3` or Datasette.
                """)
            .Produces(StatusCodes.Status200OK, contentType: Sqlite);
        return api;
    }

    /// <summary>
    /// The format an export streams: <c>format</c> when given; else the one of the two that the request's
    /// <c>Accept</c> prefers (by quality, then in the order listed); NDJSON when it names neither.
    /// </summary>
    internal static ExportFormat ParseFormat(string? raw, HttpContext http, QueryErrors errors)
    {
        http.Response.Headers.Vary = "Accept";
        if (raw is "ndjson") return ExportFormat.Ndjson;
        if (raw is "csv") return ExportFormat.Csv;
        if (raw is null) return Preferred(http.Request.GetTypedHeaders().Accept);
        errors.Add("format", $"Must be ndjson or csv; got {QueryErrors.Quote(raw)}.");
        return ExportFormat.Ndjson;
    }

    static ExportFormat Preferred(IList<Microsoft.Net.Http.Headers.MediaTypeHeaderValue> accept)
    {
        ExportFormat? best = null;
        var bestQuality = 0.0;
        foreach (var range in accept)
        {
            var quality = range.Quality ?? 1.0;
            ExportFormat? format = range.MediaType.Value?.ToLowerInvariant() switch
            {
                Csv => ExportFormat.Csv,
                Ndjson => ExportFormat.Ndjson,
                _ => null,
            };
            if (format is not null && quality > bestQuality) (best, bestQuality) = (format, quality);
        }
        return best ?? ExportFormat.Ndjson;
    }

    internal static void Start(HttpContext http, ExportFormat format, string name)
    {
        http.Response.ContentType = format == ExportFormat.Csv ? Csv + "; charset=utf-8; header=present" : Ndjson;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.{(format == ExportFormat.Csv ? "csv" : "ndjson")}\"";
        http.Response.Headers.CacheControl = "no-store";
    }

    static async Task<Results<EmptyHttpResult, ValidationProblem>> ExportCitationsAsync(
        [FromQuery(Name = "format"), Description("`csv`, the only format of this export (the default)."), ApiParameter(Example = "csv")] string? format,
        HttpContext http, Db db, CancellationToken ct)
    {
        if (format is not (null or "csv") || http.Items.ContainsKey(StrictQuery.Refused))
        {
            var errors = new QueryErrors();
            if (format is not (null or "csv")) errors.Add("format", $"Must be csv (citations come embedded in the NDJSON of each resource); got {QueryErrors.Quote(format)}.");
            return errors.ToProblem();
        }
        await using var connection = await db.OpenAsync(ct);
        Start(http, ExportFormat.Csv, "citations");
        if (HeadRequests.IsHead(http)) return TypedResults.Empty;
        await Exporter.WriteCitationsCsvAsync(connection, http.Response.Body, ct);
        return TypedResults.Empty;
    }

    static async Task<FileStreamHttpResult> DatasetAsync(HttpContext http, Db db, CancellationToken ct)
    {
        // A snapshot made for this request, like an export: no ETag, so not for caches to keep.
        http.Response.Headers.CacheControl = "no-store";
        var path = await Dataset.SnapshotAsync(db, ct);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return TypedResults.File(file, Sqlite, "enforcement-dataset.sqlite");
    }
}
