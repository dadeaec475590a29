using System.ComponentModel;
using EnforcementApi.Auth;
using EnforcementApi.Data;
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
                bytes (512 MiB by default). Needs a key with scope `write`.
                """)
            .Accepts<string>(Ndjson)
            .Produces<ImportResult>()
            .WithWriteResponses(hasBody: true);
        return api;
    }

    static async Task<Results<Ok<ImportResult>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        [FromQuery(Name = "dryRun"), Description("`true` to check the file and write nothing. Default `false`."), ApiParameter(Type = typeof(bool), Example = "true")] string? dryRun,
        HttpContext http, Db db, IOptions<ApiOptions> options, CancellationToken ct)
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

        try
        {
            var (result, errors) = await Importer.RunAsync(db, new LimitedStream(request.Body, limit), http.KeyName(), dryRun == "true",
                ApiJson.Options(http.RequestServices), ct);
            if (errors is null) return TypedResults.Ok(result!);
            return TypedResults.ValidationProblem(errors.Shown,
                title: "The import has bad lines; nothing was written.",
                detail: $"{errors.BadLines} line{(errors.BadLines == 1 ? " is" : "s are")} bad"
                        + (errors.BadLines > ImportErrors.MaxShown ? $"; the first {ImportErrors.MaxShown} are listed." : "; each is listed."),
                extensions: new Dictionary<string, object?> { ["badLines"] = errors.BadLines });
        }
        catch (ImportTooLargeException)
        {
            return TooLarge(limit);
        }
    }

    static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The import is too large; nothing was written.",
        detail: $"An import may have at most {limit} bytes (Api:MaxImportBytes); split the file, or raise the limit.");
}
