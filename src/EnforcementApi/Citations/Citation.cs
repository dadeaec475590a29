using System.ComponentModel;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using System.Data.Common;

namespace EnforcementApi.Citations;

/// <summary>The source's own words that support a record, and where they stand in it.</summary>
public sealed record Citation(
    [property: Description("Id of the source that supports the record.")] string SourceId,
    [property: Description("Title of that source, so a citation can be shown without another request.")] string SourceTitle,
    [property: Description("The source's exact words that support the record, verbatim.")] string Excerpt,
    [property: Description("Where the excerpt stands in the source.")] CitationLocation Location);

/// <summary>Where an excerpt stands in its source; any part may be unknown.</summary>
public sealed record CitationLocation(
    [property: Description("Offset of the excerpt's first character in the source text, counted in Unicode code points from 0.")] int? CharStart,
    [property: Description("Offset just past the excerpt's last character (exclusive), in Unicode code points.")] int? CharEnd,
    [property: Description("Page of a paginated source (PDF, filing), from 1.")] int? Page,
    [property: Description("Paragraph of the body, from 1; a headline is not counted.")] int? Paragraph);

internal static class Citations
{
    static string OfRecords(Dialect dialect) => $"""
        select c.record_id, c.source_id, s.title as source_title, c.excerpt,
               c.char_start, c.char_end, c.page, c.paragraph
        from citations c
        left join sources s on s.id = c.source_id
        where c.record_type = @type and c.record_id {dialect.InJsonArray("@ids")}
        order by c.record_id, c.id
        """;

    /// <summary>The citations of the given records, by record id, in the order they were recorded.</summary>
    public static async Task<ILookup<string, Citation>> LoadAsync(
        DbConnection connection, RecordType type, IReadOnlyCollection<string> ids, CancellationToken ct, DbTransaction? transaction = null)
    {
        if (ids.Count == 0) return Array.Empty<Citation>().ToLookup(_ => "");
        var rows = await connection.QueryAsync<CitationRow>(new CommandDefinition(
            OfRecords(Dialect.Of(connection)), new { type = Wire<RecordType>.Name(type), ids = Ids.Json(ids) }, transaction, cancellationToken: ct));
        return rows.ToLookup(
            r => r.RecordId,
            r => new Citation(r.SourceId, r.SourceTitle, r.Excerpt,
                new CitationLocation((int?)r.CharStart, (int?)r.CharEnd, (int?)r.Page, (int?)r.Paragraph)));
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
}
