using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using EnforcementApi.Auth;
using EnforcementApi.Data;
using EnforcementApi.Drafts.Pipeline;
using EnforcementApi.Entities;
using EnforcementApi.Figures;
using EnforcementApi.Http;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using EnforcementApi.Statements;
using EnforcementApi.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using System.Data.Common;
using Microsoft.Extensions.Options;

namespace EnforcementApi.Drafts;

/// <summary>
/// Drafts: a first pass from a source's text to records. The pipeline proposes figures, statements and
/// new entities, each with its citation and offsets; a curator accepts an item (as it is, or changed)
/// through the ordinary write path, or rejects it. Drafts are work in progress: every operation needs a
/// key with scope write.
/// </summary>
public static class DraftsApi
{
    const string PlainText = "text/plain";

    public static IEndpointRouteBuilder MapDrafts(this IEndpointRouteBuilder api)
    {
        api.MapPost("/sources/{id}/drafts", CreateDraftAsync).WithName("CreateDraft").WithTags("Drafts")
            .WithSummary("Draft records from a source's text")
            .WithDescription("""
                Reads the source's full text (the body, as `text/plain` UTF-8; or, with an empty body, the text the API
                stores for the source) and proposes records: **figures** (value, the qualifier from the words around it,
                unit and rate, a metric from `GET /api/v1/metrics` chosen by the words beside the number, the period and
                its days where the text gives them, the reporter when the sentence names one, `statedAs`), **statements**
                (direct quotations in straight or curly marks, a quotation split by its attribution as two, speakers named
                before by a pronoun or a title, and reported speech such as "said that ...") and **entities** the API does
                not have yet (people in public roles). Every item carries its record's write body with a citation of the
                source (the verbatim excerpt and `charStart`/`charEnd` in code points), its confidence and notes on what
                to check. Entities the API has are listed with where the text names them. Nothing is written but the
                draft: accept items one by one. Needs scope `write`.
                """)
            .WithMetadata(new OptionalBody())
            .Accepts<string>(PlainText)
            .Produces<Draft>(StatusCodes.Status201Created)
            .WithWriteResponses(hasBody: true, StatusCodes.Status404NotFound);

        var group = api.MapGroup("/drafts").WithTags("Drafts");

        group.MapGet("/", ListDraftsAsync).WithName("ListDrafts")
            .WithSummary("List drafts")
            .WithDescription("The drafts, newest first, each with how many of its items are proposed, accepted and rejected. Filter by `source`. Needs scope `write`.")
            .WithReadKey();

        group.MapGet("/{id}", GetDraftAsync).WithName("GetDraft")
            .WithSummary("Get a draft with its items")
            .WithDescription("A draft: every item (the record it proposes, its excerpt and offsets, confidence, notes, state) and the entities the text names. Needs scope `write`.")
            .WithReadKey()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{id}", DeleteDraftAsync).WithName("DeleteDraft")
            .WithSummary("Delete a draft")
            .WithDescription("Deletes the draft and its items. Records written by accepting its items stay. Needs scope `write`.")
            .Produces(StatusCodes.Status204NoContent)
            .WithWriteResponses(hasBody: false, StatusCodes.Status404NotFound);

        group.MapPost("/{id}/items/{n:int}/accept", AcceptAsync).WithName("AcceptDraftItem")
            .WithSummary("Write a draft item's record")
            .WithDescription("""
                Writes the item's record through the ordinary write path (the checks, revision, change feed and
                `Idempotency-Key` of `POST /api/v1/figures`, `/statements` or `/entities`), and marks the item accepted in
                the same transaction. With no body, or an empty merge patch `{}`, the proposed record is written as it
                is; a body changes it first: `application/merge-patch+json` changes some fields (RFC 7396),
                `application/json` replaces the record whole. Answers the item's `kind`, the new record's `recordId`, and
                the record as the resource's POST answers it under the property named by the kind (`figure`,
                `statement` or `entity`); `Location` is the record's URL and `ETag` the record's, for the next `If-Match`.
                An item already accepted or rejected is a 409; a record that fails the checks is a 400 and nothing is
                written (the item stays proposed). Needs scope `write`.
                """)
            .WithMetadata(new OptionalBody(), new AcceptedRecordTypes([typeof(Figure), typeof(Statement), typeof(Entity)]))
            .Accepts<JsonObject>("application/merge-patch+json", "application/json")
            .Produces<AcceptedDraftItem>(StatusCodes.Status201Created)
            .WithWriteResponses(hasBody: true, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/{id}/items/{n:int}/reject", RejectAsync).WithName("RejectDraftItem")
            .WithSummary("Reject a draft item")
            .WithDescription("Marks the item rejected: it stays in the draft, and nothing is written. An item already accepted is a 409. Needs scope `write`.")
            .Produces<DraftItem>()
            .WithWriteResponses(hasBody: false, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return api;
    }

    static RouteHandlerBuilder WithReadKey(this RouteHandlerBuilder builder) =>
        builder.RequireAuthorization(ApiKeyAuthentication.WritePolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    static async Task<Results<Created<Draft>, MissingRecord, ProblemHttpResult>> CreateDraftAsync(
        [Description("The source's id."), ApiParameter(Example = "article-ice-leadership-shakeup")] string id,
        HttpContext http, Db db, IOptions<ApiOptions> options, CancellationToken ct)
    {
        string? sent = null;
        if (http.Request.ContentLength is not 0 && (http.Request.ContentLength is > 0 || http.Request.ContentType is not null))
        {
            var (bytes, problem) = await RequestBody.ReadBytesAsync(http, PlainText, "the text", ct);
            if (problem is not null) return problem;
            sent = Encoding.UTF8.GetString(bytes);
        }

        await using var connection = await db.OpenAsync(ct);
        var source = await connection.QuerySingleOrDefaultAsync<(string Title, string? PublishedOn, string? Text)?>(new CommandDefinition("""
            select s.title, s.published_on, t.text from sources s left join source_texts t on t.source_id = s.id where s.id = @id
            """, new { id }, cancellationToken: ct));
        if (source is null) return MissingRecord.For("source", id);
        var text = sent ?? source.Value.Text;
        if (string.IsNullOrWhiteSpace(text))
            return Problem(StatusCodes.Status400BadRequest, sent is null ? "There is no text to draft." : "The text is empty.",
                sent is null
                    ? $"The API has no stored text for the source {QueryErrors.Quote(id)}: send its text as the body (Content-Type: text/plain)."
                    : "Send the source's text as the body (Content-Type: text/plain), or send no body to draft the text the API stores for it.");
        var limit = options.Value.MaxDraftCharacters;
        if (text.Length > limit)
            return Problem(StatusCodes.Status413PayloadTooLarge, "The text is too long to draft.",
                $"A draft reads at most {limit} characters (Api:MaxDraftCharacters); this text has {text.Length}. Draft it in parts, as sources of their own.");
        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            return Problem(StatusCodes.Status400BadRequest, "The text has control characters.", "Send plain text: letters, punctuation, spaces, tabs and line breaks.");

        var (entities, metrics) = await Vocabulary.LoadAsync(connection, ct);
        var published = source.Value.PublishedOn is { } p ? DateOnly.ParseExact(p, "yyyy-MM-dd") : (DateOnly?)null;
        var result = Drafter.Run(text, id, published, entities, metrics);

        var draftId = "draft-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var now = DateTimeOffset.UtcNow;
        var items = result.Proposals.Select((proposal, i) => new DraftItem(i + 1, proposal.Kind, DraftItemState.Proposed, proposal.Confidence,
            proposal.Label, Excerpt(text, proposal), proposal.ExcerptStart, proposal.ExcerptEnd, proposal.MentionStart, proposal.MentionEnd,
            proposal.Record, proposal.Notes, null, null, null) { ShareOf = proposal.ShareOf }).ToList();
        var json = ApiJson.Options(http.RequestServices);

        await using (var transaction = await db.Dialect.BeginWriteAsync(connection, ct))
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into drafts (id, source_id, text, words, created_at, created_by) values (@draftId, @id, @text, @words, @now, @key)
                """, new { draftId, id, text, words = result.Words, now = Timestamps.Format(now), key = http.KeyName() }, transaction, cancellationToken: ct));
            foreach (var item in items)
                await connection.ExecuteAsync(new CommandDefinition("""
                    insert into draft_items (draft_id, n, kind, item) values (@draftId, @N, @kind, @item)
                    """, new { draftId, item.N, kind = Wire<DraftItemKind>.Name(item.Kind), item = JsonSerializer.Serialize(item, json) },
                    transaction, cancellationToken: ct));
            await transaction.CommitAsync();
        }

        var draft = new Draft(draftId, id, source.Value.Title, now, http.KeyName(), new CodePoints(text).Of(text.Length), result.Words,
            new DraftCounts(items.Count, 0, 0), items,
            [.. result.Matched.Select(m => new DraftMention(m.Entity!.Id, m.Name, m.Start, m.End))]);
        var location = http.Request.PathBase + "/api/v1/drafts/" + draftId;
        http.Response.Headers.Location = location;
        return TypedResults.Created(location, draft);
    }

    static string Excerpt(string text, Proposal proposal) => proposal.Record["citations"]?[0]?["excerpt"]?.GetValue<string>() ?? "";

    const string SummarySelect = """
        select d.id, d.source_id, s.title as source_title, d.created_at, d.created_by,
               (select count(*) from draft_items i where i.draft_id = d.id and i.state = 'proposed') as proposed,
               (select count(*) from draft_items i where i.draft_id = d.id and i.state = 'accepted') as accepted,
               (select count(*) from draft_items i where i.draft_id = d.id and i.state = 'rejected') as rejected
        from drafts d
        left join sources s on s.id = d.source_id
        """;

    internal static readonly ListDefinition<SummaryRow> List = new()
    {
        Resource = "drafts",
        SelectFrom = SummarySelect,
        From = "from drafts d",
        IdSql = "d.id",
        Id = r => r.Id,
        DefaultSort = "-createdAt",
        RecordType = typeof(DraftSummary),
        Sorts = [new SortField<SummaryRow>("createdAt", "d.created_at", SortKind.Text, r => r.CreatedAt)],
    };

    static async Task<Results<Ok<Page<DraftSummary>>, ValidationProblem>> ListDraftsAsync(
        [AsParameters] DraftListQuery query, Db db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var list = new ListQuery<SummaryRow>(List);
        await list.ReferenceAsync(connection, "source", query.Source, Reference.Source, new Match("d.source_id"));
        list.Paging(null, query.Limit, query.Cursor);
        if (list.Errors.Any) return list.Errors.ToProblem();
        var result = await list.ExecuteAsync(connection, http, ct);
        return TypedResults.Ok(result.ToPage(result.Rows.Select(r => r.ToSummary()).ToList()));
    }

    static async Task<Results<Ok<Draft>, MissingRecord>> GetDraftAsync(
        [Description("The draft's id."), ApiParameter(Example = "draft-3f9a2c71b0de")] string id, Db db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var draft = await LoadAsync(connection, null, id, ApiJson.Options(http.RequestServices), ct);
        return draft is null ? MissingRecord.For("draft", id) : TypedResults.Ok(draft);
    }

    static async Task<Results<NoContent, MissingRecord>> DeleteDraftAsync(
        [Description("The draft's id.")] string id, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var deleted = await connection.ExecuteAsync(new CommandDefinition("delete from drafts where id = @id", new { id }, cancellationToken: ct));
        return deleted == 0 ? MissingRecord.For("draft", id) : TypedResults.NoContent();
    }

    static async Task<IResult> AcceptAsync(
        [Description("The draft's id.")] string id,
        [Description("The item's number in the draft, from 1.")] int n,
        [FromHeader(Name = "Idempotency-Key"), ApiParameter(Example = "5f0c6a1e-8d2b-4a47-9e3f-2b7d9c1a4e60"), Description("Any unique string (a UUID, say). A repeat of the request with the same key and body answers the first response again; the same key with another body is a 422.")] string? idempotencyKey,
        HttpContext http, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var json = ApiJson.Options(http.RequestServices);
        var item = await ItemAsync(connection, id, n, json, ct);
        if (item is null) return MissingItem(id, n);

        // The record to write: the proposal, changed by a merge patch or replaced by a whole body when one is sent.
        var record = item.Record.DeepClone().AsObject();
        var hasBody = http.Request.ContentLength is > 0 || (http.Request.ContentLength is null && http.Request.ContentType is not null);
        if (hasBody)
        {
            var patch = http.Request.ContentType?.StartsWith("application/merge-patch+json", StringComparison.OrdinalIgnoreCase) == true;
            var (body, _, problem) = await RequestBody.ReadObjectAsync(http, patch ? "application/merge-patch+json" : "application/json", ct);
            if (problem is not null) return problem;
            record = patch ? MergePatch.Apply(record, body!).AsObject() : body!;
        }
        var bytes = JsonSerializer.SerializeToUtf8Bytes(record);

        // A repeat with the same Idempotency-Key answers the first response again (the writer replays it);
        // otherwise an item decided already is a conflict.
        if (item.State != DraftItemState.Proposed && idempotencyKey is null)
            return Conflict(item);

        async Task Mark(DbConnection c, DbTransaction t, string recordId)
        {
            var marked = await c.ExecuteAsync("""
                update draft_items set state = 'accepted', record_id = @recordId, decided_at = @now, decided_by = @key
                where draft_id = @id and n = @n and state = 'proposed'
                """, new { id, n, recordId, now = Timestamps.Now(), key = http.KeyName() }, t);
            // Another request decided the item since it was read: nothing of this one is committed.
            if (marked == 0) throw new ItemDecidedException();
        }

        try
        {
            var written = item.Kind switch
            {
                DraftItemKind.Figure => (await Writers.Figure.CreateFromBodyAsync(http, db, record, bytes, idempotencyKey, Mark, ct)).Result,
                DraftItemKind.Statement => (await Writers.Statement.CreateFromBodyAsync(http, db, record, bytes, idempotencyKey, Mark, ct)).Result,
                DraftItemKind.Entity => (await Writers.Entity.CreateFromBodyAsync(http, db, record, bytes, idempotencyKey, Mark, ct)).Result,
                _ => throw new InvalidOperationException($"No writer for a draft item of kind {item.Kind}."),
            };
            if (written is not (IStatusCodeHttpResult { StatusCode: StatusCodes.Status201Created } and IValueHttpResult { Value: { } created })) return written;
            var location = http.Response.Headers.Location.ToString();
            var accepted = new AcceptedDraftItem(id, n, item.Kind, location[(location.LastIndexOf('/') + 1)..],
                created as Figure, created as Statement, created as Entity);
            return new AcceptedAnswer(accepted, location, ETags.OfRecord(http, created));
        }
        catch (ItemDecidedException)
        {
            return Conflict((await ItemAsync(connection, id, n, json, ct))!);
        }
    }

    static async Task<Results<Ok<DraftItem>, ProblemHttpResult>> RejectAsync(
        [Description("The draft's id.")] string id,
        [Description("The item's number in the draft, from 1.")] int n,
        HttpContext http, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var json = ApiJson.Options(http.RequestServices);
        var changed = await connection.ExecuteAsync(new CommandDefinition("""
            update draft_items set state = 'rejected', decided_at = @now, decided_by = @key
            where draft_id = @id and n = @n and state <> 'accepted'
            """, new { id, n, now = Timestamps.Now(), key = http.KeyName() }, cancellationToken: ct));
        var item = await ItemAsync(connection, id, n, json, ct);
        if (item is null) return MissingItem(id, n);
        return changed == 0 ? Conflict(item) : TypedResults.Ok(item);
    }

    sealed class ItemDecidedException : Exception;

    /// <summary>
    /// The 201 of an accepted item. Its ETag is the written record's (what a GET of it gives), not one of this
    /// larger body, so that it can be sent in the record's next <c>If-Match</c>.
    /// </summary>
    sealed class AcceptedAnswer(AcceptedDraftItem body, string location, string etag) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.ETag = etag;
            return TypedResults.Created(location, body).ExecuteAsync(http);
        }
    }

    static ProblemHttpResult Conflict(DraftItem item) => Problem(StatusCodes.Status409Conflict,
        $"The item was {Wire<DraftItemState>.Name(item.State)} already.",
        item.State == DraftItemState.Accepted
            ? $"Item {item.N} was accepted: its record is {Wire<DraftItemKind>.Name(item.Kind)} '{item.RecordId}'. Change that record with PATCH."
            : $"Item {item.N} was rejected; nothing was written. Make a new draft of the source to propose it again.");

    static ProblemHttpResult MissingItem(string id, int n) => Problem(StatusCodes.Status404NotFound, "The draft item was not found.",
        $"No draft {QueryErrors.Quote(id)} has an item {n}.");

    static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    /// <summary>The writers of the records an item can become: the same as the resources' own POST.</summary>
    static class Writers
    {
        public static readonly RecordWriter<FigureInput, Figure> Figure = new(FigureWrites.Resource);
        public static readonly RecordWriter<StatementInput, Statement> Statement = new(StatementWrites.Resource);
        public static readonly RecordWriter<EntityInput, Entity> Entity = new(EntityWrites.Resource);
    }

    static async Task<DraftItem?> ItemAsync(DbConnection connection, string id, int n, JsonSerializerOptions json, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ItemRow>(new CommandDefinition(
            "select item, state, record_id, decided_at, decided_by from draft_items where draft_id = @id and n = @n", new { id, n }, cancellationToken: ct));
        return row?.ToItem(json);
    }

    internal static async Task<Draft?> LoadAsync(DbConnection connection, DbTransaction? transaction, string id, JsonSerializerOptions json, CancellationToken ct)
    {
        var summary = await connection.QuerySingleOrDefaultAsync<SummaryRow>(new CommandDefinition(
            SummarySelect + "\nwhere d.id = @id", new { id }, transaction, cancellationToken: ct));
        if (summary is null) return null;
        var text = await connection.ExecuteScalarAsync<string>(new CommandDefinition("select text from drafts where id = @id", new { id }, transaction, cancellationToken: ct));
        var items = (await connection.QueryAsync<ItemRow>(new CommandDefinition(
            "select item, state, record_id, decided_at, decided_by from draft_items where draft_id = @id order by n", new { id }, transaction, cancellationToken: ct)))
            .Select(r => r.ToItem(json)).ToList();
        var (entities, _) = await Vocabulary.LoadAsync(connection, ct);
        var points = new CodePoints(text!);
        var mentions = new Pipeline.Entities(entities).Find(text!).Where(m => m.Entity is not null)
            .Select(m => new DraftMention(m.Entity!.Id, m.Name, points.Of(m.Start), points.Of(m.End))).ToList();
        var words = text!.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
        return new Draft(summary.Id, summary.SourceId, summary.SourceTitle, summary.CreatedAtTime, summary.CreatedBy, points.Of(text.Length), words,
            summary.Counts, items, mentions);
    }

    internal sealed class SummaryRow
    {
        public string Id { get; init; } = "";
        public string SourceId { get; init; } = "";
        public string SourceTitle { get; init; } = "";
        public string CreatedAt { get; init; } = "";
        public string CreatedBy { get; init; } = "";
        public long Proposed { get; init; }
        public long Accepted { get; init; }
        public long Rejected { get; init; }

        public DateTimeOffset CreatedAtTime => DateTimeOffset.Parse(CreatedAt, System.Globalization.CultureInfo.InvariantCulture);
        public DraftCounts Counts => new((int)Proposed, (int)Accepted, (int)Rejected);
        public DraftSummary ToSummary() => new(Id, SourceId, SourceTitle, CreatedAtTime, CreatedBy, Counts);
    }

    sealed class ItemRow
    {
        public string Item { get; init; } = "";
        public string State { get; init; } = "";
        public string? RecordId { get; init; }
        public string? DecidedAt { get; init; }
        public string? DecidedBy { get; init; }

        public DraftItem ToItem(JsonSerializerOptions json) => JsonSerializer.Deserialize<DraftItem>(Item, json)! with
        {
            State = Wire<DraftItemState>.Parse(State),
            RecordId = RecordId,
            DecidedAt = DecidedAt is null ? null : DateTimeOffset.Parse(DecidedAt, System.Globalization.CultureInfo.InvariantCulture),
            DecidedBy = DecidedBy,
        };
    }
}

/// <summary>The query parameters of <c>GET /api/v1/drafts</c>.</summary>
internal sealed class DraftListQuery
{
    [FromQuery(Name = "source"), Description("Only drafts of this source (a source id)."), ApiParameter(Example = "article-ice-leadership-shakeup")]
    public string? Source { get; init; }

    [FromQuery(Name = "limit"), Description(QueryDocs.Limit), ApiParameter(Type = typeof(int), Minimum = 1, Maximum = QueryDocs.MaxLimit, Default = QueryDocs.DefaultLimit, Example = "20")]
    public string? Limit { get; init; }

    [FromQuery(Name = "cursor"), Description(QueryDocs.Cursor), ApiParameter]
    public string? Cursor { get; init; }
}

/// <summary>An operation whose body may be left out (the contract says so).</summary>
internal sealed class OptionalBody;

/// <summary>The record types an operation's 201 can hold (the contract gives them as oneOf).</summary>
internal sealed record AcceptedRecordTypes(Type[] Types);
