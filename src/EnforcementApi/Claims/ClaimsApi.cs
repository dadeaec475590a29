using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Data;
using EnforcementApi.Querying;
using EnforcementApi.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EnforcementApi.Claims;

/// <summary>
/// <c>/api/v1/claims/check</c>: a text's numbers, each with the record's verdict and the sources' own words. A read
/// like the figures' analyses: public, rate limited, and (as a GET) cached, so that a check is a link.
/// </summary>
public static class ClaimsApi
{
    /// <summary>The longest text a check reads, in characters (code points): a few paragraphs, not an article.</summary>
    public const int MaxCharacters = 5_000;

    const string PlainText = "text/plain";
    const string Json = "application/json";

    const string Description = """
        Reads each number of the text that counts something (with the drafts pipeline: value and qualifier, metric, period,
        the agency whose operations it counts, and a breakdown by country of citizenship or criminal history) and sets it
        against the record's figures with the discrepancies' rules: same metric, kind (a target with targets), scope and
        breakdown; periods that nearly coincide (the overlap covers at least 90% of each); qualified values widened by the
        tolerance (`more than 150,000` agrees with any value above 150,000). A rate ("3,000 a day") is compared with rates and
        with counts over the same period as a pace. Relative periods ("last fiscal year", "the first three months") are read
        from `asOf`. Each claim has a verdict: `supported` or `contradicted` by the figure a series takes (the preferred one),
        `no_record` (the record has nothing comparable; the explanation says what is missing) or `not_comparable` (the claim
        lacks a period or a metric; the explanation says which), and lists every comparable figure, agreeing or not, with its
        citations. A text with no number answers `claims: []`. At most 5,000 characters.
        """;

    public static IEndpointRouteBuilder MapClaims(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/claims").WithTags("Claims");

        group.MapGet("/check", CheckClaimsByLink).WithName(nameof(CheckClaimsByLink))
            .WithSummary("Check a claim against the record (as a link)")
            .WithDescription(Description + " The same check as `POST /api/v1/claims/check`, with the text in the query string, so that a check is a link; for long texts, POST.");

        group.MapPost("/check", CheckClaims).WithName(nameof(CheckClaims))
            .WithSummary("Check a claim against the record")
            .WithDescription(Description + " The text is the body: `text/plain` (UTF-8), or JSON `{\"text\": …, \"tolerance\": …, \"asOf\": …}`; with `text/plain`, `tolerance` and `asOf` are query parameters.")
            .WithMetadata(new ClaimText(), new Http.ReadsOnly())
            .Accepts<ClaimCheckRequest>(Json, PlainText)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return api;
    }

    internal static async Task<Results<Ok<ClaimReport>, ValidationProblem>> CheckClaimsByLink(
        [AsParameters] ClaimCheckQuery query, Db db, QueryCache cache, CancellationToken ct)
    {
        var errors = new QueryErrors();
        var (text, tolerance, asOf) = Validate(query.Text, query.Tolerance, query.AsOf, errors, "text");
        if (errors.Any) return errors.ToProblem();
        return TypedResults.Ok(await CheckAsync(db, cache, text!, tolerance, asOf, ct));
    }

    internal static async Task<Results<Ok<ClaimReport>, ValidationProblem, ProblemHttpResult>> CheckClaims(
        [AsParameters] ClaimPostQuery query, HttpContext http, Db db, QueryCache cache, CancellationToken ct)
    {
        var errors = new QueryErrors();
        string? text, tolerance = query.Tolerance, asOf = query.AsOf;
        var isJson = http.Request.ContentType?.StartsWith(Json, StringComparison.OrdinalIgnoreCase) == true;
        if (isJson)
        {
            var (body, _, problem) = await RequestBody.ReadObjectAsync(http, Json, ct);
            if (problem is not null) return problem;
            text = Field(body!, "text", errors);
            var bodyTolerance = Field(body!, "tolerance", errors, number: true);
            var bodyAsOf = Field(body!, "asOf", errors);
            foreach (var name in body!.Select(p => p.Key).Where(k => k is not ("text" or "tolerance" or "asOf")))
                errors.Add(name, "Is not a field of a check: send text, and optionally tolerance and asOf.");
            if (bodyTolerance is not null && tolerance is not null) errors.Add("tolerance", "Is given in the body and in the query string; give it once.");
            if (bodyAsOf is not null && asOf is not null) errors.Add("asOf", "Is given in the body and in the query string; give it once.");
            tolerance ??= bodyTolerance;
            asOf ??= bodyAsOf;
        }
        else
        {
            var (bytes, problem) = await RequestBody.ReadBytesAsync(http, PlainText, "the text", ct);
            if (problem is not null) return problem;
            text = Encoding.UTF8.GetString(bytes);
        }
        var (checkedText, checkedTolerance, checkedAsOf) = Validate(text, tolerance, asOf, errors, "text");
        if (errors.Any) return errors.ToProblem();
        return TypedResults.Ok(await CheckAsync(db, cache, checkedText!, checkedTolerance, checkedAsOf, ct));
    }

    /// <summary>The check itself, for the API, the page and the benchmark alike.</summary>
    /// <remarks>
    /// What every check reads alike, the vocabulary and a metric's figures, is kept until the data changes (the list totals'
    /// cache): a check of a sentence then costs the reading, the comparison and its citations.
    /// </remarks>
    internal static async Task<ClaimReport> CheckAsync(Db db, QueryCache cache, string text, decimal tolerance, DateOnly asOf, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var vocabulary = await cache.GetOrAddAsync("claims:vocabulary", () => ClaimVocabulary.LoadAsync(connection, ct));
        var read = ClaimReader.Read(text, asOf, vocabulary);
        var figures = await ClaimJudge.FiguresAsync(connection, cache, read, ct);
        var judged = ClaimJudge.Judge(read, figures, tolerance);
        var citations = await Citations.Citations.LoadAsync(connection, RecordType.Figure, ClaimJudge.FigureIds(judged), ct);
        return new ClaimReport(text, tolerance, asOf, ClaimJudge.Method, ClaimJudge.ToClaims(text, read, judged, citations));
    }

    /// <summary>
    /// The text, tolerance and asOf of a check, or the errors that name what is wrong with each: every one at once.
    /// </summary>
    internal static (string? Text, decimal Tolerance, DateOnly AsOf) Validate(string? text, string? rawTolerance, string? rawAsOf, QueryErrors errors, string textName)
    {
        if (text is null)
            errors.Add(textName, "Is required: the sentence or sentences to check, such as \"ICE removed 271,484 people in fiscal year 2024.\"");
        else if (string.IsNullOrWhiteSpace(text))
            errors.Add(textName, "Is empty: send the sentence or sentences to check.");
        else
        {
            var characters = text.EnumerateRunes().Count();
            if (characters > MaxCharacters)
                errors.Add(textName, $"Has {characters.ToString("N0", CultureInfo.InvariantCulture)} characters; a check reads at most {MaxCharacters.ToString("N0", CultureInfo.InvariantCulture)}. Check a long text in parts.");
            var control = text.AsSpan().IndexOfAnyExcept(Printable);
            if (control >= 0)
                errors.Add(textName, $"Has a control character (U+{(int)text[control]:X4} at position {control}): send plain text, with letters, punctuation, spaces, tabs and line breaks.");
        }

        var tolerance = 0.02m;
        if (rawTolerance is not null
            && !(decimal.TryParse(rawTolerance, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out tolerance) && tolerance is >= 0 and <= 1))
            errors.Add("tolerance", $"Must be a number from 0 to 1 (0.02 for 2%); got {QueryErrors.Quote(rawTolerance)}.");

        var asOf = DateOnly.FromDateTime(DateTime.UtcNow);
        if (rawAsOf is not null)
        {
            if (!DateOnly.TryParseExact(rawAsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out asOf))
                errors.Add("asOf", $"Must be a date as YYYY-MM-DD; got {QueryErrors.Quote(rawAsOf)}.");
            else if (asOf < EarliestAsOf || asOf > LatestAsOf)
                errors.Add("asOf", $"Must be from {EarliestAsOf:yyyy-MM-dd} to {LatestAsOf:yyyy-MM-dd}; got {rawAsOf}.");
        }
        return (text, tolerance, asOf);
    }

    // Every character but the C0 and C1 controls (tab and line breaks allowed).
    static readonly System.Buffers.SearchValues<char> Printable = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t').ToArray());

    /// <summary>The days a claim can be read for: from the first inauguration on January 20 to the end of the days a series covers.</summary>
    static readonly DateOnly EarliestAsOf = new(1937, 1, 20), LatestAsOf = new(2199, 12, 31);

    /// <summary>A field of the JSON body as text: a string (or, for a number field, a number), or an error naming it.</summary>
    static string? Field(JsonObject body, string name, QueryErrors errors, bool number = false)
    {
        if (!body.TryGetPropertyValue(name, out var node) || node is null) return null;
        if (node is JsonValue value)
        {
            if (!number && value.TryGetValue<string>(out var s)) return s;
            if (number && value.GetValueKind() == JsonValueKind.Number) return value.ToJsonString();
        }
        errors.Add(name, number ? "Must be a number from 0 to 1." : "Must be a string.");
        return null;
    }
}

/// <summary>Marks the operation whose body is a text to check (plain text or JSON), for the contract's words.</summary>
internal sealed record ClaimText;

/// <summary>The query parameters of <c>GET /api/v1/claims/check</c>.</summary>
internal sealed class ClaimCheckQuery
{
    [FromQuery(Name = "text"), Description("The text to check (required): one sentence or several, at most 5,000 characters."), ApiParameter(Example = "DHS said more than 150,000 people were deported in the first three months.", Required = true)]
    public string? Text { get; init; }

    [FromQuery(Name = "tolerance"), Description("Relative difference under which two values agree, from 0 to 1. Default 0.02 (2%)."), ApiParameter(Type = typeof(decimal), Minimum = 0, Maximum = 1, Default = 0.02, Example = "0.05")]
    public string? Tolerance { get; init; }

    [FromQuery(Name = "asOf"), Description("The day relative periods (\"last fiscal year\", \"the first three months\") are read from (YYYY-MM-DD). Default: today (UTC); the answer states it."), ApiParameter(Type = typeof(DateOnly), Example = "2025-06-01")]
    public string? AsOf { get; init; }
}

/// <summary>The query parameters of <c>POST /api/v1/claims/check</c> (with a JSON body they may be given there instead).</summary>
internal sealed class ClaimPostQuery
{
    [FromQuery(Name = "tolerance"), Description("Relative difference under which two values agree, from 0 to 1. Default 0.02 (2%)."), ApiParameter(Type = typeof(decimal), Minimum = 0, Maximum = 1, Default = 0.02, Example = "0.05")]
    public string? Tolerance { get; init; }

    [FromQuery(Name = "asOf"), Description("The day relative periods are read from (YYYY-MM-DD). Default: today (UTC); the answer states it."), ApiParameter(Type = typeof(DateOnly), Example = "2025-06-01")]
    public string? AsOf { get; init; }
}
