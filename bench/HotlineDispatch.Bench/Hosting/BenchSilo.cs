using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace HotlineDispatch.Bench.Hosting;

/// <summary>
/// The dispatcher as its own process, started from the built <c>HotlineDispatch.Silo.dll</c> the way
/// the README runs it, so what is measured is the program people deploy: its own GC, its own thread
/// pool, real HTTP over loopback. It keeps its HTTP port across restarts, so load generators keep
/// their address while it is killed and started again.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _logPath;
    private readonly bool _probe;
    private Process? _process;
    private IDisposable? _cleanup;
    private int _starts;

    private BenchSilo(IReadOnlyDictionary<string, string> settings, string workDir, bool probe)
    {
        _settings = settings;
        _logPath = Path.Combine(workDir, "silo.log");
        _probe = probe;
        HttpPort = FreePorts.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}");
        ProbeDirectory = Path.Combine(workDir, "probe");
    }

    public int HttpPort { get; }

    public Uri BaseAddress { get; }

    /// <summary>The bearer token the bench signs in with (the admin token it configured).</summary>
    public string Token => _settings["Hotline:Auth:AdminToken"];

    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The silo is not running.");

    private string ProbeDirectory { get; }

    /// <summary>
    /// Starts a silo with <paramref name="settings"/> (given to it as environment variables) and waits
    /// for <c>/health</c>. With <paramref name="heapProbe"/> the process carries the bench's
    /// <see cref="HeapProbe"/>, which can report its live managed heap.
    /// </summary>
    public static async Task<BenchSilo> StartAsync(IReadOnlyDictionary<string, string> settings, string workDir, bool heapProbe = false)
    {
        var silo = new BenchSilo(settings, workDir, heapProbe);
        await silo.RestartAsync();
        return silo;
    }

    public HttpClient Client(int connections)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
        _cleanup?.Dispose();
    }

    /// <summary>
    /// Starts the process (again, on the same settings, data and port) and waits until it is healthy
    /// and its router answers; returns how long after the process started <c>/health</c> answered.
    /// </summary>
    public async Task<TimeSpan> RestartAsync()
    {
        await KillAsync();
        var started = Stopwatch.StartNew();
        await LaunchAsync();
        await WaitUntilHealthyAsync(_process!);
        var healthy = started.Elapsed;
        await WaitForRouterAsync();
        return healthy;
    }

    /// <summary>
    /// Starts the process (again, on the same settings, data and port) without waiting for it, so a
    /// caller can time its start-up from the moment the process exists.
    /// </summary>
    public async Task LaunchAsync()
    {
        await KillAsync();
        _starts++;
        var dll = Path.Combine(AppContext.BaseDirectory, "HotlineDispatch.Silo.dll");

        // The shell hands the log file to the process directly, so no thread of the bench spends
        // time copying the silo's output while it measures.
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", $"echo '--- start {_starts}' >> \"$0\"; exec dotnet \"$1\" --urls \"$2\" >> \"$0\" 2>&1", _logPath, dll, BaseAddress.ToString() },
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        if (_probe)
        {
            Directory.CreateDirectory(ProbeDirectory);
            start.Environment["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location;
            start.Environment[HeapProbe.DirectoryVariable] = ProbeDirectory;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo process.");
        _process = process;
        _cleanup = ExitCleanup.Register(() => process.Kill());
    }

    /// <summary>The process's resident set (VmRSS) in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{ProcessId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
            }
        }

        throw new InvalidOperationException("VmRSS not found in /proc/<pid>/status.");
    }

    /// <summary>The live managed heap after a full, compacting collection inside the silo.</summary>
    public Task<long> LiveHeapBytesAsync() =>
        _probe ? HeapProbe.AskAsync(ProbeDirectory) : throw new InvalidOperationException("Start the silo with heapProbe: true.");

    /// <summary>The last lines the silo wrote, for error messages.</summary>
    public string LogTail(int lines = 40) =>
        File.Exists(_logPath) ? string.Join('\n', File.ReadLines(_logPath).TakeLast(lines)) : "(no log)";

    public async ValueTask DisposeAsync() => await KillAsync();

    /// <summary>
    /// Intake asks the router for suggestions; until its model is loaded (or, the first time, trained)
    /// tickets are accepted without them. One analysis waits for the model, so what is measured
    /// afterwards is the dispatcher in its steady state.
    /// </summary>
    private async Task WaitForRouterAsync()
    {
        using var client = Client(1);
        client.Timeout = StartTimeout;
        using var response = await client.PostAsJsonAsync("/api/v1/analyze", new { text = "小区门口的路灯坏了，请派人维修。", channel = "call" });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The router did not answer: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{LogTail()}");
        }
    }

    private async Task WaitUntilHealthyAsync(Process process)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with {process.ExitCode}:\n{LogTail()}");
            }

            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The silo did not become healthy within {StartTimeout}:\n{LogTail()}");
    }
}
