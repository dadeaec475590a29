using System.ComponentModel;
using System.Text.Json.Serialization;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Writes;
using System.Data.Common;

namespace EnforcementApi.Citations;

/// <summary>A citation as a write gives it: the source, its exact words and where they stand.</summary>
public sealed record CitationInput(
    [property: Description("Id of the cited source, which must exist.")] string SourceId,
    [property: Description("The source's exact words that support the record.")] string Excerpt,
    [property: Description("Where the excerpt stands: charStart and charEnd (both or neither; charEnd - charStart is the excerpt's length in code points), page, paragraph. Optional.")] LocationInput? Location)
{
    [Description("Ignored: the cited source's title, as a read serves it. May be sent back; the server takes it from the source.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SourceTitle { get; init; }
}

/// <summary>Where an excerpt stands, as a write gives it: every part optional, the character offsets as a pair.</summary>
public sealed record LocationInput(
    [property: Description("Offset of the excerpt's first character in the source text, in Unicode code points from 0; given with charEnd."), Needs("charEnd")] int? CharStart,
    [property: Description("Offset just past the excerpt's last character (exclusive), in code points; given with charStart."), Needs("charStart")] int? CharEnd,
    [property: Description("Page of a paginated source (PDF, filing), from 1.")] int? Page,
    [property: Description("Paragraph of the body, from 1; a headline is not counted.")] int? Paragraph)
{
    public CitationLocation Served() => new(CharStart, CharEnd, Page, Paragraph);
}

internal static class CitationWrites
{
    public const int MaxCitations = 50;
    public const int MaxExcerpt = 5000;
    const string Example = """{"sourceId": "article-ice-leadership-shakeup", "excerpt": "65,600 deported within the first 100 days"}""";

    /// <summary>Reads <c>citations</c>: at least one when the record must be cited.</summary>
    public static List<CitationInput>? Parse(JsonBody body, bool required)
    {
        var items = body.Array("citations", MaxCitations, Example, required, minItems: required ? 1 : 0);
        if (items is null) return required ? null : [];

        var citations = new List<CitationInput>();
        foreach (var item in items)
        {
            var sourceId = item.IdOf("sourceId", Referenced.Source);
            var excerpt = item.String("excerpt", MaxExcerpt);
            var location = item.Object("location", required: false, """an object such as {"charStart": 1146, "charEnd": 1287, "paragraph": 5}""");
            int? charStart = null, charEnd = null, page = null, paragraph = null;
            if (location is not null)
            {
                charStart = location.Integer("charStart", 0);
                charEnd = location.Integer("charEnd", 1);
                page = location.Integer("page", 1);
                paragraph = location.Integer("paragraph", 1);
                location.Done();
                if (charStart is null && charEnd is not null)
                    item.Errors.Add(PathOf(item, "location.charStart"), "Is required when charEnd is given: give charStart and charEnd together, or neither.");
                else if (charEnd is null && charStart is not null)
                    item.Errors.Add(PathOf(item, "location.charEnd"), "Is required when charStart is given: give charStart and charEnd together, or neither.");
                else if (charStart is { } start && charEnd is { } end && excerpt is not null
                         && end - start != excerpt.EnumerateRunes().Count())
                    item.Errors.Add(PathOf(item, "location"),
                        $"Spans {end - start} characters (charEnd - charStart) but the excerpt has {excerpt.EnumerateRunes().Count()}.");
            }
            item.ReadOnly("sourceTitle").Done();
            if (sourceId is not null && excerpt is not null)
                citations.Add(new CitationInput(sourceId, excerpt, new LocationInput(charStart, charEnd, page, paragraph)));
        }
        return citations;
    }

    static string PathOf(JsonBody item, string name) => item.Path + "." + name;

    /// <summary>Replaces the record's citations with these.</summary>
    public static async Task WriteAsync(
        DbConnection connection, DbTransaction transaction, RecordType type, string id, List<CitationInput> citations)
    {
        await connection.ExecuteAsync(DeleteSql, new { type = Wire<RecordType>.Name(type), id }, transaction);
        foreach (var c in citations)
            await connection.ExecuteAsync(InsertSql, DapperValues.Of(v => Values(v, type, id, c)), transaction);
    }

    /// <summary>The citations of a new record, with an import's compiled statements.</summary>
    public static void Insert(ImportSession session, RecordType type, string id, IEnumerable<CitationInput> citations)
    {
        var statement = session.Insert(InsertSql);
        foreach (var c in citations)
        {
            Values(statement, type, id, c);
            statement.Run();
        }
    }

    /// <summary>A citation as a record that has it serves it.</summary>
    public static Citation Served(CitationInput c, string sourceTitle) =>
        new(c.SourceId, sourceTitle, c.Excerpt, c.Location?.Served() ?? new CitationLocation(null, null, null, null));

    static void Values(IStatementValues values, RecordType type, string id, CitationInput c) => values
        .Text("@type", Wire<RecordType>.Name(type)).Text("@id", id).Text("@SourceId", c.SourceId).Text("@Excerpt", c.Excerpt)
        .Integer("@CharStart", c.Location?.CharStart).Integer("@CharEnd", c.Location?.CharEnd)
        .Integer("@Page", c.Location?.Page).Integer("@Paragraph", c.Location?.Paragraph);

    const string DeleteSql = "delete from citations where record_type = @type and record_id = @id";

    const string InsertSql = """
        insert into citations (source_id, record_type, record_id, excerpt, char_start, char_end, page, paragraph)
        values (@SourceId, @type, @id, @Excerpt, @CharStart, @CharEnd, @Page, @Paragraph)
        """;
}
