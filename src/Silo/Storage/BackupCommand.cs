using HotlineDispatch.Silo.Hosting;

namespace HotlineDispatch.Silo.Storage;

/// <summary>
/// <c>backup --to DIR</c> (while the silo runs) and <c>restore --from DIR</c> (with it stopped), for the embedded
/// SQLite deployment, with the same configuration as the silo (<c>Hotline:DataDir</c>). PostgreSQL is backed up with
/// its own tools (docs/privacy.md).
/// </summary>
public static class BackupCommand
{
    public static bool IsRequested(string[] args) => args is ["backup" or "restore", ..];

    /// <summary>Runs the command; answers the process's exit code.</summary>
    public static async Task<int> RunAsync(string[] args, HotlineOptions options, TextWriter output, TextWriter error)
    {
        var backup = args[0] == "backup";
        var option = backup ? "--to" : "--from";
        var at = Array.IndexOf(args, option);
        if (at < 0 || at + 1 >= args.Length)
        {
            await error.WriteLineAsync($"usage: {args[0]} {option} DIR");
            return 2;
        }

        if (options.UsesPostgres)
        {
            await error.WriteLineAsync("Hotline:Storage is postgres: back it up with pg_dump and restore it with pg_restore (docs/privacy.md).");
            return 2;
        }

        var dir = args[at + 1];
        try
        {
            if (backup)
            {
                var manifest = await SqliteBackup.BackupAsync(options.DataDir, dir, TimeProvider.System, CancellationToken.None);
                await output.WriteLineAsync($"Backed up {Path.GetFullPath(options.DataDir)} to {manifest.Directory} as of {manifest.TakenAt:O}");
            }
            else
            {
                await SqliteBackup.RestoreAsync(dir, options.DataDir, TimeProvider.System, CancellationToken.None);
                await output.WriteLineAsync($"Restored {Path.GetFullPath(dir)} into {Path.GetFullPath(options.DataDir)}");
            }

            return 0;
        }
        catch (BackupException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
    }
}
