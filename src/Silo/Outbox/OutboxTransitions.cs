using System.Globalization;
using HotlineDispatch.Channels.Outbox;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Outbox;

/// <summary>
/// The delivery state changes of outbox rows, each one conditional SQL statement, so several silos can
/// work the same outbox: only the one whose claim turned <c>pending</c> into <c>sending</c> sends.
/// </summary>
public sealed class OutboxTransitions(ReadModelDatabase database, OutboxSettings settings)
{
    /// <summary>Marks the row <c>sending</c>, durably, before the provider is called; false when another sender took it first.</summary>
    public async Task<bool> ClaimAsync(string id, string claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command("""
            UPDATE hotline_outbox SET state = @sending, claim = @claim, attempts = attempts + 1, updated_at = @now
            WHERE id = @id AND state = @pending
            """)
            .With("sending", OutboxStates.Sending).With("claim", claim).With("now", now.ToUnixTimeMilliseconds())
            .With("id", id).With("pending", OutboxStates.Pending)
            .RunAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Turns a pending row too long for one message into its parts, in one transaction: the row keeps the
    /// first part, and each further part becomes a pending row of its own (id <c>{id}-2</c>, <c>{id}-3</c>…,
    /// the same address and creation instant), which <see cref="SqlOutbox.DueAsync"/> sends right after it
    /// in order. So every part is claimed, retried and settled by itself: a retry of part 2 never sends part
    /// 1 again. False when the row is no longer pending with that text (another sender split or claimed it).
    /// </summary>
    public async Task<bool> SplitAsync(OutboxRow row, IReadOnlyList<string> parts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var first = connection.Command("""
            UPDATE hotline_outbox SET text = @part, updated_at = @now WHERE id = @id AND state = @pending AND text = @text
            """, transaction)
            .With("part", parts[0]).With("now", now.ToUnixTimeMilliseconds()).With("id", row.Id)
            .With("pending", OutboxStates.Pending).With("text", row.Text);
        if (await first.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        // Numbered to the width of the count, so ids of one instant sort in part order (…-02 before …-10).
        var width = parts.Count.ToString(CultureInfo.InvariantCulture).Length;
        for (var i = 1; i < parts.Count; i++)
        {
            await using var next = connection.Command("""
                INSERT INTO hotline_outbox (id, reply_to, scheme, kind, text, ticket_id, state, attempts, created_at, updated_at, next_attempt_at)
                SELECT @part_id, reply_to, scheme, kind, @part, ticket_id, state, 0, created_at, @now, @now FROM hotline_outbox WHERE id = @id
                ON CONFLICT (id) DO NOTHING
                """, transaction)
                .With("part_id", $"{row.Id}-{(i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}").With("part", parts[i])
                .With("now", now.ToUnixTimeMilliseconds()).With("id", row.Id);
            await next.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Puts a row that cannot go yet (rate limit, no robot for the group) back in line for later, without counting an attempt.</summary>
    public async Task DeferAsync(string id, DateTimeOffset until, string reason, CancellationToken cancellationToken)
    {
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("UPDATE hotline_outbox SET next_attempt_at = @until, error = @reason WHERE id = @id AND state = @pending")
            .With("until", until.ToUnixTimeMilliseconds()).With("reason", reason).With("id", id).With("pending", OutboxStates.Pending)
            .RunAsync(cancellationToken);
    }

    /// <summary>
    /// Records what the provider answered to the claimed attempt. Also after the row was declared
    /// <c>unknown</c> for taking too long: a late answer is still the truth.
    /// </summary>
    public async Task CompleteAsync(OutboxRow row, string claim, SendOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var attempts = row.Attempts + 1;
        (string State, DateTimeOffset Next, string? ProviderId, string? ProviderStatus, string? Error) result = outcome switch
        {
            SendOutcome.Sent sent => (OutboxStates.Sent, now, sent.ProviderId, sent.ProviderStatus, null),
            SendOutcome.Retry retry when attempts >= settings.MaxAttempts =>
                (OutboxStates.Failed, now, null, null, $"gave up after {attempts} attempts: {retry.Error}"),
            SendOutcome.Retry retry => (OutboxStates.Pending, now + (retry.After ?? settings.BackOff(attempts)), null, null, retry.Error),
            SendOutcome.Failed failed => (OutboxStates.Failed, now, null, null, failed.Error),
            SendOutcome.Unknown unknown => (OutboxStates.Unknown, now, null, null, unknown.Error),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
        };
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("""
            UPDATE hotline_outbox SET state = @state, next_attempt_at = @next, updated_at = @now,
                provider_id = COALESCE(@provider_id, provider_id), provider_status = COALESCE(@provider_status, provider_status), error = @error
            WHERE id = @id AND claim = @claim AND state IN (@sending, @unknown)
            """)
            .With("state", result.State).With("next", result.Next.ToUnixTimeMilliseconds()).With("now", now.ToUnixTimeMilliseconds())
            .With("provider_id", result.ProviderId).With("provider_status", result.ProviderStatus).With("error", result.Error)
            .With("id", row.Id).With("claim", claim).With("sending", OutboxStates.Sending).With("unknown", OutboxStates.Unknown)
            .RunAsync(cancellationToken);
    }

    /// <summary>Rows left <c>sending</c> by a sender that died: the provider may have sent them, so they become <c>unknown</c>, never pending.</summary>
    public async Task<int> ExpireSendingAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command("""
            UPDATE hotline_outbox SET state = @unknown, updated_at = @now,
                error = 'no answer from the provider before the sender stopped; not sent again'
            WHERE state = @sending AND updated_at < @before
            """)
            .With("unknown", OutboxStates.Unknown).With("now", now.ToUnixTimeMilliseconds())
            .With("sending", OutboxStates.Sending).With("before", (now - settings.SendingLease).ToUnixTimeMilliseconds())
            .RunAsync(cancellationToken);
    }

    /// <summary>
    /// A provider's delivery report (Twilio's status callback), found by our row id or the provider's
    /// message id. Applied only forward (<see cref="OutboxStates.Before"/>); a repeat changes nothing.
    /// </summary>
    public async Task<bool> ReportAsync(string? outboxId, string providerId, string state, string providerStatus, string? error,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("");
        var earlier = OutboxStates.Before(state).Select((s, i) =>
        {
            command.With($"s{i}", s);
            return $"@s{i}";
        }).ToList();
        command.CommandText = $"""
            UPDATE hotline_outbox SET state = @state, provider_id = @provider_id, provider_status = @provider_status,
                error = COALESCE(@error, error), updated_at = @now
            WHERE (id = @outbox_id OR provider_id = @provider_id) AND state IN ({string.Join(", ", earlier)})
            """;
        return await command
            .With("state", state).With("provider_id", providerId).With("provider_status", providerStatus).With("error", error)
            .With("now", now.ToUnixTimeMilliseconds()).With("outbox_id", outboxId)
            .ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
