namespace HotlineDispatch.Silo.Storage;

/// <summary>
/// The data directory holds phone numbers in clear and token hashes: on Unix it is the owner's alone (0700) and
/// its database files are 0600, tightened on every start for a directory made before. SQLite gives the WAL and
/// shared-memory files it creates later the mode of their database file.
/// </summary>
public static class DataDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly string[] SqliteSuffixes = ["", "-wal", "-shm", "-journal"];

    /// <summary>Creates the directory (or tightens the one there) and returns its absolute path.</summary>
    public static string Create(string dataDir)
    {
        var directory = Path.GetFullPath(dataDir);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return directory;
        }

        Directory.CreateDirectory(directory, OwnerOnly);
        File.SetUnixFileMode(directory, OwnerOnly);
        return directory;
    }

    /// <summary>Creates a database file owner-only before SQLite does, and tightens it and its companions if they exist.</summary>
    public static void SecureDatabase(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(path))
        {
            new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite }).Dispose();
        }

        foreach (var companion in SqliteSuffixes.Select(suffix => path + suffix).Where(File.Exists))
        {
            File.SetUnixFileMode(companion, OwnerReadWrite);
        }
    }
}
