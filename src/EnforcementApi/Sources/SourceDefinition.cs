using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using EnforcementApi.Writes;
using Microsoft.AspNetCore.Mvc;

namespace EnforcementApi.Sources;

/// <summary>
/// What a source's fields are, in one place: the columns a write stores (and every read selects), the write
/// body and how it is read, the row a read gets and the record it becomes, and what the list filters, sorts
/// and counts by. See <see cref="Figures.FigureDefinition"/>.
/// </summary>
internal static class SourceDefinition
{
    /// <summary>The stored columns, named once for the SELECT, the INSERT and the UPDATE.</summary>
    public static readonly Table<SourceInput> Table = new Table<SourceInput>("sources", "s")
        .Enum("kind", s => s.Kind)
        .Text("title", s => s.Title)
        .Text("publisher", s => s.Publisher)
        .Text("url", s => s.Url)
        .Text("author", s => s.Author)
        .Date("published_on", s => s.PublishedOn)
        .Timestamp("retrieved_at", s => s.RetrievedAt)
        .Text("language", s => s.Language);

    public static readonly string Select = "select " + Table.Select;

    public static readonly string SelectFrom = Select + "\nfrom sources s";

    public const string PublishedOnSql = "coalesce(s.published_on, '')";

    public static readonly ListDefinition<SourceRow> List = new()
    {
        Resource = "sources",
        Select = Select,
        From = "from sources s",
        IdSql = "s.id",
        IdIndex = "sqlite_autoindex_sources_1",
        Id = r => r.Id,
        DefaultSort = "-publishedOn",
        RecordType = typeof(Source),
        Sorts =
        [
            new SortField<SourceRow>("publishedOn", PublishedOnSql, SortKind.Text, r => Dates.Key(r.PublishedOn), "sources_published_on"),
            new SortField<SourceRow>("title", "s.title", SortKind.Text, r => r.Title, "sources_title"),
        ],
        Facets = [new Facet("kind", "s.kind")],
        Filters =
        [
            Filter.FullText("s.id", "source").Indexed(Filter.ById),
            Filter.Enum<SourceKind>("kind", "s.kind").Indexed("sources_kind", "id"),
            Filter.Reference("source", Reference.Source, new Match("s.id")).Indexed(Filter.ById, "id"),
            Filter.Compare("publishedOn", SortKind.Text, PublishedOnSql).Indexed("sources_published_on", "publishedOn"),
        ],
    };

    /// <summary>The source a row holds.</summary>
    public static Source ToRecord(SourceRow r) => new(
        r.Id, Wire<SourceKind>.Parse(r.Kind), r.Title, r.Publisher, r.Url, r.Author, r.PublishedOn, r.RetrievedAt, r.Language);

    public static SourceInput? Parse(JsonBody body)
    {
        var id = body.Id("id", required: false);
        var kind = body.Enum<SourceKind>("kind");
        var title = body.String("title", 500);
        var publisher = body.String("publisher", 200, required: false);
        var url = body.String("url", 2000, required: false);
        var author = body.String("author", 200, required: false);
        var publishedOn = body.Date("publishedOn");
        var retrievedAt = body.Timestamp("retrievedAt");
        var language = body.String("language", 35);
        body.Done();

        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            body.Errors.Add("url", "Must be an absolute http or https URL.");
        if (language is not null && !System.Text.RegularExpressions.Regex.IsMatch(language, "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"))
            body.Errors.Add("language", $"Must be a BCP 47 language tag such as en or es-MX; got '{language}'.");

        return kind is null || title is null || language is null
            ? null
            : new SourceInput(id, kind.Value, title, publisher, url, author, publishedOn, retrievedAt, language);
    }
}

/// <summary>A source as a write gives it.</summary>
public sealed record SourceInput(
    [property: Description("Optional readable id (lowercase letters, digits, dashes); made from the title when left out.")] string? Id,
    [property: Description("What kind of document it is."), Required] SourceKind Kind,
    [property: Description("The document's own title.")] string Title,
    [property: Description("Who published it, when the document says.")] string? Publisher,
    [property: Description("Where it was published: an absolute http(s) URL.")] string? Url,
    [property: Description("Who wrote it, when known.")] string? Author,
    [property: Description("Day of publication, YYYY-MM-DD, when known.")] DateOnly? PublishedOn,
    [property: Description("When the copy the citations quote was retrieved (UTC), when known.")] DateTimeOffset? RetrievedAt,
    [property: Description("Language as a BCP 47 tag, e.g. `en`.")] string Language);

/// <summary>A source as the database gives it.</summary>
internal sealed class SourceRow
{
    public string Id { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Publisher { get; init; }
    public string? Url { get; init; }
    public string? Author { get; init; }
    public DateOnly? PublishedOn { get; init; }
    public DateTimeOffset? RetrievedAt { get; init; }
    public string Language { get; init; } = "";
    public long Revision { get; init; }
}

/// <summary>The query parameters of <c>GET /api/v1/sources</c>: each is read by the filter of its name in <see cref="SourceDefinition.List"/>.</summary>
internal sealed class SourceListQuery : ListParameters<SourceRow>
{
    protected override ListDefinition<SourceRow> Definition => SourceDefinition.List;

    [FromQuery(Name = "kind"), Description("Only sources of this kind." + QueryDocs.MembershipSyntax), ApiParameter(Example = "news_article")]
    public string? Kind { get; init; }

    [FromQuery(Name = "source"), Description("Only the source with this id." + QueryDocs.MembershipSyntax), ApiParameter(Example = "article-ice-leadership-shakeup")]
    public string? Source { get; init; }

    [FromQuery(Name = "publishedOn"), Description("Only sources published on a day that compares so (YYYY-MM-DD)." + QueryDocs.ComparisonSyntax), ApiParameter(Example = "gte:2025-01-01", Pattern = QueryDocs.DatePattern)]
    public string[]? PublishedOn { get; init; }

    [FromQuery(Name = "sort"), Description(QueryDocs.Sort), ApiParameter(Example = "title")]
    public string? Sort { get; init; }

    [FromQuery(Name = "fields"), Description(QueryDocs.Fields), ApiParameter(Example = "id,title,publishedOn")]
    public string? Fields { get; init; }

    [FromQuery(Name = "facet"), Description(QueryDocs.Facet), ApiParameter(Example = "kind")]
    public string[]? Facet { get; init; }
}
