using System.Globalization;
using EnforcementApi.Claims;
using EnforcementApi.Data;

namespace EnforcementApi.Pages;

/// <summary>The text of a check in pieces: the words between claims, and each claim's words with its number (from 1) in the table.</summary>
public sealed record CheckPiece(string Text, int? Claim, ClaimVerdict? Verdict);

public sealed record CheckView(PageQuery Query, ClaimReport? Report)
{
    public string JsonUrl => PageQuery.Url("/api/v1/claims/check", Query.Values);

    /// <summary>The text as the form shows it again: a control character the check refused is shown as �, which HTML can hold.</summary>
    public string? TextShown => Query["text"] is { } text
        ? string.Concat(text.Select(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t') ? '\uFFFD' : c))
        : null;

    /// <summary>The text with each claim's words as a piece of its own (offsets are code points; a later claim overlapping an earlier one starts where it ends).</summary>
    public IReadOnlyList<CheckPiece> Pieces()
    {
        if (Report is null) return [];
        var runes = Report.Text.EnumerateRunes().Select(r => r.ToString()).ToArray();
        string Of(int from, int to) => string.Concat(runes[from..to]);
        var pieces = new List<CheckPiece>();
        var at = 0;
        for (var i = 0; i < Report.Claims.Count; i++)
        {
            var claim = Report.Claims[i];
            var start = Math.Max(claim.CharStart, at);
            if (claim.CharEnd <= start) continue;
            if (start > at) pieces.Add(new CheckPiece(Of(at, start), null, null));
            pieces.Add(new CheckPiece(Of(start, claim.CharEnd), i + 1, claim.Verdict));
            at = claim.CharEnd;
        }
        if (at < runes.Length) pieces.Add(new CheckPiece(Of(at, runes.Length), null, null));
        return pieces;
    }
}

/// <summary><c>/check</c>: paste a text, get each number's verdict against the record with the sources' own words.</summary>
internal static class CheckPages
{
    public static async Task<IResult> CheckAsync(HttpContext http, Db db, QueryCache cache, CancellationToken ct)
    {
        var query = new PageQuery(http.Request, "text", "asOf", "tolerance");
        if (query.Errors.Any) return Pages.Html<CheckPage>(new CheckView(query, null), StatusCodes.Status400BadRequest);
        if (query["text"] is null && query["asOf"] is null && query["tolerance"] is null) return Pages.Html<CheckPage>(new CheckView(query, null));

        var (text, tolerance, asOf) = ClaimsApi.Validate(query["text"], query["tolerance"], query["asOf"], query.Errors, "text");
        if (query.Errors.Any) return Pages.Html<CheckPage>(new CheckView(query, null), StatusCodes.Status400BadRequest);
        return Pages.Html<CheckPage>(new CheckView(query, await ClaimsApi.CheckAsync(db, cache, text!, tolerance, asOf, ct)));
    }

    public static string Percent(decimal share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
