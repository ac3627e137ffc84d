using System.Diagnostics;

namespace HotlineDispatch.Bench.Reporting;

/// <summary>
/// A progress bar on standard error, so it never mixes with the table and the JSON lines on standard
/// output. Redrawn in place on a terminal; when standard error is a file or a pipe (CI), one line per
/// tenth instead of a stream of carriage returns.
/// </summary>
public sealed class Progress : IDisposable
{
    private const int Width = 30;
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(200);

    private readonly string _label;
    private readonly long _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer _timer;
    private long _done;
    private int _lastTenth = -1;

    public Progress(string label, long total)
    {
        _label = label;
        _total = Math.Max(1, total);
        _timer = new Timer(_ => Draw(final: false), null, RedrawEvery, RedrawEvery);
    }

    /// <summary>Waits until <paramref name="until"/>, showing the seconds as progress.</summary>
    public static async Task WaitUntilAsync(string label, DateTimeOffset until)
    {
        var seconds = (long)Math.Ceiling((until - DateTimeOffset.UtcNow).TotalSeconds);
        using var progress = new Progress(label, seconds);
        for (var left = until - DateTimeOffset.UtcNow; left > TimeSpan.Zero; left = until - DateTimeOffset.UtcNow)
        {
            progress.Set(seconds - (long)Math.Ceiling(left.TotalSeconds));
            await Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }

        progress.Set(seconds);
    }

    public void Advance(long by = 1) => Interlocked.Add(ref _done, by);

    public void Set(long done) => Interlocked.Exchange(ref _done, done);

    public void Dispose()
    {
        _timer.Dispose();
        Draw(final: true);
    }

    private void Draw(bool final)
    {
        lock (_clock)
        {
            var done = Math.Min(Interlocked.Read(ref _done), _total);
            var share = (double)done / _total;
            if (Console.IsErrorRedirected)
            {
                var tenth = (int)(share * 10);
                if (tenth == _lastTenth && !final)
                {
                    return;
                }

                _lastTenth = tenth;
                Console.Error.WriteLine($"{_label}: {done}/{_total} ({share:P0}, {_clock.Elapsed.TotalSeconds:F0} s)");
                return;
            }

            var filled = (int)(share * Width);
            Console.Error.Write($"\r{_label} [{new string('#', filled)}{new string('.', Width - filled)}] {done}/{_total} {_clock.Elapsed.TotalSeconds,5:F0} s");
            if (final)
            {
                Console.Error.WriteLine();
            }
        }
    }
}
