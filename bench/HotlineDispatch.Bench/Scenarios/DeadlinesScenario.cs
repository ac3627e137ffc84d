using System.Globalization;
using HotlineDispatch.Bench.Hosting;
using HotlineDispatch.Bench.Load;
using HotlineDispatch.Bench.Reporting;

namespace HotlineDispatch.Bench.Scenarios;

/// <param name="SignFor">The sign-for limit; by default long enough for every ticket to be in before the first yellow card falls due.</param>
public sealed record DeadlinesOptions(int Open, int Concurrency, TimeSpan? SignFor, string Storage, string? Connection);

/// <summary>
/// Opens N tickets (accepted and dispatched) whose sign-for cards then all fall due within about as
/// long as taking them in took, and measures how late each card was recorded (recordedAt − dueAt)
/// and how many were not recorded at all a few seconds after the last one fell due.
/// </summary>
public static class DeadlinesScenario
{
    /// <summary>A deliberately low guess of the intake rate, to keep the cards clear of intake by default.</summary>
    private const double AssumedTicketsPerSecond = 100;

    /// <summary>How long after the last card fell due the check waits before it counts a card as missed.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public static async Task<Report> RunAsync(DeadlinesOptions options)
    {
        var signFor = options.SignFor ?? ShortDeadlines.AfterIntakeOf(options.Open, AssumedTicketsPerSecond, minimumSeconds: 15);
        await using var run = await BenchRun.CreateAsync(options.Storage, options.Connection);
        var silo = await run.StartSiloAsync(ShortDeadlines.Settings(signFor, ShortDeadlines.YellowAt));
        using var http = silo.Client(options.Concurrency);
        var api = new TicketApi(http);
        var reports = new CitizenReports("deadlines");

        var ids = new string[options.Open];
        var started = DateTimeOffset.UtcNow;
        var intake = await ClosedLoop.RunAsync("opening tickets", options.Open, options.Concurrency,
            async seq => ids[seq] = await IntakeScenario.CreateAndDispatch(api, reports.Ordinary(seq)));
        var intakeEnded = DateTimeOffset.UtcNow;

        // Dispatched at the latest when intake ended, so every red card is due by then + signFor.
        await Progress.WaitUntilAsync("waiting for the cards", intakeEnded + signFor + Grace);
        var cards = await CardCheck.RunAsync(api, ids, options.Concurrency, DateTimeOffset.UtcNow - Grace);

        var firstYellow = started + signFor * ShortDeadlines.YellowAt;
        var overlap = Math.Clamp((intakeEnded - firstYellow) / (intakeEnded - started), 0, 1);
        return new Report("deadlines")
            .Figure("open", "open tickets", options.Open, 0)
            .Figure("p50Ms", "card lateness p50, ms", cards.Lateness.Percentile(50), 1)
            .Figure("p99Ms", "card lateness p99, ms", cards.Lateness.Percentile(99), 1)
            .Figure("maxMs", "card lateness max, ms", cards.Lateness.Max, 1)
            .Figure("missed", "cards missed", cards.Missing, 0)
            .Row("cards expected / duplicated", $"{cards.Expected} / {cards.Duplicated}")
            .Row("sign-for limit", signFor.ToString("c", CultureInfo.InvariantCulture))
            .Row("intake, tickets/s", intake.PerSecond.ToString("F1", CultureInfo.InvariantCulture))
            .Row("cards due while tickets were still coming in", overlap.ToString("P0", CultureInfo.InvariantCulture))
            .Row("storage", options.Storage);
    }
}
