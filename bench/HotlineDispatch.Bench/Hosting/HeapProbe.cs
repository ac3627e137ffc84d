using System.Globalization;

namespace HotlineDispatch.Bench.Hosting;

/// <summary>
/// Lets the bench read the live managed heap of a silo process it started. The silo carries
/// <see cref="StartupHook"/>, which runs <see cref="Serve"/> on a background thread; the two sides
/// talk through files in a directory, so the silo needs no endpoint of its own for it.
/// </summary>
public static class HeapProbe
{
    public const string DirectoryVariable = "HOTLINE_BENCH_PROBE";

    private const string Request = "request";
    private const string Answer = "answer";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>The bench's side: asks for a measurement and waits for the answer.</summary>
    public static async Task<long> AskAsync(string directory)
    {
        var answer = Path.Combine(directory, Answer);
        File.Delete(answer);
        await File.WriteAllTextAsync(Path.Combine(directory, Request), "");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!File.Exists(answer))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The silo's heap probe did not answer within two minutes.");
            }

            await Task.Delay(Poll);
        }

        return long.Parse(await File.ReadAllTextAsync(answer), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The silo's side: on each request, collects everything collectable (twice, so objects kept
    /// alive only by finalizers go too) and answers with the bytes still live.
    /// </summary>
    public static void Serve(string directory)
    {
        var request = Path.Combine(directory, Request);
        while (true)
        {
            Thread.Sleep(Poll);
            if (!File.Exists(request))
            {
                continue;
            }

            File.Delete(request);
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var live = GC.GetTotalMemory(forceFullCollection: false);

            // Written aside and renamed, so the bench never reads half a number.
            var temporary = Path.Combine(directory, Answer + ".tmp");
            File.WriteAllText(temporary, live.ToString(CultureInfo.InvariantCulture));
            File.Move(temporary, Path.Combine(directory, Answer), overwrite: true);
        }
    }
}
