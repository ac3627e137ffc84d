using System.Diagnostics;
using Npgsql;

namespace HotlineDispatch.Bench.Hosting;

/// <summary>
/// A PostgreSQL server of the bench's own, made with initdb and run by pg_ctl on a free loopback port
/// the way test.sh does, so it can be crashed and restarted without disturbing anyone else's server.
/// Unlike test.sh's server it keeps PostgreSQL's durable defaults (fsync, synchronous commit, full
/// page writes): the bench measures what a real deployment pays, and the fault tests crash it.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    // PostgreSQL refuses to run as root; test.sh uses the same account.
    private const string ServerUser = "postgres";

    private readonly string _bin;
    private readonly string _workDir;
    private readonly bool _asServerUser;
    private readonly bool _kept;
    private readonly IDisposable _cleanup;

    private ThrowawayPostgres(string bin, string workDir, bool asServerUser, bool kept)
    {
        _bin = bin;
        _workDir = workDir;
        _asServerUser = asServerUser;
        _kept = kept;
        _cleanup = ExitCleanup.Register(() => StopAndRemoveAsync().GetAwaiter().GetResult());
    }

    public int Port { get; private set; }

    /// <summary>The bootstrap superuser on the <c>postgres</c> database; trust authentication on loopback only.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    private string DataDir => Path.Combine(_workDir, "data");

    /// <param name="kept">
    /// A folder the server lives in and that is left behind, stopped, instead of removed (<c>history --keep</c>);
    /// when it already holds a server's data (<paramref name="existing"/>), that server is started again on it.
    /// </param>
    public static async Task<ThrowawayPostgres> StartAsync(string? kept = null, bool existing = false)
    {
        var bin = FindBinaries();
        var asServerUser = Environment.UserName == "root";

        // Under /tmp explicitly: a TMPDIR below /root would not be reachable for the server's account.
        var workDir = Directory.CreateDirectory(kept ?? Path.Combine("/tmp", $"hotline-bench-pg.{Guid.NewGuid():N}")).FullName;
        if (asServerUser && !existing)
        {
            await RunAsync("chown", [ServerUser, workDir]);
        }

        var server = new ThrowawayPostgres(bin, workDir, asServerUser, kept is not null);
        if (!existing)
        {
            await server.AsServer("initdb", "-D", server.DataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync");
        }

        for (var attempt = 1; ; attempt++)
        {
            server.Port = FreePorts.Next();
            try
            {
                await server.StartServerAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                // Most likely another process took the port between the check and the bind.
            }
        }
    }

    /// <summary>Stops the server as a crash would (<c>-m immediate</c>: no checkpoint, recovery on start) and starts it again.</summary>
    public async Task CrashAndRestartAsync()
    {
        await AsServer("pg_ctl", "-D", DataDir, "-m", "immediate", "-w", "-t", "60", "stop");
        await StartServerAsync();
    }

    /// <summary>The process id of the postmaster, whose children are the server's backends.</summary>
    public int PostmasterPid => int.Parse(File.ReadLines(Path.Combine(DataDir, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        _cleanup.Dispose();
        await StopAndRemoveAsync();
    }

    private async Task StopAndRemoveAsync()
    {
        try
        {
            // A kept server is shut down cleanly, so the next start on it has nothing to recover.
            await AsServer("pg_ctl", "-D", DataDir, "-m", _kept ? "fast" : "immediate", "-w", "-t", "600", "stop");
        }
        finally
        {
            if (!_kept)
            {
                Directory.Delete(_workDir, recursive: true);
            }
        }
    }

    private async Task StartServerAsync()
    {
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_workDir} -c max_connections=300";
        await AsServer("pg_ctl", "-D", DataDir, "-l", Path.Combine(_workDir, "server.log"), "-w", "-t", "60", "-o", options, "start");
    }

    private Task AsServer(string tool, params string[] args)
    {
        var path = Path.Combine(_bin, tool);
        return _asServerUser ? RunAsync("runuser", ["-u", ServerUser, "--", path, .. args]) : RunAsync(path, args);
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}{await errors}");
        }
    }

    /// <summary>initdb and pg_ctl on PATH, else Debian's newest /usr/lib/postgresql/&lt;major&gt;/bin.</summary>
    private static string FindBinaries()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var initdb = new FileInfo(Path.Combine(dir, "initdb"));
            if (initdb.Exists && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                // Resolved, so that a symlink on PATH leads to the directory that holds the other tools too.
                return Path.GetDirectoryName(initdb.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb.FullName)!;
            }
        }

        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return debian ?? throw new InvalidOperationException(
            "PostgreSQL's initdb and pg_ctl were not found. Install Debian's 'postgresql' package (./test.sh does), or pass --connection.");
    }
}
