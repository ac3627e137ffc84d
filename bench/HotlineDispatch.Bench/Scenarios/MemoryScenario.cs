using System.Globalization;
using HotlineDispatch.Bench.Hosting;
using HotlineDispatch.Bench.Load;
using HotlineDispatch.Bench.Reporting;

namespace HotlineDispatch.Bench.Scenarios;

public sealed record MemoryOptions(int Grains, int Cells, int Concurrency, string Storage, string? Connection)
{
    /// <summary>
    /// Open tickets per grid cell when no <c>--cells</c> is given. Each cell's recent reports are
    /// compared with every new one, and a ticket keeps the ids of up to ten similar ones; packing
    /// 100,000 open tickets into 400 cells (250 a cell inside the three-day duplicate window, where a
    /// real cell sees a handful) gave each ticket seven or eight such ids and measured a crowded
    /// cell rather than one more ticket.
    /// </summary>
    public const int TicketsPerCell = 75;

    public static int DefaultCells(int grains) => Math.Max(CitizenReports.OrdinaryCells, grains / TicketsPerCell);
}

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
                var report = reports.InCells(seq, options.Cells);
                ids[seq] = await api.CreateAsync(report, report.Lead);
                await api.SignAsync(ids[seq], report.Lead);
            });
        }

        await silo.RestartAsync();
        using var client = silo.Client(options.Concurrency);
        var reader = new TicketApi(client);
        _ = await Read(reader, ids[..warmUp], options.Concurrency, "warm-up");
        await Task.Delay(Settle);
        var heapBefore = await silo.LiveHeapBytesAsync();
        var rssBefore = silo.ResidentBytes();

        var duplicates = await Read(reader, ids[warmUp..], options.Concurrency, "activating grains");
        await Task.Delay(Settle);
        var heapAfter = await silo.LiveHeapBytesAsync();
        var rssAfter = silo.ResidentBytes();

        static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
        return new Report("memory")
            .Figure("bytesPerGrain", "managed heap per grain, bytes", (heapAfter - heapBefore) / (double)options.Grains, 0)
            .Figure("rssPerGrain", "resident set per grain, bytes", (rssAfter - rssBefore) / (double)options.Grains, 0)
            .Row("grains activated", options.Grains.ToString(CultureInfo.InvariantCulture))
            .Row("grid cells", options.Cells.ToString(CultureInfo.InvariantCulture))
            .Row("possible duplicates a ticket, mean", (duplicates / (double)options.Grains).ToString("F2", CultureInfo.InvariantCulture))
            .Row("managed heap before / after, MB", $"{Megabytes(heapBefore)} / {Megabytes(heapAfter)}")
            .Row("resident set before / after, MB", $"{Megabytes(rssBefore)} / {Megabytes(rssAfter)}")
            .Row("storage", options.Storage);
    }

    /// <summary>Reads the tickets back and counts the possible duplicates they hold, the part of their state that grows with a cell's crowd.</summary>
    private static async Task<long> Read(TicketApi api, string[] ids, int concurrency, string label)
    {
        long duplicates = 0;
        await ClosedLoop.RunAsync(label, ids.Length, concurrency, async seq =>
        {
            var ticket = await api.GetAsync(ids[seq]) ?? throw new InvalidOperationException($"Ticket {ids[seq]} vanished across the restart.");
            Interlocked.Add(ref duplicates, ticket.GetProperty("possibleDuplicates").GetArrayLength());
        });
        return duplicates;
    }
}
