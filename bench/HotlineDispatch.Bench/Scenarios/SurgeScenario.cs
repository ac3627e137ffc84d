using System.Globalization;
using System.Text.Json.Nodes;
using HotlineDispatch.Bench.Hosting;
using HotlineDispatch.Bench.Load;
using HotlineDispatch.Bench.Reporting;

namespace HotlineDispatch.Bench.Scenarios;

/// <param name="SignFor">The sign-for limit: short, so cards fall due while the storm goes on.</param>
public sealed record SurgeOptions(int Tickets, int Concurrency, int Bursts, TimeSpan SignFor, string Storage, string? Connection);

/// <summary>
/// A storm day compressed into as little time as the silo allows: ordinary reports from 400 grid
/// cells, and a fifth of all reports coming in bursts — many near-identical reports of one flooded
/// crossing from one cell, back to back. Every ticket is dispatched and its sign-for cards fall due
/// while the storm goes on. Measures throughput, ticket latency and card lateness, and asks the silo
/// how many surges it detected (GET /api/v1/incidents, where the routing feature provides it).
/// </summary>
public static class SurgeScenario
{
    private const double BurstShare = 0.2;
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public static async Task<Report> RunAsync(SurgeOptions options)
    {
        var reports = new CitizenReports("surge");
        var plan = Plan(reports, options.Tickets, options.Bursts);
        await using var run = await BenchRun.CreateAsync(options.Storage, options.Connection);
        var silo = await run.StartSiloAsync(ShortDeadlines.Settings(options.SignFor, 0.8));
        using var http = silo.Client(options.Concurrency);
        var api = new TicketApi(http);

        var ids = new string[plan.Length];
        var storm = await ClosedLoop.RunAsync("storm", plan.Length, options.Concurrency,
            async seq => ids[seq] = await IntakeScenario.CreateAndDispatch(api, plan[seq]));
        await Progress.WaitUntilAsync("waiting for the last cards", DateTimeOffset.UtcNow + options.SignFor + Grace);
        var cards = await CardCheck.RunAsync(api, ids, options.Concurrency, DateTimeOffset.UtcNow - Grace);
        var surges = await api.IncidentCountAsync();

        var report = new Report("surge")
            .Field("storage", "storage", options.Storage)
            .Figure("tickets", "tickets", plan.Length, 0)
            .Figure("ticketsPerSec", "intake (accept + dispatch), tickets/s", storm.PerSecond, 1)
            .Figure("p50Ms", "ticket latency p50, ms", storm.Latencies.Percentile(50), 1)
            .Figure("p99Ms", "ticket latency p99, ms", storm.Latencies.Percentile(99), 1)
            .Figure("cardP99Ms", "card lateness p99, ms", cards.Lateness.Percentile(99), 1)
            .Figure("cardsMissed", "cards missed", cards.Missing, 0)
            .Figure("bursts", "bursts sent", options.Bursts, 0);
        report.Json["surges"] = surges is { } count ? JsonValue.Create(count) : null;
        return report
            .Row("surge detection", surges is { } detected ? $"{detected} surges detected" : "not available (no GET /api/v1/incidents)")
            .Row("card lateness p50 / max, ms", $"{cards.Lateness.Percentile(50):F1} / {cards.Lateness.Max:F1}")
            .Row("storm length", storm.Elapsed.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The day's reports in order: ordinary ones, with the bursts spread evenly between them. Ordinary
    /// reports go to a cell per four reports, and the number of cells shares no factor with the dozen
    /// everyday wordings, so no cell hears the same wording twice: with 400 cells a compressed day
    /// sent each cell the same report every few seconds, which is a surge, and the detector said so
    /// over a thousand times.
    /// </summary>
    private static CitizenReport[] Plan(CitizenReports reports, int tickets, int bursts)
    {
        var burstSize = Math.Max(5, (int)(tickets * BurstShare / Math.Max(1, bursts)));
        var cells = Math.Max(401, tickets / 4) | 1;
        while (cells % 3 == 0)
        {
            cells += 2;
        }

        var plan = new CitizenReport[tickets];
        for (var seq = 0; seq < tickets; seq++)
        {
            plan[seq] = reports.InCells(seq, cells);
        }

        for (var burst = 0; burst < bursts; burst++)
        {
            var start = (int)((burst + 1L) * tickets / (bursts + 1)) - burstSize / 2;
            for (var seq = Math.Max(0, start); seq < Math.Min(tickets, start + burstSize); seq++)
            {
                plan[seq] = reports.Flood(seq, burst);
            }
        }

        return plan;
    }
}
