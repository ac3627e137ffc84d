using System.Data.Common;
using Microsoft.Data.Sqlite;
using HotlineDispatch.Silo.Storage;
using Npgsql;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>
/// The database the read model lives in: the same one as the grain state. Its SQL is written once for
/// both engines (times as Unix milliseconds, days as ISO text), so only row locking differs.
/// </summary>
public sealed class ReadModelDatabase(DbProviderFactory factory, string connectionString, bool isPostgres)
{
    private static readonly IAsyncDisposable NoTurn = new Turn(null);

    private readonly SqliteWriteGate? _gate = isPostgres ? null : new SqliteWriteGate();

    public bool IsPostgres { get; } = isPostgres;

    /// <summary>
    /// Taken before a write and disposed after its commit. On SQLite the busy writers of this file
    /// (the projection, alerts, the outbox) then queue instead of sleeping on its lock; PostgreSQL
    /// needs no turn.
    /// </summary>
    public async Task<IAsyncDisposable> WriteTurnAsync(CancellationToken cancellationToken)
    {
        if (_gate is null)
        {
            return NoTurn;
        }

        await _gate.EnterAsync(cancellationToken);
        return new Turn(_gate);
    }

    /// <summary>Appended to a SELECT that must lock its row until commit; SQLite's writer lock already serialises.</summary>
    public string ForUpdate => IsPostgres ? " FOR UPDATE" : "";

    public static ReadModelDatabase Sqlite(string connectionString) => new(SqliteFactory.Instance, connectionString, false);

    public static ReadModelDatabase Postgres(string connectionString) => new(NpgsqlFactory.Instance, connectionString, true);

    private sealed class Turn(SqliteWriteGate? gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate?.Exit();
            return ValueTask.CompletedTask;
        }
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = factory.CreateConnection()!;
        connection.ConnectionString = connectionString;
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
