namespace Baseline;

// What the baseline reads and sends. Answers have the API's JSON shapes (so bench/compare.sh can check
// that both servers found the same records), but enums and dates stay the text SQLite holds.

sealed class FigureRow
{
    public string Id { get; init; } = "";
    public string Metric { get; init; } = "";
    public string Kind { get; init; } = "";
    public double Value { get; init; }
    public string ValueQualifier { get; init; } = "";
    public string Unit { get; init; } = "";
    public string? PeriodStart { get; init; }
    public string? PeriodEnd { get; init; }
    public string? PeriodLabel { get; init; }
    public string Scope { get; init; } = "";
    public string? Dimension { get; init; }
    public string? DimensionValue { get; init; }
    public string? DimensionLabel { get; init; }
    public string ReportedBy { get; init; } = "";
    public string ReportedByKind { get; init; } = "";
    public string ReportedByName { get; init; } = "";
    public string? StatedAs { get; init; }
    public string Rank { get; init; } = "";
    public string? CountedBy { get; init; }
    public string? CountedByKind { get; init; }
    public string? CountedByName { get; init; }
    public string? RankNote { get; init; }
    public long Revision { get; init; }
}

sealed class CitationRow
{
    public string RecordId { get; init; } = "";
    public string SourceId { get; init; } = "";
    public string SourceTitle { get; init; } = "";
    public string Excerpt { get; init; } = "";
    public long? CharStart { get; init; }
    public long? CharEnd { get; init; }
    public long? Page { get; init; }
    public long? Paragraph { get; init; }
}

sealed class HitRow
{
    public long Id { get; init; }
    public string Type { get; init; } = "";
    public string RecordId { get; init; } = "";
    public string Label { get; init; } = "";
    public string Snippet { get; init; } = "";
    public double Rank { get; init; }
}

sealed class PaceRow
{
    public string Id { get; init; } = "";
    public string Kind { get; init; } = "";
    public double Value { get; init; }
    public string ValueQualifier { get; init; } = "";
    public string Unit { get; init; } = "";
    public string? PeriodStart { get; init; }
    public string? PeriodEnd { get; init; }
    public string? PeriodLabel { get; init; }
    public string Scope { get; init; } = "";
    public string Rank { get; init; } = "";
    public string ReportedBy { get; init; } = "";
    public string ReportedByKind { get; init; } = "";
    public string ReportedByName { get; init; } = "";
    public string? CountedBy { get; init; }
    public string? CountedByKind { get; init; }
    public string? CountedByName { get; init; }
    public string? LatestPublishedOn { get; init; }
}

sealed record EntityRef(string Id, string Kind, string Name);

sealed record Location(long? CharStart, long? CharEnd, long? Page, long? Paragraph);

sealed record Citation(string SourceId, string SourceTitle, string Excerpt, Location Location);

sealed record Figure(
    string Id, string Metric, string Kind, double Value, string ValueQualifier, string Unit, string? PeriodStart, string? PeriodEnd,
    string? PeriodLabel, string Scope, Breakdown? Breakdown, EntityRef ReportedBy, EntityRef? CountedBy, string? StatedAs, string Rank, string? RankNote,
    IReadOnlyList<Citation> Citations);

sealed record Breakdown(string Dimension, string Value, string Label);

/// <summary>The sort values of a page's last row: what the next page starts after.</summary>
sealed record Keyset(string PeriodEnd, string Id);

sealed record FigurePage(IReadOnlyList<Figure> Items, Keyset? Next);

sealed record SearchHit(string Type, string Id, string Label, string Snippet, double Score, string Href);

sealed record HitsPage(IReadOnlyList<SearchHit> Items, bool More);

static class Hits
{
    /// <summary>SearchApi.ToHit: the snippet HTML-escaped, its match marks turned into mark tags.</summary>
    public static SearchHit ToHit(HitRow r)
    {
        var snippet = r.Snippet.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;")
            .Replace("\uE000", "<mark>").Replace("\uE001", "</mark>");
        var href = r.Type switch
        {
            "source" => "/api/v1/sources/",
            "entity" => "/api/v1/entities/",
            "event" => "/api/v1/events/",
            "figure" => "/api/v1/figures/",
            _ => "/api/v1/statements/",
        } + r.RecordId;
        return new SearchHit(r.Type, r.RecordId, r.Label, snippet, Math.Round(-r.Rank, 6), href);
    }
}
