using System.Globalization;
using HotlineDispatch.Bench.Hosting;
using HotlineDispatch.Bench.Load;
using HotlineDispatch.Bench.Reporting;

namespace HotlineDispatch.Bench.Scenarios;

public sealed record MemoryOptions(int Grains, int Concurrency, string Storage, string? Connection);

/// <summary>
/// Bytes per activated ticket grain. Tickets are taken in, dispatched and signed for (a ticket being
/// worked on: three history entries, a running reply deadline, a timer); then the silo is restarted,
/// so nothing of them is in memory, and the same tickets are read back — which activates each grain
/// with its state from the database. The managed heap (after a full collection inside the silo) and
/// the resident set are measured before and after; the difference divided by N is what one more idle
/// ticket grain costs. Department queues and reminders are loaded before the first measurement, so
/// they do not count.
/// </summary>
public static class MemoryScenario
{
    /// <summary>Grains activated before the first measurement, so JIT and caches are paid for by then.</summary>
    private const int MaxWarmUp = 500;

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public static async Task<Report> RunAsync(MemoryOptions options)
    {
        await using var run = await BenchRun.CreateAsync(options.Storage, options.Connection);
        var silo = await run.StartSiloAsync(heapProbe: true);
        var warmUp = Math.Min(MaxWarmUp, options.Grains);
        var total = options.Grains + warmUp;
        var ids = new string[total];
        using (var http = silo.Client(options.Concurrency))
        {
            var api = new TicketApi(http);
            var reports = new CitizenReports("memory");
            await ClosedLoop.RunAsync("creating tickets", total, options.Concurrency, async seq =>
            {
                var report = reports.Ordinary(seq);
                ids[seq] = await api.CreateAsync(report, report.Lead);
                await api.SignAsync(ids[seq], report.Lead);
            });
        }

        await silo.RestartAsync();
        using var client = silo.Client(options.Concurrency);
        var reader = new TicketApi(client);
        await Read(reader, ids[..warmUp], options.Concurrency, "warm-up");
        await Task.Delay(Settle);
        var heapBefore = await silo.LiveHeapBytesAsync();
        var rssBefore = silo.ResidentBytes();

        await Read(reader, ids[warmUp..], options.Concurrency, "activating grains");
        await Task.Delay(Settle);
        var heapAfter = await silo.LiveHeapBytesAsync();
        var rssAfter = silo.ResidentBytes();

        static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
        return new Report("memory")
            .Figure("bytesPerGrain", "managed heap per grain, bytes", (heapAfter - heapBefore) / (double)options.Grains, 0)
            .Figure("rssPerGrain", "resident set per grain, bytes", (rssAfter - rssBefore) / (double)options.Grains, 0)
            .Row("grains activated", options.Grains.ToString(CultureInfo.InvariantCulture))
            .Row("managed heap before / after, MB", $"{Megabytes(heapBefore)} / {Megabytes(heapAfter)}")
            .Row("resident set before / after, MB", $"{Megabytes(rssBefore)} / {Megabytes(rssAfter)}")
            .Row("storage", options.Storage);
    }

    private static Task Read(TicketApi api, string[] ids, int concurrency, string label) =>
        ClosedLoop.RunAsync(label, ids.Length, concurrency, async seq =>
            _ = await api.GetAsync(ids[seq]) ?? throw new InvalidOperationException($"Ticket {ids[seq]} vanished across the restart."));
}
