using HotlineDispatch.Silo.Hosting;

namespace HotlineDispatch.Silo.Privacy;

/// <summary>
/// Runs <see cref="RetentionJob"/> once per <see cref="RetentionOptions.Interval"/> across the cluster: every silo asks
/// every <see cref="RetentionOptions.CheckEvery"/>, and only the one that takes the job's lease in the database runs it.
/// A silo that dies mid-run leaves a lease that runs out, and the next to ask runs the job again from where it stood.
/// </summary>
public sealed class RetentionSweep(
    RetentionJob job, SqlRetention sql, RetentionOptions periods, SiloReadiness readiness,
    [FromKeyedServices(HotlineTime.Key)] TimeProvider time, ILogger<RetentionSweep> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromHours(1);
    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

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
                if (await sql.TryLeaseAsync(RetentionJob.Name, _holder, time.GetUtcNow(), periods.Interval, Lease, stoppingToken))
                {
                    await job.RunAsync(stoppingToken);
                    await sql.DoneAsync(RetentionJob.Name, _holder, time.GetUtcNow(), stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Retention failed; asking again in {Interval}", periods.CheckEvery);
            }

            await Task.Delay(periods.CheckEvery, time, stoppingToken);
        }
    }
}
