using HotlineDispatch.Silo.Auth;
using Microsoft.Data.Sqlite;

namespace HotlineDispatch.Silo.Storage;

/// <summary>
/// Online backup and offline restore of the embedded silo's two database files. The two must come from the same
/// instant: grain state says how far the read model has been projected, so a read model from later would show
/// tickets whose state is missing, and one from earlier would miss tickets the state says were shown.
/// </summary>
public static class SqliteBackup
{
    private static readonly string[] Files = [SqliteConnectionStrings.DatabaseFileName, SqliteConnectionStrings.ReadModelFileName];

    /// <summary>
    /// Copies both files of <paramref name="dataDir"/> into <paramref name="target"/> (new or empty) while a silo may be
    /// running. It takes the write lock of both files (a running silo's writes wait, as for any busy writer, and are
    /// not lost), copies each with SQLite's backup API from a second connection (WAL readers do not need the lock),
    /// then lets go. Also copies the generated admin token, so a restored silo answers to the same one.
    /// </summary>
    public static async Task<BackupManifest> BackupAsync(string dataDir, string target, TimeProvider time, CancellationToken cancellationToken)
    {
        var source = Path.GetFullPath(dataDir);
        target = Path.GetFullPath(target);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new BackupException($"{target} is not empty; give a new directory for each backup.");
        }

        foreach (var file in Files.Where(f => !File.Exists(Path.Combine(source, f))))
        {
            throw new BackupException($"{Path.Combine(source, file)} does not exist; is {source} the silo's Hotline:DataDir?");
        }

        Directory.CreateDirectory(target);
        var locks = new List<(SqliteConnection Connection, SqliteTransaction Transaction)>();
        try
        {
            // Always in the same order; the silo never holds one file's write lock while it waits for the other's.
            foreach (var file in Files)
            {
                var connection = Open(Path.Combine(source, file), SqliteOpenMode.ReadWrite);
                await connection.OpenAsync(cancellationToken);
                locks.Add((connection, connection.BeginTransaction(deferred: false)));
            }

            var takenAt = time.GetUtcNow();
            foreach (var file in Files)
            {
                await using var from = Open(Path.Combine(source, file), SqliteOpenMode.ReadOnly);
                await using var to = Open(Path.Combine(target, file), SqliteOpenMode.ReadWriteCreate);
                await from.OpenAsync(cancellationToken);
                await to.OpenAsync(cancellationToken);
                from.BackupDatabase(to);
            }

            CopyAdminToken(source, target);
            var manifest = new BackupManifest(takenAt, target, Files);
            await File.WriteAllTextAsync(Path.Combine(target, BackupManifest.FileName),
                System.Text.Json.JsonSerializer.Serialize(manifest), cancellationToken);
            return manifest;
        }
        finally
        {
            foreach (var (connection, transaction) in locks)
            {
                transaction.Rollback();
                await connection.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>
    /// Puts a backup in place of <paramref name="dataDir"/>'s files, with the silo stopped (its lock on the data directory
    /// says whether it runs). The files replaced are kept beside it as <c>*.before-restore-&lt;time&gt;</c>; their WAL
    /// files go with them, since a WAL left behind would be replayed into the restored file.
    /// </summary>
    public static async Task RestoreAsync(string backup, string dataDir, TimeProvider time, CancellationToken cancellationToken)
    {
        backup = Path.GetFullPath(backup);
        var target = Path.GetFullPath(dataDir);
        foreach (var file in Files)
        {
            await CheckAsync(Path.Combine(backup, file), cancellationToken);
        }

        Directory.CreateDirectory(target);
        using var silo = DataDirLock.TryAcquire(target)
            ?? throw new BackupException($"A silo is running on {target}; stop it before restoring.");
        var stamp = time.GetUtcNow().ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var file in Files)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                var current = Path.Combine(target, file + suffix);
                if (File.Exists(current))
                {
                    File.Move(current, $"{current}.before-restore-{stamp}");
                }
            }

            File.Copy(Path.Combine(backup, file), Path.Combine(target, file));
        }

        CopyAdminToken(backup, target);
    }

    private static async Task CheckAsync(string file, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            throw new BackupException($"{file} is missing; a backup holds both {string.Join(" and ", Files)}.");
        }

        await using var connection = Open(file, SqliteOpenMode.ReadOnly);
        await connection.OpenAsync(cancellationToken);
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        var result = (string?)await check.ExecuteScalarAsync(cancellationToken);
        if (result != "ok")
        {
            throw new BackupException($"{file} fails SQLite's integrity check: {result}");
        }
    }

    private static void CopyAdminToken(string from, string to)
    {
        var token = Path.Combine(from, AdminToken.FileName);
        if (File.Exists(token))
        {
            File.Copy(token, Path.Combine(to, AdminToken.FileName), overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(to, AdminToken.FileName), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false, DefaultTimeout = 30 }.ConnectionString);
}

/// <summary>What a backup holds, written beside its files as <c>backup.json</c>.</summary>
public sealed record BackupManifest(DateTimeOffset TakenAt, string Directory, IReadOnlyList<string> Files)
{
    public const string FileName = "backup.json";
}

/// <summary>A backup or restore that cannot be done, with why.</summary>
public sealed class BackupException(string message) : Exception(message);
