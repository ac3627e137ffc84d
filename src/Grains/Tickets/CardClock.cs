using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HotlineDispatch.Tickets;

/// <summary>
/// One clock per silo that wakes each ticket at its next card, to the second. A grain timer per ticket
/// did the same for about 750 bytes a grain and died with the activation; here a waiting ticket costs
/// one queue entry, and a deactivated ticket is still woken on time. The clock is not durable: the
/// ticket's reminder and the start-up sweep stand behind it, and a wake is a <see cref="ITicketGrain.Reconcile"/>,
/// which records only cards not yet recorded, so an extra or repeated wake does no harm.
/// </summary>
public sealed class CardClock : IAsyncDisposable
{
    // Enough wakes in flight to keep the storage's batches full without queuing thousands of calls at once.
    private const int MaxInFlight = 512;

    // A timer this long is re-armed on the way; System.Threading timers cannot span 49 days anyway.
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(12);

    private static readonly TimeSpan FailedWakeRetry = TimeSpan.FromSeconds(5);

    private readonly Func<string, Task> _wake;
    private readonly TimeProvider _time;
    private readonly ILogger<CardClock> _logger;
    private readonly Lock _gate = new();

    // The queue may hold superseded entries; the dictionary says which moment is current for a ticket.
    // Moments are UTC ticks: every waiting ticket has an entry in both, and a long is half a DateTimeOffset.
    private readonly PriorityQueue<string, long> _queue = new();
    private readonly Dictionary<string, long> _wakeAt = new(StringComparer.Ordinal);
    private readonly Channel<bool> _ticks = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _slots = new(MaxInFlight);
    private readonly ITimer _timer;
    private readonly Task _waker;
    private DateTimeOffset? _armedFor;

    /// <param name="wake">Wakes one ticket; in a silo, <see cref="ITicketGrain.Reconcile"/>, which sets the ticket's next wake itself.</param>
    public CardClock(Func<string, Task> wake, TimeProvider time, ILogger<CardClock> logger)
    {
        _wake = wake;
        _time = time;
        _logger = logger;
        _timer = time.CreateTimer(_ => _ticks.Writer.TryWrite(true), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _waker = Task.Run(WakeLoop);
    }

    /// <summary>Wakes the ticket at <paramref name="at"/>, in place of any moment set before.</summary>
    public void WakeAt(string ticketId, DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        lock (_gate)
        {
            if (_wakeAt.TryGetValue(ticketId, out var current) && current == ticks)
            {
                return;
            }

            _wakeAt[ticketId] = ticks;
            _queue.Enqueue(ticketId, ticks);
            DropSupersededEntries();
            if (_armedFor is null || at < _armedFor)
            {
                Arm(at);
            }
        }
    }

    /// <summary>The ticket has no card to wait for.</summary>
    public void Forget(string ticketId)
    {
        lock (_gate)
        {
            _wakeAt.Remove(ticketId);
        }
    }

    /// <summary>The silo's clock: a wake reconciles the ticket grain.</summary>
    public static CardClock ForTickets(IServiceProvider services)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        return new CardClock(
            ticketId => grains.GetGrain<ITicketGrain>(ticketId).Reconcile(),
            services.GetRequiredKeyedService<TimeProvider>(HotlineTime.Key),
            services.GetRequiredService<ILogger<CardClock>>());
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();
        _ticks.Writer.TryComplete();
        await _waker;
    }

    private async Task WakeLoop()
    {
        while (await _ticks.Reader.WaitToReadAsync())
        {
            _ticks.Reader.TryRead(out _);
            foreach (var ticketId in TakeDue())
            {
                await _slots.WaitAsync();
                _ = Wake(ticketId);
            }
        }
    }

    private List<string> TakeDue()
    {
        var due = new List<string>();
        lock (_gate)
        {
            var now = _time.GetUtcNow().UtcTicks;
            while (_queue.TryPeek(out var ticketId, out var at) && at <= now)
            {
                _queue.Dequeue();
                if (_wakeAt.TryGetValue(ticketId, out var current) && current == at)
                {
                    _wakeAt.Remove(ticketId);
                    due.Add(ticketId);
                }
            }

            _armedFor = null;
            if (_queue.TryPeek(out _, out var next))
            {
                Arm(new DateTimeOffset(next, TimeSpan.Zero));
            }
            else
            {
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        return due;
    }

    private async Task Wake(string ticketId)
    {
        try
        {
            await _wake(ticketId);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Waking ticket {TicketId} for its card failed; trying again in {Delay}", ticketId, FailedWakeRetry);
            lock (_gate)
            {
                if (!_wakeAt.ContainsKey(ticketId))
                {
                    WakeAt(ticketId, _time.GetUtcNow() + FailedWakeRetry);
                }
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private void Arm(DateTimeOffset at)
    {
        _armedFor = at;
        var wait = at - _time.GetUtcNow();
        _timer.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Rebuilds the queue once superseded entries outnumber live ones, so rescheduling cannot grow it without bound.</summary>
    private void DropSupersededEntries()
    {
        if (_queue.Count <= 2 * _wakeAt.Count + 1024)
        {
            return;
        }

        _queue.Clear();
        foreach (var (ticketId, at) in _wakeAt)
        {
            _queue.Enqueue(ticketId, at);
        }
    }
}
