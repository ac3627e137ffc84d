using System.Diagnostics;
using System.Globalization;
using HotlineDispatch.Bench.Reporting;
using HotlineDispatch.Departments;
using HotlineDispatch.Routing;

namespace HotlineDispatch.Bench.Scenarios;

/// <param name="Data">A JSONL file of labelled tickets and/or chat messages, in the training files' schemas.</param>
public sealed record RoutingBenchOptions(string Data);

/// <summary>
/// Trains the router exactly as a silo does on its first start (every embedded sample and scope clause,
/// no corrections), in this process and without a silo, then measures it on a labelled file: quality
/// (<see cref="RouterQuality"/>), the time of one analysis, and the training's time and peak memory.
/// </summary>
public static class RoutingScenario
{
    private const int ConfusionsShown = 8;

    public static Task<Report> RunAsync(RoutingBenchOptions options) => Task.Run(() => Run(options));

    private static Report Run(RoutingBenchOptions options)
    {
        var data = LabelledSamples.Load(options.Data);
        using var process = Process.GetCurrentProcess();
        var started = Stopwatch.GetTimestamp();
        var cpuBefore = process.TotalProcessorTime;
        var model = RouterTraining.From(LabelledSamples.LoadEmbedded(), DepartmentCatalog.LoadEmbedded(), []).Train();
        var training = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        // Processor time beside wall time: on a machine shared with other work the two differ widely.
        var trainingCpu = process.TotalProcessorTime - cpuBefore;
        var peakMegabytes = process.PeakWorkingSet64 / (1024.0 * 1024);

        Console.Error.WriteLine($"trained in {training.TotalSeconds:F1} s; measuring {data.Tickets.Count} tickets and {data.Chat.Count} chat messages");
        var quality = RouterQuality.Measure(model, data);
        var latencies = RouterQuality.AnalysisLatencies(model, [.. data.Tickets.Select(t => t.Text), .. data.Chat.Select(c => c.Text)]);

        var report = new Report("routing")
            .Field("data", "data", Path.GetFileName(options.Data))
            .Figure("top1", $"department top-1 ({quality.Tickets} tickets)", quality.Top1, 3)
            .Figure("top3", "department top-3", quality.Top3, 3)
            .Figure("urgentRecall", $"urgent recall ({quality.UrgentFlagged} of {quality.Urgent})", quality.UrgentRecall, 3)
            .Figure("urgentPrecision", $"urgent precision ({quality.FalseAlarms} false alarms)", quality.UrgentPrecision, 3)
            .Figure("requestF1", $"request F1 ({quality.ChatMessages} chat messages: tp {quality.RequestTruePositives}, "
                + $"fp {quality.RequestFalsePositives}, fn {quality.RequestMisses})", quality.RequestF1, 3)
            .Figure("p50Ms", "analysis p50, ms", latencies.Percentile(50), 2)
            .Figure("p99Ms", "analysis p99, ms", latencies.Percentile(99), 2)
            .Figure("trainSeconds", "training, s", training.TotalSeconds, 1)
            .Figure("trainCpuSeconds", "training, processor s", trainingCpu.TotalSeconds, 1)
            .Figure("peakMb", "peak working set after training, MB", peakMegabytes, 0);
        foreach (var (truth, predicted, count) in quality.Confusions.Take(ConfusionsShown))
        {
            report.Row($"  confused {truth} → {predicted}", count.ToString(CultureInfo.InvariantCulture));
        }

        return report;
    }
}
