using System.ComponentModel;
using EnforcementApi.Auth;
using EnforcementApi.Data;
using EnforcementApi.Http;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using EnforcementApi.Writes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EnforcementApi.Bulk;

public static class ImportApi
{
    const string Ndjson = "application/x-ndjson";

    public static IEndpointRouteBuilder MapImport(this IEndpointRouteBuilder api)
    {
        api.MapPost("/import", ImportAsync).WithName("Import").WithTags("Bulk")
            .WithSummary("Import records from NDJSON")
            .WithDescription($$"""
                Creates and replaces records in bulk. The body is NDJSON (`Content-Type: {{Ndjson}}`): one JSON object per
                line, `{"type": "source"|"entity"|"event"|"figure"|"statement", ...}` with the fields that resource's POST
                takes. Lines apply in order, so a line can refer to a record an earlier line gives its `id` (a source, then
                the figures citing it). A line whose `id` exists replaces that record, as PUT does. The whole file is one
                transaction: one bad line and nothing is written, and the 400 lists each bad line's errors under
                `lines[N]` (N counts from 1; at most {{ImportErrors.MaxShown}} lines shown, `badLines` gives the total).
                `dryRun=true` checks everything and writes nothing. Every record written gets a revision, so it appears
                in the change feed, and is in lists and search at once. The body may have at most `Api:MaxImportBytes`
                bytes (512 MiB by default).

                **As a job:** with `Prefer: respond-async`, or for a body over `Api:AsyncImportBytes` (8 MiB by default),
                the file is kept and the answer is `202 Accepted` at once, with `Location: /api/v1/imports/{id}`: that
                resource shows the job's state, the records read and written so far, the time it has taken and, when
                it ends, the same result or problem a synchronous import answers. A job is not bound by the request
                timeout. One import runs at a time: jobs wait their turn, and a synchronous import while another runs
                is a 409 that names it. A job that a restart interrupts is failed, with nothing of it written.
                Needs a key with scope `write`.
                """)
            .Accepts<string>(Ndjson)
            .Produces<ImportResult>()
            .Produces<ImportJob>(StatusCodes.Status202Accepted)
            .WithWriteResponses(hasBody: true, StatusCodes.Status409Conflict);

        // The same import, always as a job: one success answer (202 ImportJob), so a generated client reads the
        // job typed (generators type an operation by its lowest success status, the 200 of /import).
        api.MapPost("/imports", StartImportJobAsync).WithName("StartImportJob").WithTags("Bulk")
            .WithSummary("Start an import job")
            .WithDescription("""
                What `POST /api/v1/import` does with `Prefer: respond-async`, whatever the size: the file (NDJSON, as
                `/api/v1/import` takes it) is kept and the answer is `202 Accepted` at once with the job, and
                `Location: /api/v1/imports/{id}` to follow it. `dryRun=true` checks everything and writes nothing. Needs
                a key with scope `write`.
                """)
            .Accepts<string>(Ndjson)
            .Produces<ImportJob>(StatusCodes.Status202Accepted)
            .WithWriteResponses(hasBody: true);

        api.MapGet("/imports/{id}", GetImportAsync).WithName("GetImport").WithTags("Bulk")
            .WithSummary("Follow an import job")
            .WithDescription("""
                An import job: `queued`, `running` (with the records read and written so far), then `succeeded` with the
                import's result or `failed` with its problem (the bad lines, as a synchronous import lists them). Poll it
                until it ends. Needs a key with scope `write`.
                """)
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>The 400 of an import with bad lines, for the synchronous answer and a failed job alike.</summary>
    internal static HttpValidationProblemDetails BadLinesProblem(ImportErrors errors) => new(errors.Shown)
    {
        Status = StatusCodes.Status400BadRequest,
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        Title = "The import has bad lines; nothing was written.",
        Detail = $"{errors.BadLines} line{(errors.BadLines == 1 ? " is" : "s are")} bad"
                 + (errors.BadLines > ImportErrors.MaxShown ? $"; the first {ImportErrors.MaxShown} are listed." : "; each is listed."),
        Extensions = { ["badLines"] = errors.BadLines },
    };

    static Task<IResult> StartImportJobAsync(
        [FromQuery(Name = "dryRun"), Description("`true` to check the file and write nothing. Default `false`."), ApiParameter(Type = typeof(bool), Example = "true")] string? dryRun,
        HttpContext http, Db db, ImportJobs jobs, IOptions<ApiOptions> options, CancellationToken ct) =>
        RunAsync(dryRun, asJob: true, http, db, jobs, options, ct);

    static Task<IResult> ImportAsync(
        [FromQuery(Name = "dryRun"), Description("`true` to check the file and write nothing. Default `false`."), ApiParameter(Type = typeof(bool), Example = "true")] string? dryRun,
        [FromHeader(Name = "Prefer"), ApiParameter(Example = "respond-async"), Description("`respond-async` to run the import as a job (RFC 7240): the answer is 202 with the job's Location. An import over `Api:AsyncImportBytes` is a job without it.")] string? prefer,
        HttpContext http, Db db, ImportJobs jobs, IOptions<ApiOptions> options, CancellationToken ct) =>
        RunAsync(dryRun, (prefer ?? "").Split(',').Any(p => p.Trim().Equals("respond-async", StringComparison.OrdinalIgnoreCase)),
            http, db, jobs, options, ct);

    static async Task<IResult> RunAsync(string? dryRun, bool asJob, HttpContext http, Db db, ImportJobs jobs, IOptions<ApiOptions> options, CancellationToken ct)
    {
        var request = http.Request;
        if (dryRun is not (null or "true" or "false"))
        {
            var errors = new QueryErrors();
            errors.Add("dryRun", $"Must be true or false; got {QueryErrors.Quote(dryRun)}.");
            return errors.ToProblem();
        }
        if (RequestBody.WrongContentType(request, Ndjson, "the records, one JSON object per line,") is { } wrong) return wrong;

        var limit = options.Value.MaxImportBytes;
        if (request.ContentLength > limit) return TooLarge(limit);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit + 1;

        asJob = asJob || request.ContentLength > options.Value.AsyncImportBytes;
        try
        {
            if (asJob)
            {
                var job = await jobs.EnqueueAsync(new LimitedStream(request.Body, limit), dryRun == "true", http.KeyName(), ct);
                var location = request.PathBase + "/api/v1/imports/" + job.Id;
                if (HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/api/v1/import"))
                    http.Response.Headers["Preference-Applied"] = "respond-async";
                http.Response.Headers.Location = location;
                return TypedResults.Accepted(location, job);
            }

            await using var slot = await jobs.TryStartAsync(ct);
            if (slot is null)
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Another import is running.",
                    detail: "One import runs at a time" + (await jobs.RunningAsync(ct) is { } running ? $" ({running}: /api/v1/imports/{running})" : "")
                            + ". Retry when it has ended, or send this one with Prefer: respond-async to queue it.");
            var (result, errors) = await Importer.RunAsync(db, new LimitedStream(request.Body, limit), http.KeyName(), dryRun == "true",
                ApiJson.Options(http.RequestServices), ct);
            return errors is null ? TypedResults.Ok(result!) : TypedResults.Problem(BadLinesProblem(errors));
        }
        catch (ImportTooLargeException)
        {
            return TooLarge(limit);
        }
    }

    static async Task<Results<Ok<ImportJob>, MissingRecord>> GetImportAsync(
        [Description("The job's id, as the import's Location gives it."), ApiParameter(Example = "import-5d0e41c2a9f3")] string id, ImportJobs jobs, CancellationToken ct) =>
        await jobs.FindAsync(id, ct) is { } job ? TypedResults.Ok(job) : MissingRecord.For("import", id);

    static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The import is too large; nothing was written.",
        detail: $"An import may have at most {limit} bytes (Api:MaxImportBytes); split the file, or raise the limit.");
}
