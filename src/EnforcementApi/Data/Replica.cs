using Npgsql;
using NpgsqlTypes;

namespace EnforcementApi.Data;

/// <summary>
/// A read replica of the PostgreSQL primary (<c>ConnectionStrings:EnforcementRead</c>): a streaming standby, or
/// several with Npgsql's <c>Target Session Attributes</c>. Anonymous reads go to it while its data is known to be at
/// most <c>Database:ReplicaMaxLagSeconds</c> behind the primary's; past that, and while it cannot be reached, they go
/// to the primary. What it is known to hold is kept by <see cref="ReplicaProbe"/>.
/// </summary>
public sealed class Replica(NpgsqlDataSource source, TimeSpan maxLag) : IDisposable
{
    long freshAsOfTicks;
    string? problem = "not checked yet";

    public NpgsqlDataSource Source => source;

    /// <summary>How far behind the primary its data may be and anonymous reads still go to it.</summary>
    public TimeSpan MaxLag => maxLag;

    /// <summary>Every commit the primary had made by this instant is visible on the replica; null before the first check.</summary>
    public DateTimeOffset? FreshAsOf
    {
        get
        {
            var ticks = Interlocked.Read(ref freshAsOfTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>How far behind the primary its data may be now: grows by itself when replay stops or the checks fail.</summary>
    public TimeSpan? Lag => FreshAsOf is { } fresh ? DateTimeOffset.UtcNow - fresh : null;

    /// <summary>Whether anonymous reads go to it now.</summary>
    public bool Serves => Lag is { } lag && lag <= maxLag;

    /// <summary>Why the last check failed; null when it succeeded.</summary>
    public string? Problem => Volatile.Read(ref problem);

    /// <summary>A check succeeded; the replica holds every commit made before <paramref name="asOf"/>, when one is known.</summary>
    internal void Checked(DateTimeOffset? asOf)
    {
        Volatile.Write(ref problem, null);
        if (asOf is null) return;
        var ticks = asOf.Value.UtcTicks;
        long seen;
        while ((seen = Interlocked.Read(ref freshAsOfTicks)) < ticks)
            if (Interlocked.CompareExchange(ref freshAsOfTicks, ticks, seen) == seen) break;
    }

    /// <summary>The replica could not be reached or checked: reads leave it until a check succeeds again.</summary>
    internal void Failed(string why)
    {
        Volatile.Write(ref problem, why);
        Interlocked.Exchange(ref freshAsOfTicks, 0);
    }

    public void Dispose() => source.Dispose();
}

/// <summary>
/// Twice a second: notes the primary's WAL position with the time, and asks the replica how far it has replayed.
/// The replica holds every commit made before the last noted time whose position it has reached, so its lag is
/// bounded from what was seen, not from a clock on the replica; when the checks stop, that time stops moving and
/// the lag grows until reads leave the replica.
/// </summary>
public sealed class ReplicaProbe(Db db, ILogger<ReplicaProbe> logger) : BackgroundService
{
    static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    /// <summary>The noted positions not yet known to be replayed, oldest first; ten minutes' worth at most.</summary>
    readonly Queue<(DateTimeOffset At, NpgsqlLogSequenceNumber Position)> noted = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (db.Replica is not { } replica) return;
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                await CheckAsync(replica, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (replica.Problem is null) logger.LogWarning("The read replica cannot be checked: {Message}", e.Message);
                replica.Failed(e.Message);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    async Task CheckAsync(Replica replica, CancellationToken ct)
    {
        var at = DateTimeOffset.UtcNow;
        await using (var primary = await db.OpenPrimaryAsync(ct))
        await using (var insertPosition = primary.CreateCommand())
        {
            // The insert position: at or past the end of every commit made so far, durable or not.
            insertPosition.CommandText = "select pg_current_wal_insert_lsn()";
            noted.Enqueue((at, (NpgsqlLogSequenceNumber)(await insertPosition.ExecuteScalarAsync(ct))!));
        }
        if (noted.Count > 1200) noted.Dequeue();

        await using var connection = await replica.Source.OpenConnectionAsync(ct);
        await using var replayed = connection.CreateCommand();
        replayed.CommandText = "select pg_is_in_recovery(), pg_last_wal_replay_lsn()";
        await using var reader = await replayed.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (!reader.GetBoolean(0))
        {
            // Not a standby (the primary itself, or a promoted one): it holds what the primary holds.
            noted.Clear();
            replica.Checked(at);
            return;
        }
        if (await reader.IsDBNullAsync(1, ct))
        {
            replica.Failed("the standby has replayed nothing yet");
            return;
        }
        var position = reader.GetFieldValue<NpgsqlLogSequenceNumber>(1);
        DateTimeOffset? fresh = null;
        while (noted.TryPeek(out var oldest) && oldest.Position <= position)
            fresh = noted.Dequeue().At;
        replica.Checked(fresh);
    }
}
