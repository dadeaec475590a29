using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Writes;

namespace EnforcementApi.Sources;

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

internal static class SourceWrites
{
    public static readonly WritableResource<SourceInput, Source> Resource = new()
    {
        Type = RecordType.Source,
        Noun = "source",
        Table = "sources",
        Parse = Parse,
        IdOf = s => s.Id,
        IdBase = s => s.Title,
        InsertAsync = (connection, transaction, id, s) => connection.ExecuteAsync("""
            insert into sources (id, kind, title, publisher, url, author, published_on, retrieved_at, language)
            values (@id, @Kind, @Title, @Publisher, @Url, @Author, @PublishedOn, @RetrievedAt, @Language)
            """, Parameters(id, s), transaction),
        UpdateAsync = (connection, transaction, id, s) => connection.ExecuteAsync("""
            update sources
            set kind = @Kind, title = @Title, publisher = @Publisher, url = @Url, author = @Author,
                published_on = @PublishedOn, retrieved_at = @RetrievedAt, language = @Language
            where id = @id
            """, Parameters(id, s), transaction),
        BlockerAsync = async (connection, transaction, id) =>
        {
            var cited = await connection.ExecuteScalarAsync<long>("select count(*) from citations where source_id = @id", new { id }, transaction);
            return cited == 0 ? null : $"{cited} citation(s) quote this source; change or delete the records that cite it first.";
        },
        LoadAsync = (connection, transaction, id, ct) => SourcesApi.LoadAsync(connection, id, ct, transaction),
    };

    static object Parameters(string id, SourceInput s) => new
    {
        id, Kind = Wire<SourceKind>.Name(s.Kind), s.Title, s.Publisher, s.Url, s.Author, s.PublishedOn,
        RetrievedAt = s.RetrievedAt is { } retrieved ? Timestamps.Format(retrieved) : null, s.Language,
    };

    static SourceInput? Parse(JsonBody body)
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
