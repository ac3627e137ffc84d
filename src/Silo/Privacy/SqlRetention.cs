using HotlineDispatch.Alerts;
using HotlineDispatch.Silo.Outbox;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Privacy;

/// <summary>The retention job's statements on the read model, and the lease that lets one silo of a cluster run it.</summary>
public sealed class SqlRetention(ReadModelDatabase database)
{
    /// <summary>
    /// Takes the job's lease when nobody holds it and the job has not run within <paramref name="interval"/>; answers
    /// whether this holder has it. One conditional upsert, so two silos asking at once cannot both win.
    /// </summary>
    public async Task<bool> TryLeaseAsync(string job, string holder, DateTimeOffset now, TimeSpan interval, TimeSpan lease,
        CancellationToken cancellationToken)
    {
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var taken = await connection.Command("""
            INSERT INTO hotline_job (name, holder, lease_until, last_done) VALUES (@name, @holder, @until, 0)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
            WHERE hotline_job.lease_until < @now AND hotline_job.last_done <= @due
            """)
            .With("name", job).With("holder", holder).With("until", (now + lease).ToUnixTimeMilliseconds())
            .With("now", now.ToUnixTimeMilliseconds()).With("due", (now - interval).ToUnixTimeMilliseconds())
            .RunAsync(cancellationToken);
        return taken > 0;
    }

    public async Task DoneAsync(string job, string holder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("UPDATE hotline_job SET last_done = @now, lease_until = 0 WHERE name = @name AND holder = @holder")
            .With("name", job).With("holder", holder).With("now", now.ToUnixTimeMilliseconds())
            .RunAsync(cancellationToken);
    }

    /// <summary>Closed tickets whose close the projection never noted (closed before retention existed).</summary>
    public async Task<IReadOnlyList<string>> UnnotedClosedAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command("""
            SELECT t.id FROM hotline_ticket t
            WHERE t.state = 'Closed' AND NOT EXISTS (SELECT 1 FROM hotline_ticket_closed c WHERE c.ticket_id = t.id)
            ORDER BY t.id LIMIT @limit
            """)
            .With("limit", limit).ReadAllAsync(r => r.GetString(0), cancellationToken);
    }

    public async Task NoteClosedAsync(string ticketId, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("INSERT INTO hotline_ticket_closed (ticket_id, closed_at) VALUES (@id, @at) ON CONFLICT (ticket_id) DO NOTHING")
            .With("id", ticketId).With("at", closedAt.ToUnixTimeMilliseconds())
            .RunAsync(cancellationToken);
    }

    /// <summary>Tickets closed before <paramref name="cutoff"/> whose caller is not yet erased.</summary>
    public async Task<IReadOnlyList<string>> CallersDueAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command("""
            SELECT ticket_id FROM hotline_ticket_closed
            WHERE caller_erased_at IS NULL AND closed_at < @cutoff
            ORDER BY closed_at LIMIT @limit
            """)
            .With("cutoff", cutoff.ToUnixTimeMilliseconds()).With("limit", limit).ReadAllAsync(r => r.GetString(0), cancellationToken);
    }

    public async Task CallerErasedAsync(string ticketId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("UPDATE hotline_ticket_closed SET caller_erased_at = @at WHERE ticket_id = @id")
            .With("id", ticketId).With("at", at.ToUnixTimeMilliseconds())
            .RunAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes the call drafts, missed calls, outbox rows, alerts about residents' failed messages (they quote
    /// the reply address) and audit rows past their periods, and drops recordings' URLs past theirs, in one
    /// transaction; answers how many rows each statement touched.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> PurgeAsync(RetentionOptions periods, DateTimeOffset now, CancellationToken cancellationToken)
    {
        long Cutoff(TimeSpan period) => (now - period).ToUnixTimeMilliseconds();
        (string Name, string Sql, long Cutoff)[] statements =
        [
            ("recordings", "UPDATE hotline_call_draft SET recording_url = NULL WHERE recording_url IS NOT NULL AND received_at < @cutoff", Cutoff(periods.Recordings)),
            ("callDrafts", "DELETE FROM hotline_call_draft WHERE received_at < @cutoff", Cutoff(periods.CallDrafts)),
            ("missedCalls", "DELETE FROM hotline_missed_call WHERE missed_at < @cutoff", Cutoff(periods.CallDrafts)),
            // Not a row a sender holds at this moment; one still pending after the whole period will never be worth sending.
            ("outbox", $"DELETE FROM hotline_outbox WHERE created_at < @cutoff AND state <> '{OutboxStates.Sending}'", Cutoff(periods.Outbox)),
            ("failedMessageAlerts", $"DELETE FROM hotline_alert WHERE kind = '{Alert.FailedMessage}' AND at < @cutoff", Cutoff(periods.Messages)),
            ("audit", "DELETE FROM hotline_audit WHERE at < @cutoff", Cutoff(periods.Audit)),
        ];

        var counts = new Dictionary<string, int>();
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (name, sql, cutoff) in statements)
        {
            counts[name] = await connection.Command(sql, transaction).With("cutoff", cutoff).RunAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return counts;
    }
}
