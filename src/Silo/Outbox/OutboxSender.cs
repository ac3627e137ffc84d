using HotlineDispatch.Channels.Outbox;
using HotlineDispatch.Observability;

namespace HotlineDispatch.Silo.Outbox;

/// <summary>
/// Works through the outbox with the senders that have credentials. Each row is claimed (marked
/// <c>sending</c>, durably) before its one provider call; a refused call puts it back with a back-off,
/// anything else settles it. A text longer than the sender's one message is first split into rows of
/// their own, one per part, so each part is one provider call too. Schemes without a configured sender
/// are left alone: their rows stay pending.
/// </summary>
public sealed class OutboxSender(
    IEnumerable<IOutboundSender> senders,
    SqlOutbox outbox,
    OutboxTransitions transitions,
    OutboxSettings settings,
    [FromKeyedServices(HotlineTime.Key)] TimeProvider time,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private const int Batch = 50;

    // How long a row no sender can take (a group without a robot) waits before it is looked at again.
    private static readonly TimeSpan Unroutable = TimeSpan.FromHours(1);

    private readonly Dictionary<string, IOutboundSender> _senders = senders.ToDictionary(s => s.Scheme, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_senders.Count == 0)
        {
            logger.LogInformation("No outbound credentials are configured: messages to residents stay pending in the outbox");
            return;
        }

        logger.LogInformation("Sending outbox messages for {Schemes}", string.Join(", ", _senders.Keys));
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                worked = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Working through the outbox failed; trying again in {Delay}", settings.PollInterval);
            }

            if (!worked)
            {
                try
                {
                    await Task.Delay(settings.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass over the due rows; true when it sent anything, so the next pass comes at once.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var expired = await transitions.ExpireSendingAsync(time.GetUtcNow(), cancellationToken);
        if (expired > 0)
        {
            logger.LogWarning("{Count} outbox rows were left sending by a stopped sender and are now unknown; they are not sent again", expired);
        }

        var sent = false;
        foreach (var row in await outbox.DueAsync(_senders.Keys, time.GetUtcNow(), Batch, cancellationToken))
        {
            sent |= await DeliverAsync(row, _senders[row.Scheme], cancellationToken);
        }

        return sent;
    }

    private async Task<bool> DeliverAsync(OutboxRow row, IOutboundSender sender, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!sender.CanSend(row.Address))
        {
            await transitions.DeferAsync(row.Id, now + Unroutable, $"no {row.Scheme} sender is configured for this address", cancellationToken);
            return false;
        }

        var wait = sender.Wait(row.Address);
        if (wait > TimeSpan.Zero)
        {
            await transitions.DeferAsync(row.Id, now + wait, "waiting for the provider's rate limit", cancellationToken);
            return false;
        }

        var parts = MessageSplitter.Split(row.Text, sender.Limit);
        if (parts.Count > 1)
        {
            if (!await transitions.SplitAsync(row, parts, now, cancellationToken))
            {
                return false;
            }

            row = row with { Text = parts[0] };
        }

        var claim = Guid.NewGuid().ToString("N");
        if (!await transitions.ClaimAsync(row.Id, claim, now, cancellationToken))
        {
            return false;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.SendTimeout);
        SendOutcome outcome;
        try
        {
            outcome = await sender.SendAsync(new OutboundDelivery(row.Id, row.Address, row.Text), timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = new SendOutcome.Unknown($"no answer within {settings.SendTimeout}");
        }

        // A stop of the silo in the middle of the call skips this and leaves the row sending: whether the
        // provider sent it is unknown, so it turns unknown after the lease and is never sent again.
        await transitions.CompleteAsync(row, claim, outcome, time.GetUtcNow(), CancellationToken.None);
        HotlineMetrics.SendEnded(row.Scheme, outcome.Name);
        if (outcome is not SendOutcome.Sent)
        {
            logger.LogWarning("Outbox row {Id} to {Scheme}: {Outcome}", row.Id, row.Scheme, outcome);
        }

        return true;
    }
}
