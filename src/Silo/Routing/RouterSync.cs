using HotlineDispatch.Routing;
using HotlineDispatch.Silo.Hosting;

namespace HotlineDispatch.Silo.Routing;

/// <summary>
/// Loads (or trains) the router as soon as the silo is up, so the first message does not wait for it,
/// and then follows retraining done on other silos within <see cref="Interval"/>.
/// </summary>
public sealed class RouterSync(RouterHost router, SiloReadiness readiness, ILogger<RouterSync> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!readiness.IsReady)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await router.SyncAsync();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Router sync failed; trying again in {Interval}", Interval);
            }

            await Task.Delay(Interval, stoppingToken);
        }
    }
}
