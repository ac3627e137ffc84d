using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>
/// The database the read model lives in: the same one as the grain state. Its SQL is written once for
/// both engines (times as Unix milliseconds, days as ISO text), so only row locking differs.
/// </summary>
public sealed class ReadModelDatabase(DbProviderFactory factory, string connectionString, bool isPostgres)
{
    public bool IsPostgres { get; } = isPostgres;

    /// <summary>Appended to a SELECT that must lock its row until commit; SQLite's writer lock already serialises.</summary>
    public string ForUpdate => IsPostgres ? " FOR UPDATE" : "";

    public static ReadModelDatabase Sqlite(string connectionString) => new(SqliteFactory.Instance, connectionString, false);

    public static ReadModelDatabase Postgres(string connectionString) => new(NpgsqlFactory.Instance, connectionString, true);

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = factory.CreateConnection()!;
        connection.ConnectionString = connectionString;
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
