using System.Diagnostics;
using HotlineDispatch.Bench.Reporting;

namespace HotlineDispatch.Bench.Load;

/// <summary>What a closed-loop run measured.</summary>
public sealed record LoadResult(int Operations, TimeSpan Elapsed, Latencies Latencies)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;
}

/// <summary>
/// Runs operations 0…count−1 with a fixed number of workers, each starting its next operation as soon
/// as its last one finished (the way a room of operators works), in order of their number.
/// </summary>
public static class ClosedLoop
{
    public static async Task<LoadResult> RunAsync(string label, int count, int concurrency, Func<int, Task> operation)
    {
        var latencies = new Latencies();
        var next = -1;
        using var progress = new Progress(label, count);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => Task.Run(async () =>
        {
            for (var seq = Interlocked.Increment(ref next); seq < count; seq = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                await operation(seq);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                progress.Advance();
            }
        })));
        return new LoadResult(count, clock.Elapsed, latencies);
    }
}
