using System.Collections.Concurrent;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HotlineDispatch.Tests.Deadlines;

/// <summary>The silo's card clock on a fake clock, without a silo: each wake is recorded with the fake time it ran at.</summary>
public sealed class CardClockTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(T0);
    private readonly ConcurrentQueue<(string Ticket, DateTimeOffset At)> _woken = new();
    private readonly CardClock _clock;
    private Func<string, bool> _fails = _ => false;

    public CardClockTests()
    {
        _clock = new CardClock(ticket =>
        {
            _woken.Enqueue((ticket, _time.GetUtcNow()));
            return _fails(ticket) ? throw new TimeoutException("the grain did not answer") : Task.CompletedTask;
        }, _time, NullLogger<CardClock>.Instance);
    }

    public ValueTask DisposeAsync() => _clock.DisposeAsync();

    private async Task WokenCount(int expected)
    {
        for (var attempt = 0; _woken.Count < expected; attempt++)
        {
            Assert.True(attempt < 500, $"only {_woken.Count} of {expected} wakes within 5 s");
            await Task.Delay(10);
        }

        // Gives a wrong extra wake the time to show up.
        await Task.Delay(50);
        Assert.Equal(expected, _woken.Count);
    }

    [Fact]
    public async Task Each_ticket_is_woken_at_its_moment_and_not_before()
    {
        _clock.WakeAt("a", T0.AddSeconds(10));
        _clock.WakeAt("b", T0.AddSeconds(5));

        _time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        await WokenCount(0);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await WokenCount(1);
        _time.Advance(TimeSpan.FromSeconds(5));
        await WokenCount(2);

        Assert.Equal([("b", T0.AddSeconds(5)), ("a", T0.AddSeconds(10))], _woken);
    }

    [Fact]
    public async Task A_new_moment_replaces_the_old_one_and_a_forgotten_ticket_is_not_woken()
    {
        _clock.WakeAt("a", T0.AddSeconds(5));
        _clock.WakeAt("a", T0.AddSeconds(20));
        _clock.WakeAt("b", T0.AddSeconds(5));
        _clock.Forget("b");

        _time.Advance(TimeSpan.FromSeconds(10));
        await WokenCount(0);
        _time.Advance(TimeSpan.FromSeconds(10));
        await WokenCount(1);

        Assert.Equal([("a", T0.AddSeconds(20))], _woken);
    }

    [Fact]
    public async Task A_moment_already_past_wakes_at_once_and_a_failed_wake_is_tried_again_five_seconds_later()
    {
        _fails = ticket => _woken.Count(w => w.Ticket == ticket) == 1;
        _clock.WakeAt("a", T0.AddMinutes(-1));
        await WokenCount(1);

        _time.Advance(TimeSpan.FromSeconds(5));
        await WokenCount(2);
        _time.Advance(TimeSpan.FromMinutes(1));
        await WokenCount(2);

        Assert.Equal([("a", T0), ("a", T0.AddSeconds(5))], _woken);
    }

    [Fact]
    public async Task Thousands_due_at_one_moment_are_each_woken_once()
    {
        var tickets = Enumerable.Range(0, 3000).Select(i => $"t{i}").ToList();
        foreach (var ticket in tickets)
        {
            _clock.WakeAt(ticket, T0.AddMinutes(1));
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        await WokenCount(tickets.Count);

        Assert.Equal(tickets.Order(), _woken.Select(w => w.Ticket).Order());
        Assert.All(_woken, w => Assert.Equal(T0.AddMinutes(1), w.At));
    }
}
