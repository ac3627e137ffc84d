using System.Diagnostics;
using System.Globalization;
using HotlineDispatch.Bench.Hosting;
using HotlineDispatch.Bench.Load;
using HotlineDispatch.Bench.Reporting;

namespace HotlineDispatch.Bench.Scenarios;

/// <param name="SignFor">The sign-for limit; by default long enough for intake to end before the first yellow card falls due.</param>
/// <param name="CatchUp">The restarted silo's allowance for recording what fell due while it was down; the goal is a minute.</param>
/// <param name="DueInDark">How many of the open tickets, the last taken in, run a short limit whose cards fall due during the outage; the others' limits are a month away.</param>
public sealed record RestartOptions(int Open, int Concurrency, TimeSpan? SignFor, TimeSpan CatchUp, string Storage, string? Connection, int DueInDark);

/// <summary>
/// A silo holding N open tickets dies with SIGKILL right after taking them in and stays down until
/// every sign-for card has fallen due; then it is started again. Measured: how long after its
/// process started it answers, and when the cards that fell due in the dark were recorded, counted
/// from that start. The cards are read only a minute after the restart, because reading a ticket
/// wakes its grain, which would record an overdue card itself and hide a sweep that missed it.
/// With <see cref="RestartOptions.DueInDark"/> below the open count, only that many tickets, sent to
/// <see cref="ShortDepartment"/> with reports that name no hazard, run a short limit: a real outage catches the
/// cards of a slice of the open tickets, while the silo still starts with every ticket's reminder and row. Those the
/// router finds urgent all the same run the urgent limit, a month away, and have no card to count.
/// </summary>
public static class RestartScenario
{
    /// <summary>A low guess of the intake rate, so intake ends before the first card falls due.</summary>
    private const double AssumedTicketsPerSecond = 300;

    /// <summary>The department whose sign-for limit is short when only some tickets' cards fall due in the dark.</summary>
    private const string ShortDepartment = "MZJ";

    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan FarAway = TimeSpan.FromDays(30);

    /// <summary>Every card that fell due in the dark recorded within this of the restart. A longer <c>--catch-up</c> lets a slower catch-up finish on its own, so its figures show how long it took.</summary>
    private static readonly TimeSpan Goal = TimeSpan.FromMinutes(1);

    public static async Task<Report> RunAsync(RestartOptions options)
    {
        var signFor = options.SignFor ?? ShortDeadlines.AfterIntakeOf(options.DueInDark, AssumedTicketsPerSecond, minimumSeconds: 20);
        var firstShort = options.Open - options.DueInDark;
        var settings = firstShort == 0
            ? ShortDeadlines.Settings(signFor, ShortDeadlines.YellowAt)
            : new Dictionary<string, string>(ShortDeadlines.Settings(FarAway, ShortDeadlines.YellowAt))
            {
                [$"Hotline:Sla:Departments:{ShortDepartment}:SignFor"] = signFor.ToString("c", CultureInfo.InvariantCulture),
            };
        await using var run = await BenchRun.CreateAsync(options.Storage, options.Connection);
        var silo = await run.StartSiloAsync(settings);
        var ids = new string[options.Open];
        LoadResult intake;
        using (var http = silo.Client(options.Concurrency))
        {
            var api = new TicketApi(http);
            var reports = new CitizenReports("restart");
            intake = await ClosedLoop.RunAsync("opening tickets", options.Open, options.Concurrency, async seq =>
            {
                var report = seq < firstShort || firstShort == 0 ? reports.Ordinary(seq) : reports.Calmly(seq) with { Lead = ShortDepartment };
                ids[seq] = await IntakeScenario.CreateAndDispatch(api, report);
            });
        }

        var lastDue = DateTimeOffset.UtcNow + signFor;
        await silo.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        await Progress.WaitUntilAsync("silo down while the cards fall due", lastDue + Grace);

        var restartedAt = DateTimeOffset.UtcNow;
        var healthyAfter = await silo.RestartAsync();
        using var client = silo.Client(options.Concurrency);
        var reader = new TicketApi(client);
        var firstRead = Stopwatch.StartNew();
        _ = await reader.GetAsync(ids[^1]) ?? throw new InvalidOperationException("The last ticket taken in vanished across the restart.");
        firstRead.Stop();

        await Progress.WaitUntilAsync("giving the restarted silo time to catch up", restartedAt + options.CatchUp + Grace);
        var cards = await CardCheck.RunAsync(reader, ids[firstShort..], options.Concurrency, DateTimeOffset.UtcNow, new Outage(killedAt, restartedAt));
        var late = cards.SinceRestart.Count - cards.SinceRestart.CountAtMost(options.CatchUp.TotalMilliseconds);
        var afterGoal = cards.SinceRestart.Count - cards.SinceRestart.CountAtMost(Goal.TotalMilliseconds);
        return new Report("restart") { Failed = cards.Missing > 0 || late > 0 }
            .Field("storage", "storage", options.Storage)
            .Figure("open", "open tickets when the silo was killed", options.Open, 0)
            .Figure("dueInDark", "of them sent with a short sign-for limit", options.DueInDark, 0)
            .Figure("answersInSec", "restart: process start to /health answering, s", healthyAfter.TotalSeconds, 1)
            .Figure("firstReadMs", "then the first ticket read, ms", firstRead.Elapsed.TotalMilliseconds, 1)
            .Figure("outageCards", "cards that fell due while the silo was down", cards.SinceRestart.Count, 0)
            .Figure("p50Sec", "their recording after the restart p50, s", cards.SinceRestart.Percentile(50) / 1000, 1)
            .Figure("p99Sec", "p99, s", cards.SinceRestart.Percentile(99) / 1000, 1)
            .Figure("maxSec", "max, s", cards.SinceRestart.Max / 1000, 1)
            .Figure("lateCards", $"recorded more than {options.CatchUp.TotalSeconds:F0} s after the restart", late, 0)
            .Figure("afterGoal", $"recorded more than {Goal.TotalSeconds:F0} s after the restart (the goal)", afterGoal, 0)
            .Figure("missed", "cards missing", cards.Missing, 0)
            .Row("cards expected / duplicated", $"{cards.Expected} / {cards.Duplicated}")
            .Row("sign-for limit", signFor.ToString("c", CultureInfo.InvariantCulture))
            .Row("intake, tickets/s", intake.PerSecond.ToString("F1", CultureInfo.InvariantCulture))
            .Row("silo down for, s", (restartedAt - killedAt).TotalSeconds.ToString("F0", CultureInfo.InvariantCulture));
    }
}
