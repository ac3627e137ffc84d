using System.Text.Json;
using HotlineDispatch.Bench.Reporting;

namespace HotlineDispatch.Bench.Load;

/// <summary>What the tickets' sign-for cards show, once every sign-for limit has passed.</summary>
/// <param name="Lateness">recordedAt − dueAt of every card found, in milliseconds.</param>
/// <param name="Expected">Cards that must exist: a yellow and a red one per ticket whose sign-for limit has passed.</param>
/// <param name="Missing">Expected cards not recorded.</param>
/// <param name="Duplicated">Cards recorded more than once.</param>
/// <param name="NotFound">Tickets the silo did not know.</param>
/// <param name="SinceRestart">For the cards that fell due while the silo was down, recordedAt − the moment it was started again, in milliseconds.</param>
public sealed record CardFindings(Latencies Lateness, int Expected, int Missing, int Duplicated, int NotFound, Latencies SinceRestart);

/// <summary>When the silo was killed and when it was started again.</summary>
public readonly record struct Outage(DateTimeOffset KilledAt, DateTimeOffset RestartedAt);

/// <summary>
/// Reads each ticket and checks its sign-for cards: every ticket dispatched and not signed must, once
/// its sign-for limit has passed, hold exactly one yellow and one red card for its lead department.
/// </summary>
public static class CardCheck
{
    public static async Task<CardFindings> RunAsync(TicketApi api, IReadOnlyList<string> ids, int concurrency, DateTimeOffset now, Outage? outage = null)
    {
        var lateness = new Latencies();
        var sinceRestart = new Latencies();
        int expected = 0, missing = 0, duplicated = 0, notFound = 0;
        await ClosedLoop.RunAsync("reading cards", ids.Count, concurrency, async seq =>
        {
            if (await api.GetAsync(ids[seq]) is not { } view)
            {
                Interlocked.Increment(ref notFound);
                return;
            }

            if (view.GetProperty("signBy").ValueKind != JsonValueKind.String || view.GetProperty("signBy").GetDateTimeOffset() > now)
            {
                return;
            }

            var lead = view.GetProperty("lead").GetString();
            var cards = view.GetProperty("cards").EnumerateArray()
                .Where(c => c.GetProperty("step").GetString() == "sign" && c.GetProperty("department").GetString() == lead)
                .ToList();
            foreach (var kind in new[] { "yellow", "red" })
            {
                Interlocked.Increment(ref expected);
                var ofKind = cards.Where(c => c.GetProperty("kind").GetString() == kind).ToList();
                if (ofKind.Count == 0)
                {
                    Interlocked.Increment(ref missing);
                    continue;
                }

                Interlocked.Add(ref duplicated, ofKind.Count - 1);
                var card = ofKind[0];
                var (due, recorded) = (card.GetProperty("dueAt").GetDateTimeOffset(), card.GetProperty("recordedAt").GetDateTimeOffset());
                lateness.Add((recorded - due).TotalMilliseconds);
                if (outage is { } down && due >= down.KilledAt && due < down.RestartedAt)
                {
                    sinceRestart.Add((recorded - down.RestartedAt).TotalMilliseconds);
                }
            }
        });
        return new CardFindings(lateness, expected, missing, duplicated, notFound, sinceRestart);
    }
}
