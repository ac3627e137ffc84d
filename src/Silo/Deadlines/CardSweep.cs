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

    public async Task<int> SweepOnce(CancellationToken cancellationToken)
    {
        var due = await index.CardsDueAsync(time.GetUtcNow(), BatchSize, cancellationToken);
        await Task.WhenAll(due.Select(id => grains.GetGrain<ITicketGrain>(id).Reconcile()));
        if (due.Count > 0)
        {
            logger.LogInformation("Woke {Count} tickets with cards due", due.Count);
        }

        return due.Count;
    }
}
