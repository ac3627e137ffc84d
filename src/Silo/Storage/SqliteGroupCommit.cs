using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace HotlineDispatch.Silo.Storage;

/// <summary>
/// Writes grain state and reminder rows to SQLite in group commits: every write waiting when the
/// file's turn comes goes into one transaction on one connection, and each caller is answered after
/// that commit. A storm day makes thousands of these writes a second; one transaction each spent
/// most of the file's turn preparing the same statement, reading the same index pages into a cold
/// cache and committing, and the file's single writer was what bounded intake.
/// <para>
/// The rows and statements are the ones the Orleans ADO.NET providers read and write
/// (<c>WriteToStorageKey</c> and <c>UpsertReminderRowKey</c>, read from <c>OrleansQuery</c> as the
/// providers do, with the parameters they bind), so the providers still read every row this writes.
/// </para>
/// </summary>
public sealed class SqliteGroupCommit : IAsyncDisposable
{
    private const int MostPerCommit = 256;
    private const string StateStatement = "WriteToStorageKey";
    private const string ReminderStatement = "UpsertReminderRowKey";

    private readonly string _connectionString;
    private readonly SqliteWriteGate _gate;
    private readonly string _serviceId;
    private readonly CommitQueue<Write, int?> _queue;
    private readonly Dictionary<string, string> _statements = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;

    public SqliteGroupCommit(string connectionString, SqliteWriteGate gate, string serviceId)
    {
        _connectionString = connectionString;
        _gate = gate;
        _serviceId = serviceId;
        _queue = new CommitQueue<Write, int?>(MostPerCommit, CommitInTurnAsync);
    }

    /// <summary>
    /// Stores the state of a grain with a plain string key if its row is still at <paramref name="version"/>
    /// (none: no row yet); returns the new version.
    /// </summary>
    /// <exception cref="InconsistentStateException">Another activation wrote first.</exception>
    public async Task<string> WriteStateAsync(string stateName, string key, string? version, byte[] payload)
    {
        var expected = string.IsNullOrWhiteSpace(version) ? (int?)null : int.Parse(version, CultureInfo.InvariantCulture);
        var written = await _queue.EnqueueAsync(new Write(StateStatement, parameters =>
        {
            parameters.AddWithValue("@ServiceId", _serviceId);
            parameters.AddWithValue("@GrainTypeString", stateName);
            parameters.AddWithValue("@GrainIdN0", 0L);
            parameters.AddWithValue("@GrainIdN1", 0L);
            parameters.AddWithValue("@GrainIdExtensionString", key);
            parameters.AddWithValue("@GrainStateVersion", (object?)expected ?? DBNull.Value);
            parameters.AddWithValue("@PayloadBinary", payload);
        }));
        return written?.ToString(CultureInfo.InvariantCulture)
            ?? throw new InconsistentStateException($"Version conflict (WriteState): ServiceId={_serviceId} GrainType={stateName} GrainId={key} ETag={version}.");
    }

    /// <summary>Inserts or replaces a reminder row; returns its new version (the reminder's ETag).</summary>
    public async Task<string> UpsertReminderAsync(ReminderEntry entry)
    {
        var written = await _queue.EnqueueAsync(new Write(ReminderStatement, parameters =>
        {
            parameters.AddWithValue("@ServiceId", _serviceId);
            parameters.AddWithValue("@GrainHash", unchecked((int)entry.GrainId.GetUniformHashCode()));
            parameters.AddWithValue("@GrainId", entry.GrainId.ToString());
            parameters.AddWithValue("@ReminderName", entry.ReminderName);
            parameters.AddWithValue("@StartTime", entry.StartAt);
            var period = entry.Period.TotalMilliseconds;
            parameters.AddWithValue("@Period", period <= int.MaxValue ? (int)period : (long)period);
        }));
        return written?.ToString(CultureInfo.InvariantCulture)
            ?? throw new InvalidOperationException($"The reminder upsert of {entry.GrainId} '{entry.ReminderName}' returned no version.");
    }

    /// <summary>Commits what is queued and closes the file, so a stopped silo holds no connection to it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _queue.DisposeAsync();
        await (_connection?.DisposeAsync() ?? ValueTask.CompletedTask);
    }

    /// <summary>One transaction on the connection kept between commits; after a failure the next commit opens a fresh one.</summary>
    private async Task<IReadOnlyList<int?>> CommitInTurnAsync(IReadOnlyList<Write> batch)
    {
        await _gate.EnterAsync(CancellationToken.None);
        try
        {
            _connection ??= await OpenAsync();
            return await CommitAsync(_connection, batch);
        }
        catch
        {
            var broken = _connection;
            _connection = null;
            await (broken?.DisposeAsync() ?? ValueTask.CompletedTask);
            throw;
        }
        finally
        {
            _gate.Exit();
        }
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<int?[]> CommitAsync(SqliteConnection connection, IReadOnlyList<Write> batch)
    {
        var versions = new int?[batch.Count];
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var commands = new Dictionary<string, SqliteCommand>(StringComparer.Ordinal);
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                // One command per statement for the whole batch, so SQLite prepares each statement once.
                if (!commands.TryGetValue(batch[i].Statement, out var command))
                {
                    command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = await StatementAsync(connection, transaction, batch[i].Statement);
                    commands[batch[i].Statement] = command;
                }

                command.Parameters.Clear();
                batch[i].Bind(command.Parameters);
                versions[i] = await ReadVersionAsync(command);
            }

            await transaction.CommitAsync();
            return versions;
        }
        finally
        {
            foreach (var command in commands.Values)
            {
                await command.DisposeAsync();
            }
        }
    }

    /// <summary>The first row of the statement's results holds the new version; a guarded write that changed nothing answers a NULL.</summary>
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

    private async Task<string> StatementAsync(SqliteConnection connection, SqliteTransaction transaction, string key)
    {
        if (!_statements.TryGetValue(key, out var text))
        {
            await using var query = connection.CreateCommand();
            query.Transaction = transaction;
            query.CommandText = "SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key";
            query.Parameters.AddWithValue("@key", key);
            text = (string?)await query.ExecuteScalarAsync()
                ?? throw new InvalidOperationException($"OrleansQuery has no {key} row; the storage schema was not applied.");
            _statements[key] = text;
        }

        return text;
    }

    private sealed record Write(string Statement, Action<SqliteParameterCollection> Bind);
}
