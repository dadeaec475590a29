using System.Collections.Concurrent;
using System.ComponentModel;
using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using Dapper;
using EnforcementApi.Data;
using EnforcementApi.Json;
using Microsoft.AspNetCore.Mvc;

namespace EnforcementApi.Bulk;

[Description("Where an import job stands: `queued` (waiting for the import before it), `running`, `succeeded` or `failed`.")]
public enum ImportJobState { Queued, Running, Succeeded, Failed }

/// <summary>An import that runs apart from its request: how far it has come, and how it ended.</summary>
public sealed record ImportJob(
    [property: Description("The job's id; its resource is `/api/v1/imports/{id}`.")] string Id,
    [property: Description("`queued`, `running`, `succeeded` or `failed`.")] ImportJobState State,
    [property: Description("Whether the import only checks the file and writes nothing.")] bool DryRun,
    [property: Description("The file's size in bytes.")] long Bytes,
    [property: Description("Lines read so far (blank lines are not counted).")] long RecordsRead,
    [property: Description("Records created or replaced so far; nothing of them is visible until the job succeeds, in one commit.")] long RecordsWritten,
    [property: Description("When the job was made.")] DateTimeOffset CreatedAt,
    [property: Description("When it started; null while queued.")] DateTimeOffset? StartedAt,
    [property: Description("When it ended; null until then.")] DateTimeOffset? FinishedAt,
    [property: Description("Seconds it has run, or ran: from start to end, or to now while running.")] double? ElapsedSeconds,
    [property: Description("The name of the key that made it.")] string CreatedBy,
    [property: Description("What a succeeded import did, as a synchronous one answers; null otherwise.")] ImportResult? Result,
    [property: Description("Why a failed import failed: the problem a synchronous one answers (bad lines under `errors`, `badLines`); null otherwise.")] JsonElement? Problem);

/// <summary>
/// The import queue: one import at a time, whether it came as a job or as a request that waits for its answer, and
/// on PostgreSQL one at a time across every API process on the database (a session lock in the database, held for
/// the import). A job's file is spooled to disk by the process that took it, which runs it; its progress is kept in
/// memory while it runs (the import holds the write lock, so nothing else writes until it commits), and its row
/// records how it ended. A job whose process is gone is failed by the next process that starts: its transaction
/// never committed, so nothing of it was written. On PostgreSQL a process is known to be there by a session lock it
/// holds while it runs; a SQLite file has one API process, so every unfinished job there is one a restart interrupted.
/// </summary>
public sealed class ImportJobs(Db db, IServiceProvider services, ILogger<ImportJobs> logger) : BackgroundService
{
    /// <summary>The key of the advisory lock an import holds on PostgreSQL: any number, the same in every process, not the write lock's.</summary>
    const long ImportLock = 0x456e666f7269;

    /// <summary>The first key of the advisory locks that say a process is there (the second is made from its name).</summary>
    const int PresenceSpace = 0x456e66;

    readonly Channel<string> queue = Channel.CreateUnbounded<string>();
    readonly ConcurrentDictionary<string, ImportProgress> running = new();
    readonly SemaphoreSlim one = new(1, 1);
    DbConnection? presence;
    readonly SemaphoreSlim presenceGate = new(1, 1);

    /// <summary>This process, as <c>import_jobs.runner</c> names it.</summary>
    public string Runner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>Where a waiting job's file stays until its turn.</summary>
    public static string SpoolFolder => Path.Combine(Path.GetTempPath(), "enforcement-api-imports");

    static string SpoolOf(string id) => Path.Combine(SpoolFolder, id + ".ndjson");

    /// <summary>Takes the import slot for a synchronous import: null when another import holds it, here or in another process.</summary>
    public async Task<ImportSlot?> TryStartAsync(CancellationToken ct)
    {
        if (!await one.WaitAsync(TimeSpan.FromMilliseconds(200), ct)) return null;
        try
        {
            var (taken, connection) = await TryLockDatabaseAsync(ct);
            if (taken) return new ImportSlot(one, connection);
        }
        catch
        {
            one.Release();
            throw;
        }
        one.Release();
        return null;
    }

    /// <summary>Waits for the import slot: a job stays queued until the import before it, in any process, has ended.</summary>
    async Task<ImportSlot> WaitForSlotAsync(CancellationToken ct)
    {
        await one.WaitAsync(ct);
        try
        {
            while (true)
            {
                var (taken, connection) = await TryLockDatabaseAsync(ct);
                if (taken) return new ImportSlot(one, connection);
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }
        }
        catch
        {
            one.Release();
            throw;
        }
    }

    /// <summary>On PostgreSQL, the database's import lock on a connection kept for the import; SQLite needs none beyond the process's slot.</summary>
    async Task<(bool Taken, DbConnection? Connection)> TryLockDatabaseAsync(CancellationToken ct)
    {
        if (db.Dialect != Dialect.Postgres) return (true, null);
        var connection = await db.OpenPrimaryAsync(ct);
        var taken = false;
        try
        {
            // Not cancellable: a lock taken by a command cancelled on its way back would stay with the pooled session.
            taken = await connection.ExecuteScalarAsync<bool>("select pg_try_advisory_lock(@key)", new { key = ImportLock });
            return taken ? (true, connection) : (false, null);
        }
        finally
        {
            if (!taken) await connection.DisposeAsync();
        }
    }

    /// <summary>The running import that holds the slot, if one does, in this process or another: what a refused import points to.</summary>
    public async Task<string?> RunningAsync(CancellationToken ct)
    {
        if (running.Keys.FirstOrDefault() is { } here) return here;
        await using var connection = await db.OpenPrimaryAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            "select id from import_jobs where state = 'running' order by started_at desc limit 1", cancellationToken: ct));
    }

    /// <summary>
    /// At start: on PostgreSQL, says this process is there (a session lock kept while it runs); then fails the jobs
    /// of processes that are gone, and forgets their files. A read-only database (a standby) is left as it is.
    /// </summary>
    public async Task StartUpAsync()
    {
        try
        {
            await EnsurePresentAsync(CancellationToken.None);
            await FailInterruptedAsync();
        }
        catch (DbException e) when (Dialect.IsReadOnly(e))
        {
            logger.LogInformation("The database is read-only here: import jobs are neither checked nor run ({Message}).", e.Message);
        }
    }

    /// <summary>
    /// On PostgreSQL, holds this process's presence lock, taking it again on a new connection when the one that held
    /// it is gone (a server restart ends the session and its locks): before a job is queued and before one runs.
    /// </summary>
    async Task EnsurePresentAsync(CancellationToken ct)
    {
        if (db.Dialect != Dialect.Postgres) return;
        await presenceGate.WaitAsync(ct);
        try
        {
            if (presence is not null)
            {
                try
                {
                    await presence.ExecuteAsync(new CommandDefinition("select 1", cancellationToken: ct));
                    return;
                }
                catch (Exception e) when (e is DbException or InvalidOperationException)
                {
                    logger.LogWarning("The import queue's presence lock was lost ({Message}); taking it again.", e.Message);
                    await presence.DisposeAsync();
                    presence = null;
                }
            }
            var connection = await db.OpenPrimaryAsync(ct);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@space, @runner)",
                    new { space = PresenceSpace, runner = PresenceKey(Runner) }, cancellationToken: ct));
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
            presence = connection;
        }
        finally
        {
            presenceGate.Release();
        }
    }

    static int PresenceKey(string runner) => BitConverter.ToInt32(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(runner)));

    async Task FailInterruptedAsync()
    {
        await using var connection = await db.OpenPrimaryAsync();
        var unfinished = (await connection.QueryAsync<(string Id, string? Runner)>(
            "select id, runner from import_jobs where state in ('queued', 'running')")).AsList();
        var gone = new List<string>();
        foreach (var (id, runner) in unfinished)
            if (runner is null || db.Dialect != Dialect.Postgres || await IsGoneAsync(connection, runner))
                gone.Add(id);
        if (gone.Count == 0) return;
        var problem = JsonSerializer.Serialize(new
        {
            type = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
            title = "The import was interrupted; nothing was written.",
            status = 500,
            detail = "The server stopped while the import was queued or running. Its transaction never committed; send the file again.",
        });
        foreach (var id in gone)
        {
            await connection.ExecuteAsync("""
                update import_jobs set state = 'failed', finished_at = @now, problem = @problem where id = @id and state in ('queued', 'running')
                """, new { id, now = Timestamps.Now(), problem });
            File.Delete(SpoolOf(id));
        }
    }

    /// <summary>Whether the process that queued a job has ended: its presence lock is free.</summary>
    static async Task<bool> IsGoneAsync(DbConnection connection, string runner)
    {
        var key = new { space = PresenceSpace, runner = PresenceKey(runner) };
        if (!await connection.ExecuteScalarAsync<bool>("select pg_try_advisory_lock(@space, @runner)", key)) return false;
        await connection.ExecuteAsync("select pg_advisory_unlock(@space, @runner)", key);
        return true;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await presenceGate.WaitAsync(cancellationToken);
        if (presence is not null) await presence.DisposeAsync();
        presence = null;
        presenceGate.Release();
    }

    /// <summary>Spools the body and queues the job; the body must already be within its size limit.</summary>
    public async Task<ImportJob> EnqueueAsync(Stream body, bool dryRun, string keyName, CancellationToken ct)
    {
        await EnsurePresentAsync(ct);
        Directory.CreateDirectory(SpoolFolder);
        var id = "import-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        long bytes;
        await using (var file = File.Create(SpoolOf(id)))
        {
            await body.CopyToAsync(file, ct);
            bytes = file.Length;
        }
        await using (var connection = await db.OpenAsync(ct))
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into import_jobs (id, state, dry_run, bytes, created_by, created_at, runner) values (@id, 'queued', @dryRun, @bytes, @keyName, @now, @runner)
                """, new { id, dryRun = dryRun ? 1 : 0, bytes, keyName, now = Timestamps.Now(), runner = Runner }, cancellationToken: ct));
        await queue.Writer.WriteAsync(id, ct);
        return (await FindAsync(id, ct))!;
    }

    public async Task<ImportJob?> FindAsync(string id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition("""
            select id, state, dry_run, bytes, created_by, created_at, started_at, finished_at, records_read, records_written, result, problem
            from import_jobs where id = @id
            """, new { id }, cancellationToken: ct));
        if (row is null) return null;
        running.TryGetValue(id, out var progress);
        return row.ToJob(progress, ApiJson.Options(services));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await using var slot = await WaitForSlotAsync(stoppingToken);
            try
            {
                await RunAsync(id, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Import job {Id} failed", id);
                await EndAsync(id, "failed", null, new ProblemDetails
                {
                    Status = 500, Title = "The import failed; nothing was written.", Detail = "An unexpected error; the server's log has it.",
                });
            }
            finally
            {
                running.TryRemove(id, out _);
                File.Delete(SpoolOf(id));
            }
        }
    }

    async Task RunAsync(string id, CancellationToken ct)
    {
        var job = await FindAsync(id, ct);
        if (job is null || job.State != ImportJobState.Queued) return;
        await EnsurePresentAsync(ct);
        await using (var connection = await db.OpenAsync(ct))
            // Still queued: a process that took this one for gone (its presence lost with its connection) may have failed it.
            if (await connection.ExecuteAsync(new CommandDefinition("update import_jobs set state = 'running', started_at = @now where id = @id and state = 'queued'",
                    new { id, now = Timestamps.Now() }, cancellationToken: ct)) == 0)
                return;
        running[id] = new ImportProgress(0, 0);

        await using var file = File.OpenRead(SpoolOf(id));
        var (result, errors) = await Importer.RunAsync(db, file, job.CreatedBy, job.DryRun, ApiJson.Options(services), ct,
            progress: new ProgressReport<ImportProgress>(p => running[id] = p));
        if (errors is not null)
            await EndAsync(id, "failed", null, ImportApi.BadLinesProblem(errors));
        else
            await EndAsync(id, "succeeded", result, null);
    }

    async Task EndAsync(string id, string state, ImportResult? result, ProblemDetails? problem)
    {
        var json = ApiJson.Options(services);
        running.TryGetValue(id, out var progress);
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("""
            update import_jobs
            set state = @state, finished_at = @now, result = @result, problem = @problem,
                records_read = @read, records_written = @written
            where id = @id
            """, new
        {
            id, state, now = Timestamps.Now(),
            result = result is null ? null : JsonSerializer.Serialize(result, json),
            problem = problem is null ? null : JsonSerializer.Serialize(problem, problem.GetType(), json), // the runtime type, so a validation problem keeps its errors
            read = progress?.Read ?? result?.Records ?? 0,
            written = result is null ? 0 : result.Created.Values.Sum() + result.Replaced.Values.Sum(),
        });
    }

    sealed class JobRow
    {
        public string Id { get; init; } = "";
        public string State { get; init; } = "";
        public long DryRun { get; init; }
        public long Bytes { get; init; }
        public string CreatedBy { get; init; } = "";
        public string CreatedAt { get; init; } = "";
        public string? StartedAt { get; init; }
        public string? FinishedAt { get; init; }
        public long RecordsRead { get; init; }
        public long RecordsWritten { get; init; }
        public string? Result { get; init; }
        public string? Problem { get; init; }

        static DateTimeOffset? Time(string? iso) => iso is null ? null : DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

        public ImportJob ToJob(ImportProgress? progress, JsonSerializerOptions json)
        {
            var (started, finished) = (Time(StartedAt), Time(FinishedAt));
            double? elapsed = started is { } s ? Math.Round(((finished ?? DateTimeOffset.UtcNow) - s).TotalSeconds, 3) : null;
            return new ImportJob(Id, Wire<ImportJobState>.Parse(State), DryRun == 1, Bytes,
                progress?.Read ?? RecordsRead, progress?.Written ?? RecordsWritten, Time(CreatedAt)!.Value, started, finished, elapsed, CreatedBy,
                Result is null ? null : JsonSerializer.Deserialize<ImportResult>(Result, json),
                Problem is null ? null : JsonDocument.Parse(Problem).RootElement.Clone());
        }
    }
}

/// <summary>The right to run one import, until disposed: this process's slot, and on PostgreSQL the database's import lock.</summary>
public sealed class ImportSlot(SemaphoreSlim slot, DbConnection? locked) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        try
        {
            // Npgsql resets a pooled session (and its locks) only when the connection is next used: unlock now.
            if (locked is not null) await locked.ExecuteAsync("select pg_advisory_unlock_all()");
        }
        catch (DbException)
        {
            // The session is gone, and its locks with it.
        }
        finally
        {
            if (locked is not null) await locked.DisposeAsync();
            slot.Release();
        }
    }
}
