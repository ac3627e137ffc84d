using System.Security.Cryptography;

namespace HotlineDispatch.Bench.Hosting;

/// <summary>
/// Everything one scenario runs in: a scratch folder, an empty database, and the silo started on it.
/// Disposing stops the silo and removes the database (unless it is kept) and the folder.
/// </summary>
public sealed class BenchRun : IAsyncDisposable
{
    private readonly string _workDir;
    private readonly IDisposable _cleanup;
    private readonly string _token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
    private readonly int _siloPort = FreePorts.Next();
    private readonly int _gatewayPort = FreePorts.Next();
    private readonly List<BenchSilo> _members = [];
    private BenchSilo? _silo;

    private BenchRun(string workDir, BenchStorage storage)
    {
        _workDir = workDir;
        Storage = storage;
        _cleanup = ExitCleanup.Register(() => Directory.Delete(workDir, recursive: true));
    }

    public BenchStorage Storage { get; }

    public BenchSilo Silo => _silo ?? throw new InvalidOperationException("Start the silo first.");

    public static async Task<BenchRun> CreateAsync(string storage, string? connection, bool needOwnServer = false, KeptDatabase? kept = null)
    {
        var workDir = Directory.CreateTempSubdirectory("hotline-bench.").FullName;
        try
        {
            return new BenchRun(workDir, await BenchStorage.CreateAsync(storage, connection, workDir, needOwnServer, kept));
        }
        catch
        {
            Directory.Delete(workDir, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Where every run's silo keeps its trained router models. A deployment trains once and then loads
    /// its model from its data directory; a run that trained inside its own fresh directory would
    /// measure the training, which takes both cores for many seconds, instead of the dispatcher.
    /// </summary>
    private static readonly string RouterModels = Path.Combine(Path.GetTempPath(), "hotline-bench-router-models");

    /// <summary>
    /// Starts the silo on this run's database, with the rate limit off (the load comes from one user),
    /// the router models shared between runs, and <paramref name="settings"/> on top, e.g. short deadlines.
    /// </summary>
    public async Task<BenchSilo> StartSiloAsync(IReadOnlyDictionary<string, string>? settings = null, bool heapProbe = false)
    {
        _silo = await BenchSilo.StartAsync(SettingsFor(_siloPort, _gatewayPort, settings), _workDir, heapProbe);
        return _silo;
    }

    /// <summary>
    /// One more silo of the run's cluster (PostgreSQL): ports and a log folder named <paramref name="name"/>
    /// of its own, the same database, token and settings as the others. Stopped with the run.
    /// </summary>
    public async Task<BenchSilo> StartMemberAsync(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_workDir, name)).FullName;
        var member = await BenchSilo.StartAsync(SettingsFor(FreePorts.Next(), FreePorts.Next(), settings), folder);
        _members.Add(member);
        return member;
    }

    private Dictionary<string, string> SettingsFor(int siloPort, int gatewayPort, IReadOnlyDictionary<string, string>? settings)
    {
        var all = new Dictionary<string, string>(Storage.SiloSettings)
        {
            ["Hotline:Auth:AdminToken"] = _token,
            ["Hotline:RateLimit:PerMinute"] = "0",
            ["Hotline:Routing:ModelDirectory"] = RouterModels,
            ["Hotline:Cluster:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hotline:Cluster:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return all;
    }

    /// <summary>CPU used so far by the silo (zero when stopped) and by the database server when the bench runs it (else null).</summary>
    public (TimeSpan Silo, TimeSpan? Database) Cpu() =>
        (_silo is null ? TimeSpan.Zero : ProcessCpu.OfTree(_silo.ProcessId),
         Storage.OwnServer is { } server ? ProcessCpu.OfTree(server.PostmasterPid) : null);

    public async Task StopSiloAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
            _silo = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopSiloAsync();
            foreach (var member in _members)
            {
                await member.DisposeAsync();
            }

            await Storage.DisposeAsync();
        }
        finally
        {
            _cleanup.Dispose();
            Directory.Delete(_workDir, recursive: true);
        }
    }
}
