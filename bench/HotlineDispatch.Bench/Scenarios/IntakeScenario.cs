using System.Globalization;
using HotlineDispatch.Bench.Hosting;
using HotlineDispatch.Bench.Load;
using HotlineDispatch.Bench.Reporting;

namespace HotlineDispatch.Bench.Scenarios;

/// <param name="Storage"><c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="Connection">A PostgreSQL server to create the run's database on; null starts a throw-away one.</param>
/// <param name="WarmUp">How long, at least, the silo takes tickets before the measurement starts.</param>
/// <param name="AtIntake">Dispatch in the accepting request (one step) rather than in a request of its own.</param>
public sealed record IntakeOptions(string Storage, string? Connection, int Tickets, int Concurrency, TimeSpan WarmUp, bool AtIntake);

/// <summary>
/// Accepts and dispatches tickets through the HTTP API of a real silo (in two requests, or in one with
/// <c>--dispatch at-intake</c>), then — in the same database,
/// with the silo stopped — runs as many plain single-row upserts of the ticket state's size with the
/// same concurrency: the ratio says how much of the database's own rate intake achieves.
/// </summary>
public static class IntakeScenario
{
    public static async Task<Report> RunAsync(IntakeOptions options)
    {
        await using var run = await BenchRun.CreateAsync(options.Storage, options.Connection);
        var silo = await run.StartSiloAsync();
        using var http = silo.Client(options.Concurrency);
        var api = new TicketApi(http);
        var reports = new CitizenReports("intake");

        // Not measured: the first requests pay for connection pools and grain directories, and for
        // half a minute the runtime's tiered compilation takes a core of its own (a fifth of the
        // silo's samples in a profile) recompiling the hot paths, which a silo pays once in its life.
        var warmUpEnds = DateTime.UtcNow + options.WarmUp;
        var warmUp = Math.Max(1, options.Tickets / 10);
        var warmed = 0;
        do
        {
            var offset = options.Tickets + warmed;
            await ClosedLoop.RunAsync("warm-up", warmUp, options.Concurrency, seq => Take(api, reports.Ordinary(offset + seq), options.AtIntake));
            warmed += warmUp;
        }
        while (DateTime.UtcNow < warmUpEnds);

        var before = run.Cpu();
        var intake = await ClosedLoop.RunAsync("intake", options.Tickets, options.Concurrency, seq => Take(api, reports.Ordinary(seq), options.AtIntake));
        var after = run.Cpu();
        var incidents = await api.IncidentCountAsync();
        await run.StopSiloAsync();

        var payloadBytes = (int)await run.Storage.ScalarAsync<double>(
            "SELECT avg(length(payload)) FROM orleans_storage WHERE grain_type = 'ticket'");
        var baselineBefore = run.Cpu();
        var baseline = await UpsertBaseline.RunAsync(run.Storage, options.Tickets, options.Concurrency, payloadBytes);
        var baselineAfter = run.Cpu();
        string PerTicket(TimeSpan? used) => used is { } cpu ? (cpu.TotalMilliseconds / options.Tickets).ToString("F2", CultureInfo.InvariantCulture) : "n/a";

        return new Report("intake")
            .Field("storage", "storage", options.Storage)
            .Field("dispatch", "dispatch", options.AtIntake ? "at-intake" : "separate")
            .Figure("ticketsPerSec", "intake (accept + dispatch), tickets/s", intake.PerSecond, 1)
            .Figure("baselinePerSec", "baseline single-row upserts/s", baseline.PerSecond, 1)
            .Figure("ratio", "ratio intake / baseline", intake.PerSecond / baseline.PerSecond, 3)
            .Figure("p50Ms", "ticket latency p50, ms", intake.Latencies.Percentile(50), 1)
            .Figure("p99Ms", "ticket latency p99, ms", intake.Latencies.Percentile(99), 1)
            .Row("tickets, concurrency", $"{options.Tickets}, {options.Concurrency}")
            .Row("warm-up tickets (not measured)", warmed.ToString(CultureInfo.InvariantCulture))
            .Row("ticket state payload, bytes", payloadBytes.ToString(CultureInfo.InvariantCulture))
            .Row("incidents detected (an ordinary day has none)", incidents?.ToString(CultureInfo.InvariantCulture) ?? "n/a")
            .Row("baseline latency p50 / p99, ms", $"{baseline.Latencies.Percentile(50):F1} / {baseline.Latencies.Percentile(99):F1}")
            .Row("silo CPU per ticket, ms", PerTicket(after.Silo - before.Silo))
            .Row("database CPU per ticket, ms", PerTicket(after.Database - before.Database))
            .Row("database CPU per baseline upsert, ms", PerTicket(baselineAfter.Database - baselineBefore.Database));
    }

    /// <summary>The operator's two steps for one report: log it, then dispatch it to its department.</summary>
    public static async Task<string> CreateAndDispatch(TicketApi api, CitizenReport report)
    {
        var id = await api.CreateAsync(report);
        await api.DispatchAsync(id, report.Lead);
        return id;
    }

    private static Task<string> Take(TicketApi api, CitizenReport report, bool atIntake) =>
        atIntake ? api.CreateAsync(report, report.Lead) : CreateAndDispatch(api, report);
}
