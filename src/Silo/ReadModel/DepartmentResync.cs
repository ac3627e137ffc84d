using System.Threading.Channels;
using HotlineDispatch.Departments;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>
/// Has a department that missed an update of the projection reload its queue from the read model. The
/// projection commits before it tells the departments, so the read model already holds what was missed;
/// without this the queue and its counts stayed wrong until the grain happened to activate again.
/// </summary>
public sealed class DepartmentResync : IAsyncDisposable
{
    /// <summary>How long a department that could not be reloaded either is left before the next try.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly ILogger<DepartmentResync> _logger;
    private readonly Channel<string> _missed = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _reloader;

    public DepartmentResync(IGrainFactory grains, [FromKeyedServices(HotlineTime.Key)] TimeProvider time, ILogger<DepartmentResync> logger)
    {
        _grains = grains;
        _time = time;
        _logger = logger;
        _reloader = Task.Run(ReloadLoop);
    }

    /// <summary>Queues a reload; outside the projection's batch, so one unreachable department does not hold up the others' steps.</summary>
    public void Missed(string department) => _missed.Writer.TryWrite(department);

    public async ValueTask DisposeAsync()
    {
        _missed.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _reloader;
        _stopping.Dispose();
    }

    private async Task ReloadLoop()
    {
        while (await _missed.Reader.WaitToReadAsync())
        {
            // A department that missed several batches meanwhile needs one reload: it reads them all.
            var departments = new HashSet<string>(StringComparer.Ordinal);
            while (_missed.Reader.TryRead(out var department))
            {
                departments.Add(department);
            }

            var failed = new List<string>();
            foreach (var department in departments)
            {
                try
                {
                    await _grains.GetGrain<IDepartmentGrain>(department).Reload();
                }
                catch (Exception ex)
                {
                    _logger.LogWarning(ex, "Reloading the queue of department {Department} failed; retrying in {Delay}", department, RetryAfter);
                    failed.Add(department);
                }
            }

            if (failed.Count == 0)
            {
                continue;
            }

            try
            {
                await Task.Delay(RetryAfter, _time, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            foreach (var department in failed)
            {
                _missed.Writer.TryWrite(department);
            }
        }
    }
}
