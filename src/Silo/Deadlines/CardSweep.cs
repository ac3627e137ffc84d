using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Deadlines;

/// <summary>
/// Wakes every ticket whose card fell due while no grain was watching — at start-up, so cards missed
/// during an outage are recorded at once, and then every minute as a backstop to the reminders.
/// Waking is idempotent: a ticket records only the cards it has not recorded yet.
/// </summary>
public sealed class CardSweep(
    ITicketIndex index, IGrainFactory grains, SiloReadiness readiness, [FromKeyedServices(HotlineTime.Key)] TimeProvider time, ILogger<CardSweep> logger)
    : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!readiness.IsReady)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepOnce(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Card sweep failed; trying again in {Interval}", Interval);
            }

            await Task.Delay(Interval, time, stoppingToken);
        }
    }

    /// <summary>
    /// Wakes every ticket with a card due, reading the next batch while the last one wakes. After an
    /// outage that is every ticket whose card fell due in the dark; the reminders would wake them too,
    /// but only at their next tick, up to a minute after the start.
    /// </summary>
    public async Task<int> SweepOnce(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var woken = 0;
        var failures = new ConcurrentQueue<(string TicketId, Exception Error)>();
        var waking = Task.CompletedTask;
        DueTicket? after = null;
        while (true)
        {
            var due = await index.CardsDueAsync(now, after, BatchSize, cancellationToken);
            await waking;
            if (due.Count == 0)
            {
                break;
            }

            woken += due.Count;
            after = due[^1];
            waking = Task.WhenAll(due.Select(ticket => Wake(ticket.Id, failures)));
            if (due.Count < BatchSize)
            {
                await waking;
                break;
            }
        }

        if (woken > 0)
        {
            logger.LogInformation("Woke {Count} tickets with cards due", woken);
        }

        if (failures.TryPeek(out var first))
        {
            logger.LogWarning(first.Error, "Waking {Failed} of {Count} tickets for their due cards failed, ticket {TicketId} among them; their reminders and the next sweep try again",
                failures.Count, woken, first.TicketId);
        }

        return woken;
    }

    /// <summary>One ticket that cannot be woken now must not hold back the rest.</summary>
    private async Task Wake(string ticketId, ConcurrentQueue<(string, Exception)> failures)
    {
        try
        {
            await grains.GetGrain<ITicketGrain>(ticketId).Reconcile();
        }
        catch (Exception ex)
        {
            failures.Enqueue((ticketId, ex));
        }
    }
}
