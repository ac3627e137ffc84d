using System.Data.Common;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.ReadModel;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HotlineDispatch.Silo.Storage;

/// <summary>
/// Deletes the grain state kept per resident message (an SMS's answer, a WeChat message's work) and per provider
/// idempotency token once no retry can come: that state exists only so a provider's retry is recognised, and
/// providers give up within hours, yet every message left a row behind for good. Two days outlast Twilio's
/// retries and a WeChat message's last attempt (about four hours of growing pauses, each a write) by far.
/// The clock is the database's own, the one that stamped the rows.
/// </summary>
public sealed class MessageStateSweep(HotlineStorage storage, IServiceProvider services, ILogger<MessageStateSweep> logger) : BackgroundService
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(2);

    /// <summary>The [PersistentState] names whose rows only recognise retries.</summary>
    public static IReadOnlyList<string> StateNames { get; } = ["resident-message", "wechat-message", "idempotency-token"];

    private static readonly TimeSpan FirstAfter = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstAfter, stoppingToken);
            using var timer = new PeriodicTimer(Every);
            do
            {
                try
                {
                    var deleted = await SweepAsync(stoppingToken);
                    logger.LogInformation("Deleted {Count} message and idempotency states older than {KeepFor}", deleted, KeepFor);
                }
                catch (DbException ex)
                {
                    logger.LogWarning(ex, "Could not delete old message states; the next sweep tries again");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Deletes the rows older than <see cref="KeepFor"/>; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var before = storage.IsPostgres ? "now() - make_interval(secs => @seconds)" : "datetime('now', '-' || @seconds || ' seconds')";
        await using var connection = storage.IsPostgres
            ? (DbConnection)new NpgsqlConnection(storage.ConnectionString)
            : new SqliteConnection(storage.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.Command("");
        var names = StateNames.Select((name, i) =>
        {
            command.With($"name{i}", name);
            return $"@name{i}";
        }).ToList();
        command.CommandText = $"DELETE FROM orleans_storage WHERE grain_type IN ({string.Join(", ", names)}) AND modified_on < {before}";
        command.With("seconds", (long)KeepFor.TotalSeconds);

        // On SQLite the grain writes take turns through one gate; this delete takes its turn like them.
        return services.GetService<SqliteWriteGate>() is { } gate
            ? await gate.RunAsync(() => command.ExecuteNonQueryAsync(cancellationToken))
            : await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
