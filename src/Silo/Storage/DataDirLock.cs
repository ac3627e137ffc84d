namespace HotlineDispatch.Silo.Storage;

/// <summary>
/// The embedded silo's claim on its data directory: a lock file held open for as long as the process runs (the OS
/// lets it go however the process ends). A restore refuses to replace files under a running silo, and a second
/// silo on the same files, which SQLite would let corrupt each other's view of them, does not start.
/// </summary>
public sealed class DataDirLock : IHostedService, IDisposable
{
    private const string FileName = "silo.lock";
    private readonly FileStream _file;

    private DataDirLock(FileStream file) => _file = file;

    public static DataDirLock? TryAcquire(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        try
        {
            return new DataDirLock(new FileStream(Path.Combine(dataDir, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static DataDirLock Acquire(string dataDir) => TryAcquire(dataDir)
        ?? throw new InvalidOperationException($"Another silo is running on {Path.GetFullPath(dataDir)} (its {FileName} is locked).");

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _file.Dispose();
}
