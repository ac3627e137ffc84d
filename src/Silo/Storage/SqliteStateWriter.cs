using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace HotlineDispatch.Silo.Storage;

/// <summary>
/// Writes grain state to SQLite in group commits: every write waiting when the file's turn comes goes
/// into one transaction on one connection, and each caller is answered after that commit. A storm
/// day makes thousands of state writes a second; one transaction each spent most of the file's turn
/// preparing the same statement, reading the same index pages into a cold cache and committing,
/// and the file's single writer was what bounded intake.
/// <para>
/// The rows and the statement are the ones the Orleans ADO.NET provider reads and writes
/// (<c>WriteToStorageKey</c>, read from <c>OrleansQuery</c> as the provider does), so the provider
/// still reads every row this writes. Only plain string keys come here: the provider derives other
/// keys' columns from their numbers (<see cref="SqliteGatedGrainStorage"/>).
/// </para>
/// </summary>
public sealed class SqliteStateWriter(string connectionString, SqliteWriteGate gate, string serviceId)
{
    private const int MostPerCommit = 256;

    private readonly Channel<Write> _queue = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _start = new();
    private Task? _loop;
    private string? _statement;

    /// <summary>Stores <paramref name="payload"/> if the row is still at <paramref name="version"/> (none: no row yet); returns the new version.</summary>
    /// <exception cref="InconsistentStateException">Another activation wrote first.</exception>
    public async Task<string> WriteAsync(string stateName, string key, string? version, byte[] payload)
    {
        var write = new Write(stateName, key, string.IsNullOrWhiteSpace(version) ? null : int.Parse(version, CultureInfo.InvariantCulture), payload);
        EnsureRunning();
        await _queue.Writer.WriteAsync(write);
        var written = await write.Done.Task;
        return written?.ToString(CultureInfo.InvariantCulture)
            ?? throw new InconsistentStateException($"Version conflict (WriteState): ServiceId={serviceId} GrainType={stateName} GrainId={key} ETag={version}.");
    }

    private void EnsureRunning()
    {
        lock (_start)
        {
            _loop ??= Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        SqliteConnection? connection = null;
        var batch = new List<Write>(MostPerCommit);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MostPerCommit && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            await gate.EnterAsync(CancellationToken.None);
            try
            {
                connection ??= await OpenAsync();
                var versions = await CommitAsync(connection, batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(versions[i]);
                }
            }
            catch (Exception ex)
            {
                // Nothing of the batch is durable, so no caller is acknowledged; a fresh connection next time.
                foreach (var write in batch)
                {
                    write.Done.TrySetException(ex);
                }

                await (connection?.DisposeAsync() ?? ValueTask.CompletedTask);
                connection = null;
            }
            finally
            {
                gate.Exit();
                batch.Clear();
            }
        }
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<int?[]> CommitAsync(SqliteConnection connection, List<Write> batch)
    {
        var versions = new int?[batch.Count];
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = await WriteStatementAsync(connection, transaction);
        command.Parameters.AddWithValue("@ServiceId", serviceId);
        var type = command.Parameters.Add("@GrainTypeString", SqliteType.Text);
        command.Parameters.AddWithValue("@GrainIdN0", 0L);
        command.Parameters.AddWithValue("@GrainIdN1", 0L);
        var key = command.Parameters.Add("@GrainIdExtensionString", SqliteType.Text);
        var version = command.Parameters.Add("@GrainStateVersion", SqliteType.Integer);
        var payload = command.Parameters.Add("@PayloadBinary", SqliteType.Blob);
        for (var i = 0; i < batch.Count; i++)
        {
            type.Value = batch[i].StateName;
            key.Value = batch[i].Key;
            version.Value = (object?)batch[i].Version ?? DBNull.Value;
            payload.Value = batch[i].Payload;
            versions[i] = await ReadVersionAsync(command);
        }

        await transaction.CommitAsync();
        return versions;
    }

    /// <summary>The statement's first result holds the new version; when the guarded write changed nothing, the second holds a NULL.</summary>
    private static async Task<int?> ReadVersionAsync(SqliteCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            if (await reader.ReadAsync())
            {
                return reader.IsDBNull(0) ? null : reader.GetInt32(0);
            }
        }
        while (await reader.NextResultAsync());

        return null;
    }

    private async Task<string> WriteStatementAsync(SqliteConnection connection, SqliteTransaction transaction)
    {
        if (_statement is null)
        {
            await using var query = connection.CreateCommand();
            query.Transaction = transaction;
            query.CommandText = "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'";
            _statement = (string?)await query.ExecuteScalarAsync()
                ?? throw new InvalidOperationException("OrleansQuery has no WriteToStorageKey row; the storage schema was not applied.");
        }

        return _statement;
    }

    private sealed record Write(string StateName, string Key, int? Version, byte[] Payload)
    {
        public TaskCompletionSource<int?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
