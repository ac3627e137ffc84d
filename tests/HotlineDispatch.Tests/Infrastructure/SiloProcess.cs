using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace HotlineDispatch.Tests.Infrastructure;

/// <summary>
/// The dispatcher as its own operating-system process, started the way the README runs it, so a test
/// can kill it with SIGKILL and start it again on the same data.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly string SharedModelDirectory = Path.Combine(Path.GetTempPath(), "hotline-tests", "routing-models");
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, int httpPort)
    {
        _process = process;
        HttpPort = httpPort;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}");
    }

    public int HttpPort { get; }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a silo with these settings (as environment variables) and waits until /health answers 200.</summary>
    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, int? httpPort = null)
    {
        var port = httpPort ?? FreePorts.Next();
        var start = StartInfo(settings, "--urls", $"http://127.0.0.1:{port}");
        var silo = new SiloProcess(new Process { StartInfo = start }, port);
        silo._process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.Start();
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        try
        {
            await silo.WaitUntilHealthyAsync();
        }
        catch
        {
            // A silo that never became healthy would otherwise outlive the test and hold its output pipe open.
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <summary>Runs the silo's program with a command (<c>backup --to DIR</c>) and these settings; answers its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(IReadOnlyDictionary<string, string?> settings, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(settings, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string?> settings, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HotlineDispatch.Silo.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        // Models are cached by training version, so every silo of the run can share one: trained once, not per process.
        start.Environment["Hotline__Routing__ModelDirectory"] = SharedModelDirectory;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__")] = value;
        }

        return start;
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // HasExited can be true before the last lines of output have been handed to the handlers; waiting for the
                // exit as well drains them, so the message carries the silo's reason.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"The silo exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The silo did not become healthy within {StartTimeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
