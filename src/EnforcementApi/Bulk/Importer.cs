using System.ComponentModel;
using System.Text.Json;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Querying;
using EnforcementApi.Entities;
using EnforcementApi.Events;
using EnforcementApi.Figures;
using EnforcementApi.Sources;
using EnforcementApi.Statements;
using EnforcementApi.Writes;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Bulk;

/// <summary>What an import did (or, for a dry run, would do), per record type.</summary>
public sealed record ImportResult(
    [property: Description("Whether this was a dry run: everything was checked and nothing was written.")] bool DryRun,
    [property: Description("The number of records in the file (lines that are not blank).")] int Records,
    [property: Description("Records created, per type (source, entity, event, figure, statement).")] IReadOnlyDictionary<string, int> Created,
    [property: Description("Records whose id existed and that were replaced, per type.")] IReadOnlyDictionary<string, int> Replaced);

/// <summary>The lines of an import that are wrong: at most <see cref="MaxShown"/> of them, and how many in all.</summary>
internal sealed class ImportErrors
{
    public const int MaxShown = 100;

    public Dictionary<string, string[]> Shown { get; } = new(StringComparer.Ordinal);
    public int BadLines { get; private set; }

    public void Add(int line, string? path, string message) => Add(line, new Dictionary<string, string[]> { [path ?? ""] = [message] });

    public void Add(int line, IReadOnlyDictionary<string, string[]> errors)
    {
        BadLines++;
        if (BadLines > MaxShown) return;
        foreach (var (path, messages) in errors)
            Shown[$"lines[{line}]" + (path.Length == 0 ? "" : "." + path)] = messages;
    }
}

/// <summary>How far an import has come: lines read (blank ones left out) and records written so far.</summary>
public sealed record ImportProgress(long Read, long Written);

/// <summary>An import went over its size limit.</summary>
internal sealed class ImportTooLargeException(long limit) : Exception($"The import is larger than {limit} bytes.")
{
    public long Limit => limit;
}

/// <summary>
/// Applies an NDJSON file of records in order, in one transaction: each line is a record body as the
/// resource's POST takes it, with its <c>type</c>; a line whose id exists replaces that record. Every
/// line is checked as a write is; any bad line and nothing is written. Shared by
/// <c>POST /api/v1/import</c> and the <c>import</c> command.
/// </summary>
internal static class Importer
{
    static readonly Dictionary<string, IImportable> Writers =
        WritableResources.All.ToDictionary(r => RecordKinds.Of(r.Type).Name, r => (IImportable)r, StringComparer.Ordinal);

    public static string Types => string.Join(", ", Writers.Keys);

    /// <summary>
    /// Imports a file. <paramref name="once"/>, when given, runs first in the import's transaction: false
    /// ends the import there, writing nothing; after a good import it runs again, with the number of
    /// records, as the last write before the commit (what the bundled datasets use to be loaded exactly once, whatever else starts at the time).
    /// </summary>
    public static async Task<(ImportResult? Result, ImportErrors? Errors)> RunAsync(
        Db db, Stream ndjson, string keyName, bool dryRun, JsonSerializerOptions json, CancellationToken ct,
        Func<DbConnection, DbTransaction, int?, Task<bool>>? once = null, IProgress<ImportProgress>? progress = null)
    {
        var errors = new ImportErrors();
        var created = Writers.Keys.ToDictionary(k => k, _ => 0);
        var replaced = Writers.Keys.ToDictionary(k => k, _ => 0);
        var records = 0;

        await using var connection = await db.OpenAsync(ct);
        await using var transaction = await db.Dialect.BeginWriteAsync(connection, ct);
        if (once is not null && !await once(connection, transaction, null)) return (null, null);
        // On SQLite the import keeps the full-text index itself (below); PostgreSQL's is kept by its triggers.
        var sqlite = connection as SqliteConnection;
        var searchTriggers = sqlite is null ? null : await PauseSearchIndexAsync(sqlite, transaction, ct);
        if (sqlite is null) // PostgreSQL: the entries of what the import writes are refreshed once, at its end (db/postgres/020)
            await connection.ExecuteAsync(new CommandDefinition(
                "select set_config('enforcement.search_deferred', 'on', true)", transaction: transaction, cancellationToken: ct));
        // Figures the import creates come after this rowid: they are indexed for search together at the end.
        var figuresBefore = sqlite is null ? 0 : await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select coalesce(max(rowid), 0) from figures", transaction: transaction, cancellationToken: ct));
        BulkLoad? bulk = null;
        using var session = new ImportSession(connection, transaction);
        await using var lines = ImportLines.Start(ndjson, Writers, Types, ct);
        await foreach (var line in lines.ReadAllAsync(ct))
        {
            if (line.NotUtf8)
            {
                errors.Add(line.Number, null, "Is not valid UTF-8; the file must be UTF-8 encoded.");
                break;
            }
            records++;
            if (line.Problem is { } problem)
            {
                errors.Add(line.Number, problem.Path, problem.Message);
                continue;
            }

            var (type, lineErrors) = (line.Type!, line.Errors);
            (ChangeKind Change, string Id)? change;
            try
            {
                session.Line = line.Number;
                change = await line.Writer!.PutAsync(session, line.Input, lineErrors, keyName, json, ct);
                if (sqlite is not null && change is { } done && !(type == "figure" && done.Change == ChangeKind.Created))
                    await TouchAsync(session, type, done.Id, done.Change, ct);
            }
            catch (DbException e) when (Dialect.ConstraintMessage(e) is { } rule) // a rule only the schema knows
            {
                lineErrors.Add("", "Conflicts with the records: " + rule);
                change = null;
            }

            if (change?.Change is ChangeKind.Created) created[type]++;
            else if (change?.Change is ChangeKind.Updated) replaced[type]++;
            else errors.Add(line.Number, lineErrors.ToDictionary());
            if (records % 1000 == 0) progress?.Report(new ImportProgress(records, created.Values.Sum() + replaced.Values.Sum()));
            if (sqlite is not null && bulk is null && BulkLoad.Pays(records, figuresBefore)) bulk = await BulkLoad.BeginAsync(sqlite, transaction, ct);
        }

        await session.FlushHeldAsync(ct);
        foreach (var (number, rule) in session.Refused) errors.Add(number, null, "Conflicts with the records: " + rule);
        progress?.Report(new ImportProgress(records, created.Values.Sum() + replaced.Values.Sum()));
        if (errors.BadLines > 0) return (null, errors);
        if (sqlite is not null) await ResumeSearchIndexAsync(sqlite, transaction, searchTriggers!, figuresBefore, bulk is not null, ct);
        // Without the command timeout: the refresh is as large as the import (a minute or more for a million records).
        else await connection.ExecuteAsync(new CommandDefinition("select search_refresh_pending()", transaction: transaction, commandTimeout: 0, cancellationToken: ct));
        if (bulk is not null) await bulk.EndAsync(sqlite!, transaction, ct);
        if (once is not null) await once(connection, transaction, records);
        if (!dryRun) await transaction.CommitAsync(ct);
        return (new ImportResult(dryRun, records, created, replaced), null);
    }

    /// <summary>
    /// Takes the full-text triggers of the record tables out for the length of the import's transaction,
    /// and returns their SQL to put them back. Each trigger would refresh a record's search entry at
    /// every insert (a figure twice: for itself, then for its citation), and every statement that writes
    /// a record table would compile the whole search view with it; the import instead notes what it
    /// touched and refreshes each entry once, at the end, before the same commit. Schema changes are
    /// transactional in SQLite: a failed or killed import leaves the triggers as they were.
    /// </summary>
    static async Task<List<string>> PauseSearchIndexAsync(SqliteConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var triggers = (await connection.QueryAsync<(string Name, string Sql)>(new CommandDefinition("""
            select name, sql from sqlite_master
            where type = 'trigger' and name like '%search%'
              and tbl_name in (select value from json_each(@tables))
            """, new { tables = Ids.Json(RecordKinds.All.Select(k => k.Plural).Append("citations")) }, transaction, cancellationToken: ct))).AsList();
        foreach (var (name, _) in triggers)
            await connection.ExecuteAsync(new CommandDefinition($"drop trigger \"{name.Replace("\"", "\"\"")}\"", transaction: transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "create temp table import_touched (type text not null, record_id text not null, primary key (type, record_id)) without rowid",
            transaction: transaction, cancellationToken: ct));
        return triggers.Select(t => t.Sql).ToList();
    }

    /// <summary>Notes the search entries a written record changes: its own and, for an entity, those that show its name.</summary>
    static async Task TouchAsync(ImportSession session, string type, string id, ChangeKind change, CancellationToken ct)
    {
        if (type == "entity" && change == ChangeKind.Updated)
            await session.Connection.ExecuteAsync(new CommandDefinition("""
                insert or ignore into temp.import_touched select 'statement', id from statements where speaker_id = @id;
                insert or ignore into temp.import_touched select 'figure', id from figures where reported_by = @id;
                """, new { id }, session.Transaction, cancellationToken: ct));
        session.Statements.Execute("insert or ignore into temp.import_touched values (@type, @id)", new { type, id });
    }

    /// <summary>
    /// Refreshes the search entries of every record the import touched, a type at a time, as the
    /// <c>search_refresh_apply</c> trigger does one record at a time (db/004_search.sql); then adds those of
    /// the figures it created, found by rowid, which had none; then puts the triggers back. Naming the type
    /// lets SQLite keep to that type's part of the search view, and reach its rows by id.
    /// </summary>
    static async Task ResumeSearchIndexAsync(
        SqliteConnection connection, DbTransaction transaction, List<string> triggers, long figuresBefore, bool bulk, CancellationToken ct)
    {
        foreach (var type in Writers.Keys)
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into search_text (search_text, rowid, title, body, excerpts)
                    select 'delete', id, title, body, excerpts
                    from search_documents
                    where type = @type and record_id in (select record_id from temp.import_touched where type = @type);
                delete from search_documents
                where type = @type and record_id in (select record_id from temp.import_touched where type = @type);
                insert into search_documents (type, record_id, label, date_start, date_end, title, body, excerpts)
                    select type, record_id, label, date_start, date_end, title, body, excerpts
                    from search_entries
                    where type = @type and record_id in (select record_id from temp.import_touched where type = @type);
                insert into search_text (rowid, title, body, excerpts)
                    select id, title, body, excerpts
                    from search_documents
                    where type = @type and record_id in (select record_id from temp.import_touched where type = @type);
                """, new { type }, transaction, cancellationToken: ct));

        // Created figures that no later line replaced (those were just refreshed with the touched).
        var documentsBefore = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select coalesce(max(id), 0) from search_documents", transaction: transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into search_documents (type, record_id, label, date_start, date_end, title, body, excerpts)
                select type, record_id, label, date_start, date_end, title, body, excerpts
                from search_entries
                where type = 'figure'
                  and record_id in (select id from figures where rowid > @figuresBefore)
                  and record_id not in (select record_id from temp.import_touched where type = 'figure')
            """, new { figuresBefore }, transaction, cancellationToken: ct));
        Task IndexAsync() => connection.ExecuteAsync(new CommandDefinition("""
            insert into search_text (rowid, title, body, excerpts)
                select id, title, body, excerpts from search_documents where id > @documentsBefore
            """, new { documentsBefore }, transaction, cancellationToken: ct));
        if (bulk) await BulkLoad.WithLargeSearchBufferAsync(connection, transaction, IndexAsync, ct);
        else await IndexAsync();

        await connection.ExecuteAsync(new CommandDefinition("drop table temp.import_touched", transaction: transaction, cancellationToken: ct));
        foreach (var sql in triggers)
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: ct));
    }
}

/// <summary>A read-only stream that refuses to read past a number of bytes.</summary>
internal sealed class LimitedStream(Stream inner, long limit) : Stream
{
    long read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
        Count(await inner.ReadAsync(buffer, ct));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    int Count(int n)
    {
        read += n;
        if (read > limit) throw new ImportTooLargeException(limit);
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
