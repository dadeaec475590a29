using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Http;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using EnforcementApi.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EnforcementApi.Changes;

/// <summary>One change in the feed.</summary>
public sealed record FeedEntry(
    [property: Description("The kind of record that changed.")] RecordType Type,
    [property: Description("The record's id.")] string Id,
    [property: Description("What the change did.")] ChangeKind Change,
    [property: Description("The record's revision number after the change.")] long Revision,
    [property: Description("When the change was committed (UTC).")] DateTimeOffset ChangedAt,
    [property: Description("The name of the API key that made it (`migration` for the bundled records).")] string KeyName,
    [property: Description("The record after the change, as GET serves it; for a deletion, as it was when deleted (drop it).")] JsonElement Record);

/// <summary>A stretch of the change feed and where to continue.</summary>
public sealed record FeedPage(
    [property: Description("Changes in commit order, oldest first.")] IReadOnlyList<FeedEntry> Items,
    [property: Description("Send as `since` to continue after the last change here. Always given, also when there is nothing newer yet: poll with it later.")] string NextCursor);

public static class ChangesApi
{
    public static IEndpointRouteBuilder MapChanges(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/changes").WithTags("Changes")
            .MapGet("/", ListChanges).WithName(nameof(ListChanges))
            .WithSummary("Follow every change")
            .WithDescription("""
                Every created, updated and deleted record in commit order, each with the record as it was after the
                change. Start without `since` to get the whole history (the bundled records first), then keep
                calling with the `nextCursor` you got: a client that applies each change in order (keep or replace
                created and updated records, drop deleted ones) holds exactly the current records.
                """);
        return api;
    }

    const string ChangesSql = """
        select r.id, r.record_type, r.record_id, r.change, r.revision, r.changed_at, r.key_name, r.record
        from revisions r
        where r.id > @after
        order by r.id
        limit @limit
        """;

    static async Task<Results<Ok<FeedPage>, ValidationProblem>> ListChanges(
        [AsParameters] ChangeQuery query, Db db, HttpContext http, CancellationToken ct)
    {
        var errors = new QueryErrors();
        var after = 0L;
        if (query.Since is not null)
        {
            if (Cursor.TryDecode(query.Since, out var cursor) && cursor is { Resource: "changes", Keys: [{ ValueKind: JsonValueKind.Number } key] })
                after = key.GetInt64();
            else
                errors.Add("since", "Is not a cursor of the change feed, or was altered; pass nextCursor exactly as it was returned.");
        }
        var limit = QueryDocs.DefaultLimit;
        if (query.Limit is not null && !(int.TryParse(query.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= ClientBounds.MaxPageSize))
            errors.Add("limit", $"Must be a whole number from 1 to {ClientBounds.MaxPageSize}; got {QueryErrors.Quote(query.Limit)}.");
        if (errors.Any) return errors.ToProblem();

        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<ChangeRow>(new CommandDefinition(ChangesSql, new { after, limit }, cancellationToken: ct))).AsList();
        var last = rows.Count > 0 ? rows[^1].Id : after;
        var next = new Cursor("changes", "", [JsonSerializer.SerializeToElement(last)]).Encode();
        return TypedResults.Ok(new FeedPage(
            rows.Select(r => new FeedEntry(Wire<RecordType>.Parse(r.RecordType), r.RecordId, Wire<ChangeKind>.Parse(r.Change), r.Revision,
                r.ChangedAt, r.KeyName, JsonDocument.Parse(r.Record).RootElement.Clone())).ToList(),
            next));
    }

    sealed class ChangeRow
    {
        public long Id { get; init; }
        public string RecordType { get; init; } = "";
        public string RecordId { get; init; } = "";
        public string Change { get; init; } = "";
        public long Revision { get; init; }
        public DateTimeOffset ChangedAt { get; init; }
        public string KeyName { get; init; } = "";
        public string Record { get; init; } = "";
    }
}

/// <summary>The query parameters of <c>GET /api/v1/changes</c>.</summary>
internal sealed class ChangeQuery
{
    [FromQuery(Name = "since"), Description("The `nextCursor` of the previous call; leave it out to start from the first change."), ApiParameter]
    public string? Since { get; init; }

    [FromQuery(Name = "limit"), Description("How many changes at most, from 1 to 200 (Limits:MaxPageSize). Default 50."), ApiParameter(Type = typeof(int), Minimum = 1, Maximum = QueryDocs.MaxLimit, Default = QueryDocs.DefaultLimit, Example = "100")]
    public string? Limit { get; init; }
}
