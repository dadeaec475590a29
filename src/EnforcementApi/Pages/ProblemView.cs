using EnforcementApi.Http;
using EnforcementApi.Querying;

namespace EnforcementApi.Pages;

/// <summary>A page that could not be shown: the status and the words the API's problem details give.</summary>
public sealed record ProblemView(int Status, string Title, string? Detail, QueryErrors? Errors)
{
    public static ProblemView Of(QueryErrors errors) => new(StatusCodes.Status400BadRequest, "This page cannot be shown as asked", null, errors);

    /// <summary>The page for a record that is not there: 404, or 410 when it was deleted.</summary>
    public static IResult Missing(MissingRecord missing)
    {
        var status = missing.StatusCode ?? StatusCodes.Status404NotFound;
        return Pages.Html<ProblemPage>(new ProblemView(status, missing.Value.Title ?? "Not found", missing.Value.Detail, null), status);
    }
}
