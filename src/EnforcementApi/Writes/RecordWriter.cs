using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using EnforcementApi.Auth;
using EnforcementApi.Data;
using EnforcementApi.Http;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using System.Data.Common;
using Microsoft.Extensions.Options;

namespace EnforcementApi.Writes;

/// <summary>
/// What one resource contributes to writes: how to read its body, check what it refers to, store it,
/// load it back as the API serves it, and say what stands in the way of deleting it. The HTTP side
/// (keys, content types, If-Match, idempotency, revisions, the change feed) is <see cref="RecordWriter{TInput,TRecord}"/>'s.
/// </summary>
internal sealed class WritableResource<TInput, TRecord> : IWritableResource where TInput : class where TRecord : class
{
    public required RecordType Type { get; init; }

    /// <summary>The word for one record of the type: <c>figure</c>.</summary>
    public string Noun => RecordKinds.Of(Type).Name;

    /// <summary>The type's table, which is also its list and its path: <c>figures</c>.</summary>
    public string Table => RecordKinds.Of(Type).Plural;

    Type IWritableResource.InputType => typeof(TInput);

    async Task<(object Record, long Revision)?> IWritableResource.LoadRecordAsync(
        DbConnection connection, DbTransaction transaction, string id, CancellationToken ct) =>
        await LoadAsync(connection, transaction, id, ct) is { } found ? (found.Record, found.Revision) : null;
    public required Func<JsonBody, TInput?> Parse { get; init; }
    public required Func<TInput, string?> IdOf { get; init; }
    public required Func<TInput, string> IdBase { get; init; }
    /// <summary>Checks beyond the body itself and beyond the existence of what it refers to, which every write checks.</summary>
    public Func<DbConnection, DbTransaction, TInput, string?, BodyErrors, Task>? CheckAsync { get; init; }
    public required Func<DbConnection, DbTransaction, string, TInput, Task> InsertAsync { get; init; }
    public required Func<DbConnection, DbTransaction, string, TInput, Task> UpdateAsync { get; init; }
    public required Func<DbConnection, DbTransaction, string, Task<string?>> BlockerAsync { get; init; }
    public required Func<DbConnection, DbTransaction, string, CancellationToken, Task<(TRecord Record, long Revision)?>> LoadAsync { get; init; }
    /// <summary>
    /// Inserts a new record as <see cref="InsertAsync"/> does, with an import's compiled statements, and
    /// returns it as <see cref="LoadAsync"/> would load it (revision 1), built from what was written instead
    /// of read back. Without it an import writes this kind the ordinary way.
    /// </summary>
    public Func<ImportSession, string, TInput, TRecord>? InsertInImport { get; init; }

    object? IImportable.Read(JsonObject body, BodyErrors errors) => Parse(new JsonBody(body, "", errors));

    Task<(ChangeKind Change, string Id)?> IImportable.PutAsync(
        ImportSession session, object? input, BodyErrors errors, string keyName, JsonSerializerOptions json, CancellationToken ct) =>
        PutAsync(session, (TInput?)input, errors, keyName, json, ct);

    /// <summary>
    /// Creates the record a body describes, or replaces it when its id exists: what an import line does,
    /// with the checks, revision and change-feed entry of a POST or a PUT. Null when the body is bad
    /// (<paramref name="errors"/> says why, from <see cref="Parse"/> onwards) or its id belonged to a deleted record.
    /// </summary>
    public async Task<(ChangeKind Change, string Id)?> PutAsync(
        ImportSession session, TInput? input, BodyErrors errors, string keyName, JsonSerializerOptions json, CancellationToken ct)
    {
        var (connection, transaction) = (session.Connection, session.Transaction);
        var id = input is null ? null : IdOf(input);
        if (await ValidateAsync(connection, transaction, input, id, errors, session.References) is not { } valid) return null;
        // A held record that a later line replaces is written first.
        if (id is not null && session.Held?.Holds(Type, id) == true) await session.FlushHeldAsync(ct);

        var exists = id is not null && Exists(session, id);
        if (!exists && id is not null && IdTaken(session, id))
        {
            errors.Add("id", $"The {Noun} '{id}' was deleted; ids are never reused.");
            return null;
        }
        // A line without an id is a new record: its id is made here, so it takes the fast path a line with one does.
        id ??= await NewIdAsync(session, IdBase(valid), ct);
        if (!exists && session.Held is { } held && InsertInImport is { } hold)
        {
            // PostgreSQL: the rows are held, and written with COPY (CopyBuffer); nothing runs until then.
            held.BeginLine(session.Line, Type, id);
            var record = hold(session, id, valid);
            Revisions.Add(session, Type, id, 1, Wire<ChangeKind>.Name(ChangeKind.Created), JsonSerializer.SerializeToUtf8Bytes(record, json), keyName);
            if (held.Full) await session.FlushHeldAsync(ct);
            return (ChangeKind.Created, id);
        }
        if (!exists && session.OnSqlite && InsertInImport is { } insert)
        {
            // No savepoint: one costs SQLite a copy of every page the line changes. A line that fails
            // part-way removes what it wrote instead, which for a new record is the record and its revision.
            // (PostgreSQL cannot go on in a transaction after a failed statement: there every line has its savepoint.)
            try
            {
                var record = insert(session, id, valid);
                Revisions.Add(session, Type, id, 1, Wire<ChangeKind>.Name(ChangeKind.Created), JsonSerializer.SerializeToUtf8Bytes(record, json), keyName);
            }
            catch (DbException)
            {
                // Its citations and other parts go with it (on delete cascade).
                session.Statements.Execute("delete from " + Table + " where id = @id", new { id });
                session.Statements.Execute("delete from revisions where record_type = @type and record_id = @id", new { id, type = Wire<RecordType>.Name(Type) });
                throw;
            }
            return (ChangeKind.Created, id);
        }

        var change = exists ? ChangeKind.Updated : ChangeKind.Created;
        // What is held is written before a line that may read it (a renamed reporter revises its figures).
        await session.FlushHeldAsync(ct);
        // A line that fails part-way leaves nothing of itself behind, so the lines after it are checked
        // against the records as they would be without it.
        session.Statements.Execute("savepoint line");
        try
        {
            await StoreAsync(connection, transaction, id, valid, change, keyName, json, ct);
        }
        catch (DbException)
        {
            session.Statements.Execute("rollback to line");
            throw;
        }
        finally
        {
            session.Statements.Execute("release line");
            session.ForgetShownNames();
        }
        return (change, id);
    }

    /// <summary>
    /// Everything wrong with a body: its fields (already in <paramref name="errors"/>), the records it
    /// refers to, then the resource's own rules, which need a whole body whose references exist. The
    /// input when it can be written; null otherwise (a body that did not parse never can).
    /// </summary>
    public async Task<TInput?> ValidateAsync(
        DbConnection connection, DbTransaction transaction, TInput? input, string? id, BodyErrors errors, ReferencesFound? known = null)
    {
        await errors.CheckReferencesAsync(connection, transaction, known);
        if (input is null || errors.Any) return null;
        if (CheckAsync is { } check) await check(connection, transaction, input, id, errors);
        return errors.Any ? null : input;
    }

    /// <summary>
    /// Writes a checked record (a new one, or over the one with its id) and its revision; a replacement
    /// also revises the records that show it. Returns the record as it is now served.
    /// </summary>
    public async Task<(TRecord Record, long Revision, byte[] Bytes)> StoreAsync(
        DbConnection connection, DbTransaction transaction, string id, TInput input, ChangeKind change, string keyName,
        JsonSerializerOptions json, CancellationToken ct)
    {
        if (change == ChangeKind.Created)
            await InsertAsync(connection, transaction, id, input);
        else
        {
            await UpdateAsync(connection, transaction, id, input);
            await connection.ExecuteAsync("update " + Table + " set revision = revision + 1 where id = @id", new { id }, transaction);
        }
        var (record, revision) = (await LoadAsync(connection, transaction, id, ct))!.Value;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(record, json);
        await Revisions.AddAsync(connection, transaction, Type, id, revision, Wire<ChangeKind>.Name(change), bytes, keyName);
        if (change == ChangeKind.Updated)
            await RecordHistory.ReviseDependentsAsync(connection, transaction, Type, id, keyName, json, ct);
        return (record, revision, bytes);
    }

    /// <summary>Whether a record of this kind has, or once had, the id.</summary>
    public async Task<bool> IdTakenAsync(DbConnection connection, DbTransaction transaction, string id) =>
        await connection.ExecuteScalarAsync<long>(
            "select (select count(*) from " + Table + " where id = @id)"
            + " + (select count(*) from deleted_records where record_type = @type and record_id = @id)",
            new { id, type = Wire<RecordType>.Name(Type) }, transaction) > 0;

    bool IdTaken(ImportSession session, string id) =>
        session.Native("select count(*) from deleted_records where record_type = @type and record_id = @id")
            .Text("@type", Wire<RecordType>.Name(Type)).Text("@id", id).Number() > 0;

    /// <summary>
    /// An id made from the record's own words: the slug, else the slug with <c>-2</c>, else the slug with a
    /// suffix drawn at random, so a new id costs at most three lookups however many records share its words
    /// (a hundred figures of one metric and year used to probe <c>-2</c> to <c>-100</c>).
    /// </summary>
    public async Task<string> NewIdAsync(DbConnection connection, DbTransaction transaction, string words)
    {
        foreach (var candidate in IdCandidates(Slugs.From(words, Noun)))
            if (!await IdTakenAsync(connection, transaction, candidate)) return candidate;
        throw new InvalidOperationException("Every id candidate is taken."); // unreachable: the candidates do not end
    }

    /// <summary>
    /// <see cref="NewIdAsync"/> within an import: the slug, else the slug with <c>-2</c>; once both are taken, the
    /// import draws a tag for the slug (four characters, checked once: no id has started with it) and numbers the
    /// rest after it, <c>removals-fy2024-k3m9-1</c>, <c>-2</c>, …, with no lookup per record. The import holds the
    /// write lock, so nothing else can take an id under that tag before it commits; and ids made in order sit
    /// together in the indexes, where drawn ones would land all over them.
    /// </summary>
    async Task<string> NewIdAsync(ImportSession session, string words, CancellationToken ct)
    {
        var slug = Slugs.From(words, Noun);
        if (session.SlugTags.TryGetValue((Type, slug), out var tagged))
        {
            session.SlugTags[(Type, slug)] = tagged with { Count = tagged.Count + 1 };
            return tagged.Prefix + (tagged.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        foreach (var candidate in new[] { slug, slug + "-2" })
            if (!Exists(session, candidate) && !IdTaken(session, candidate)) return candidate;
        // The ranges below are read from the tables: held records (PostgreSQL) go in first.
        await session.FlushHeldAsync(ct);
        string prefix;
        do prefix = slug + "-" + Slugs.RandomSuffix()[..4] + "-";
        while (AnyIdStartsWith(session, prefix));
        session.SlugTags[(Type, slug)] = (prefix, 1);
        return prefix + "1";
    }

    /// <summary>Whether a record of this kind has, or once had, an id that starts with the prefix (a range on each primary key).</summary>
    bool AnyIdStartsWith(ImportSession session, string prefix)
    {
        // The ids from the prefix up to the prefix with its last character (a dash) raised by one: those that start with it.
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        return session.Native("select count(*) from (select 1 from " + Table + " where id >= @from and id < @to limit 1) as found")
                   .Text("@from", prefix).Text("@to", end).Number() > 0
               || session.Native("select count(*) from (select 1 from deleted_records where record_type = @type and record_id >= @from and record_id < @to limit 1) as found")
                   .Text("@type", Wire<RecordType>.Name(Type)).Text("@from", prefix).Text("@to", end).Number() > 0;
    }

    /// <summary>The slug, the slug with -2, then the slug with eight random base-32 characters (40 bits), without end.</summary>
    static IEnumerable<string> IdCandidates(string slug)
    {
        yield return slug;
        yield return slug + "-2";
        while (true) yield return slug + "-" + Slugs.RandomSuffix();
    }

    bool Exists(ImportSession session, string id) =>
        session.Held?.Holds(Type, id) == true
        || session.Native("select count(*) from " + Table + " where id = @id").Text("@id", id).Number() > 0;
}

/// <summary>
/// POST, PUT, PATCH (JSON merge patch) and DELETE for one resource, and its revisions. Every write runs
/// in one transaction that takes the database's one write lock first (SQLite's BEGIN IMMEDIATE, PostgreSQL's
/// advisory lock): the record, its citations, its full-text entry (by trigger), its revision and any
/// idempotency record commit together or not at all.
/// </summary>
internal sealed class RecordWriter<TInput, TRecord>(WritableResource<TInput, TRecord> resource)
    where TInput : class where TRecord : class
{
    const string Json = "application/json";
    const string MergePatch = "application/merge-patch+json";

    public void Map(RouteGroupBuilder group)
    {
        var noun = resource.Noun;
        var title = char.ToUpperInvariant(noun[0]) + noun[1..];

        group.MapPost("/", CreateAsync).WithName("Create" + title)
            .WithSummary($"Create a {noun}")
            .WithDescription($"""
                Adds a {noun}. The body has the fields a {noun} is served with; fields the server derives (the names
                of referenced records, a citation's sourceTitle) may be sent back and are ignored. An `id` (lowercase
                letters, digits and dashes) is optional: without one the server makes one from the {noun}'s words (a slug;
                when that is taken, the slug with `-2`; then the slug with eight characters drawn at random). An
                id in use, or once used by a deleted record, is a 409. Every field is checked before anything is
                written, and one 400 lists every problem. With an `Idempotency-Key` header, a repeat of the same
                request answers the first response again instead of writing twice. Needs a key with scope `write`.
                """)
            .Accepts<TInput>(Json)
            .Produces<TRecord>(StatusCodes.Status201Created)
            .WithWriteResponses(hasBody: true, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        group.MapPut("/{id}", ReplaceAsync).WithName("Replace" + title)
            .WithSummary($"Replace a {noun}")
            .WithDescription($"""
                Replaces the {noun} with the body: what the body leaves out is cleared (citations included). With
                `If-Match` the write happens only if the {noun}'s ETag is still the one given (otherwise 412 and
                nothing changes); without it the write happens whatever changed since. Needs scope `write`.
                """)
            .Accepts<TInput>(Json)
            .Produces<TRecord>()
            .WithWriteResponses(hasBody: true, StatusCodes.Status404NotFound, StatusCodes.Status410Gone, StatusCodes.Status412PreconditionFailed);

        group.MapPatch("/{id}", PatchAsync).WithName("Patch" + title)
            .WithSummary($"Change some fields of a {noun}")
            .WithDescription($"""
                Applies a JSON merge patch (RFC 7396, `Content-Type: application/merge-patch+json`) to the {noun} as it
                is served: a field given replaces it, a field set to null clears it, an array given replaces the whole
                array. The result is checked as a full {noun}. `If-Match` as for PUT. Needs scope `write`.
                """)
            .Accepts<TInput>(MergePatch)
            .Produces<TRecord>()
            .WithWriteResponses(hasBody: true, StatusCodes.Status404NotFound, StatusCodes.Status410Gone, StatusCodes.Status412PreconditionFailed);

        group.MapDelete("/{id}", DeleteAsync).WithName("Delete" + title)
            .WithSummary($"Delete a {noun}")
            .WithDescription($"""
                Deletes the {noun}: it leaves every list and search, GET answers 410 Gone, and its revisions stay. A
                {noun} that other records still refer to cannot be deleted (409 says which). `If-Match` as for PUT.
                Needs scope `write`.
                """)
            .Produces(StatusCodes.Status204NoContent)
            .WithWriteResponses(hasBody: false, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status410Gone, StatusCodes.Status412PreconditionFailed);

        group.MapGet("/{id}/revisions", ListRevisionsAsync).WithName("List" + title + "Revisions")
            .WithSummary($"List a {noun}'s revisions")
            .WithDescription($"""
                Every change to the {noun}, oldest first: the revision number, the kind of change, the name of the
                key that made it, when, and the {noun} as it was after the change (for a deletion, as it was when
                deleted). Deleted {noun}s keep their revisions. Public, like every read.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    async Task<Results<Created<TRecord>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, Db db,
        [FromHeader(Name = "Idempotency-Key"), ApiParameter(Example = "5f0c6a1e-8d2b-4a47-9e3f-2b7d9c1a4e60"), Description("Any unique string (a UUID, say). A repeat of the request with the same key and body answers the first response again; the same key with another body is a 422.")] string? idempotencyKey,
        CancellationToken ct)
    {
        var (body, bytes, problem) = await RequestBody.ReadObjectAsync(http, Json, ct);
        if (problem is not null) return problem;
        return await CreateFromBodyAsync(http, db, body!, bytes, idempotencyKey, null, ct);
    }

    /// <summary>
    /// Creates the record a body describes: the checks, revision, change feed and idempotency of a POST.
    /// <paramref name="alongside"/> writes more in the same transaction, once the record has its id (what
    /// accepting a draft's item does: the item is marked in the commit that writes the record).
    /// </summary>
    public async Task<Results<Created<TRecord>, ValidationProblem, ProblemHttpResult>> CreateFromBodyAsync(
        HttpContext http, Db db, JsonObject body, byte[] bytes, string? idempotencyKey,
        Func<DbConnection, DbTransaction, string, Task>? alongside, CancellationToken ct)
    {
        var errors = new BodyErrors();
        var input = resource.Parse(new JsonBody(body!, "", errors));
        if (idempotencyKey is { Length: 0 or > 255 })
            return Problem(StatusCodes.Status400BadRequest, "The Idempotency-Key header is invalid.", "It must be 1 to 255 characters.");

        await using var connection = await db.OpenAsync(ct);
        await using var transaction = await db.Dialect.BeginWriteAsync(connection, ct);
        var keyName = http.KeyName();
        var requestHash = SHA256.HashData(Encoding.UTF8.GetBytes(http.Request.Path + "\n").Concat(bytes).ToArray());
        if (idempotencyKey is not null && await Idempotency.FindAsync(connection, transaction, keyName, idempotencyKey) is { } earlier)
            return earlier.Matches(requestHash)
                ? Idempotency.Replay<TRecord>(http, earlier, JsonOptionsOf(http))
                : Problem(StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was used for another request.",
                    "A request with this key and a different body was made before; use a new key for a new request.");

        var id = input is null ? null : resource.IdOf(input);
        if (await resource.ValidateAsync(connection, transaction, input, id, errors) is not { } valid) return errors.ToProblem();

        if (id is not null && await resource.IdTakenAsync(connection, transaction, id))
            return Problem(StatusCodes.Status409Conflict, $"The {resource.Noun} id is taken.",
                $"A {resource.Noun} with the id '{id}' exists, or existed and was deleted; ids are never reused. Choose another id or leave it out.");
        id ??= await resource.NewIdAsync(connection, transaction, resource.IdBase(valid));

        var (record, revision, recordBytes) = await resource.StoreAsync(
            connection, transaction, id, valid, ChangeKind.Created, keyName, JsonOptionsOf(http), ct);

        var location = http.Request.PathBase + "/api/v1/" + resource.Table + "/" + id;
        if (alongside is not null) await alongside(connection, transaction, id);
        if (idempotencyKey is not null)
            await Idempotency.SaveAsync(connection, transaction, keyName, idempotencyKey, requestHash, StatusCodes.Status201Created, location, recordBytes, revision);
        await transaction.CommitAsync();

        ETags.Remember(http, revision);
        http.Response.Headers.Location = location;
        return TypedResults.Created(location, record);
    }

    async Task<Results<Ok<TRecord>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        [Description("The record's id.")] string id, HttpContext http, Db db,
        [FromHeader(Name = "If-Match"), ApiParameter(Example = QueryDocs.ETagExample), Description("The ETag the record must still have for the write to happen; `*` for any. Without it the write happens whatever changed since.")] string? ifMatch,
        CancellationToken ct)
    {
        var (body, _, problem) = await RequestBody.ReadObjectAsync(http, Json, ct);
        if (problem is not null) return problem;
        return await UpdateAsync(id, http, db, ifMatch, _ => body!, ct);
    }

    async Task<Results<Ok<TRecord>, ValidationProblem, ProblemHttpResult>> PatchAsync(
        [Description("The record's id.")] string id, HttpContext http, Db db,
        [FromHeader(Name = "If-Match"), ApiParameter(Example = QueryDocs.ETagExample), Description("The ETag the record must still have for the write to happen; `*` for any. Without it the write happens whatever changed since.")] string? ifMatch,
        CancellationToken ct)
    {
        var (patch, _, problem) = await RequestBody.ReadObjectAsync(http, MergePatch, ct);
        if (problem is not null) return problem;
        return await UpdateAsync(id, http, db, ifMatch, current => Writes.MergePatch.Apply(current, patch!), ct);
    }

    /// <summary>PUT and PATCH: the new body comes from the current record (a replacement ignores it).</summary>
    async Task<Results<Ok<TRecord>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, HttpContext http, Db db, string? ifMatch, Func<JsonObject, JsonObject> newBody, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = await db.Dialect.BeginWriteAsync(connection, ct);
        var current = await resource.LoadAsync(connection, transaction, id, ct);
        if (current is null) return await MissingAsync(connection, transaction, id);

        var currentBytes = Serialize(http, current.Value.Record);
        if (!Matches(ifMatch, ETags.Of(currentBytes, current.Value.Revision)))
            return PreconditionFailed();

        var body = newBody(JsonNode.Parse(currentBytes)!.AsObject());
        var errors = new BodyErrors();
        var input = resource.Parse(new JsonBody(body, "", errors));
        if (input is not null && resource.IdOf(input) is { } bodyId && bodyId != id)
            errors.Add("id", $"Must be the id in the URL ('{id}') or left out; an id cannot change.");
        if (await resource.ValidateAsync(connection, transaction, input, id, errors) is not { } valid) return errors.ToProblem();

        var (record, revision, _) = await resource.StoreAsync(
            connection, transaction, id, valid, ChangeKind.Updated, http.KeyName(), JsonOptionsOf(http), ct);
        await transaction.CommitAsync();

        ETags.Remember(http, revision);
        return TypedResults.Ok(record);
    }

    async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        [Description("The record's id.")] string id, HttpContext http, Db db,
        [FromHeader(Name = "If-Match"), ApiParameter(Example = QueryDocs.ETagExample), Description("The ETag the record must still have for the deletion to happen; `*` for any.")] string? ifMatch,
        CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = await db.Dialect.BeginWriteAsync(connection, ct);
        var current = await resource.LoadAsync(connection, transaction, id, ct);
        if (current is null) return await MissingAsync(connection, transaction, id);

        var currentBytes = Serialize(http, current.Value.Record);
        if (!Matches(ifMatch, ETags.Of(currentBytes, current.Value.Revision)))
            return PreconditionFailed();
        if (await resource.BlockerAsync(connection, transaction, id) is { } blocker)
            return Problem(StatusCodes.Status409Conflict, $"The {resource.Noun} is still referred to.", blocker);

        await connection.ExecuteAsync("delete from " + resource.Table + " where id = @id", new { id }, transaction);
        await connection.ExecuteAsync(
            "insert into deleted_records (record_type, record_id, deleted_at) values (@type, @id, @now)",
            new { type = Wire<RecordType>.Name(resource.Type), id, now = Timestamps.Now() }, transaction);
        await Revisions.AddAsync(connection, transaction, resource.Type, id, current.Value.Revision + 1, "deleted", currentBytes, http.KeyName());
        await transaction.CommitAsync();
        return TypedResults.NoContent();
    }

    async Task<Results<Ok<Page<Revision>>, ValidationProblem, ProblemHttpResult>> ListRevisionsAsync(
        [Description("The record's id.")] string id, [AsParameters] RevisionListQuery query, Db db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var list = query.ToListQuery(resource.Type, id);
        if (list.Errors.Any) return list.Errors.ToProblem();
        var result = await list.ExecuteAsync(connection, http, ct);
        if (result.Rows.Count == 0 && query.Cursor is null)
            return Problem(StatusCodes.Status404NotFound, $"The {resource.Noun} was not found.",
                $"No {resource.Noun} has, or ever had, the id {QueryErrors.Quote(id)}.");
        return TypedResults.Ok(result.ToPage(result.Rows.Select(Revisions.ToRevision).ToList()));
    }

    async Task<ProblemHttpResult> MissingAsync(DbConnection connection, DbTransaction transaction, string id)
    {
        var deleted = await connection.ExecuteScalarAsync<long>(
            "select count(*) from deleted_records where record_type = @type and record_id = @id",
            new { type = Wire<RecordType>.Name(resource.Type), id }, transaction);
        return deleted > 0
            ? Problem(StatusCodes.Status410Gone, $"The {resource.Noun} was deleted.", $"The {resource.Noun} '{id}' was deleted; its revisions remain at ./{id}/revisions.")
            : Problem(StatusCodes.Status404NotFound, $"The {resource.Noun} was not found.", $"No {resource.Noun} has the id {QueryErrors.Quote(id)}.");
    }

    static JsonSerializerOptions JsonOptionsOf(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

    static byte[] Serialize(HttpContext http, TRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, JsonOptionsOf(http));

    static bool Matches(string? ifMatch, string etag)
    {
        if (ifMatch is null) return true;
        // If-Match compares strongly (RFC 9110 13.1.1): a weak ETag never matches.
        return ifMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == etag);
    }

    ProblemHttpResult PreconditionFailed() => Problem(StatusCodes.Status412PreconditionFailed,
        $"The {resource.Noun} has changed.",
        $"If-Match does not name the {resource.Noun}'s current ETag: someone changed it since you read it. Read it again, and retry with its new ETag.");

    static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}

internal static class WriteEndpoints
{
    /// <summary>
    /// A write needs a key with scope write, and can answer, besides its own outcomes, 401 and 403 and,
    /// when it takes a body, 413 and 415: all problem details.
    /// </summary>
    public static RouteHandlerBuilder WithWriteResponses(this RouteHandlerBuilder builder, bool hasBody, params int[] statuses)
    {
        builder.RequireAuthorization(ApiKeyAuthentication.WritePolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        if (hasBody)
            builder.ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        foreach (var status in statuses) builder.ProducesProblem(status);
        return builder;
    }
}

/// <summary>The query parameters of a record's revisions.</summary>
internal sealed class RevisionListQuery
{
    [FromQuery(Name = "limit"), Description(QueryDocs.Limit), ApiParameter(Type = typeof(int), Minimum = 1, Maximum = QueryDocs.MaxLimit, Default = QueryDocs.DefaultLimit, Example = "20")]
    public string? Limit { get; init; }

    [FromQuery(Name = "cursor"), Description(QueryDocs.Cursor), ApiParameter]
    public string? Cursor { get; init; }

    public ListQuery<Revisions.RevisionRow> ToListQuery(RecordType type, string id)
    {
        var list = new ListQuery<Revisions.RevisionRow>(Revisions.List);
        list.Where("type", "r.record_type = @type", Wire<RecordType>.Name(type));
        list.Where("record", "r.record_id = @record", id);
        list.Paging(null, Limit, Cursor);
        return list;
    }
}
