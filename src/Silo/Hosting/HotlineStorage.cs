using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Silo.Storage;

namespace HotlineDispatch.Silo.Hosting;

/// <summary>
/// Where a deployment keeps its data: grain state, reminders and membership (PostgreSQL) through the
/// Orleans providers, and the read model. On PostgreSQL both are one database. SQLite keeps the read
/// model in a file of its own, because SQLite has one writer per file: the projection's batched
/// transactions held the lock that every grain write then waited for, and Microsoft.Data.Sqlite waits
/// for a busy lock in 150 ms sleeps.
/// </summary>
public sealed record HotlineStorage(string Invariant, string ConnectionString, string ReadModelConnectionString)
{
    public bool IsPostgres => Invariant == OrleansSchema.PostgresInvariant;

    public static HotlineStorage Sqlite(string dataDir) => new(
        OrleansSchema.SqliteInvariant,
        SqliteConnectionStrings.ForDataDir(dataDir, SqliteConnectionStrings.DatabaseFileName),
        SqliteConnectionStrings.ForDataDir(dataDir, SqliteConnectionStrings.ReadModelFileName));

    public static HotlineStorage Postgres(string connectionString)
    {
        var tuned = PostgresConnectionStrings.Tuned(connectionString);
        return new HotlineStorage(OrleansSchema.PostgresInvariant, tuned, tuned);
    }

    public static HotlineStorage From(HotlineOptions options, IConfiguration configuration)
    {
        if (options.UsesPostgres)
        {
            var connectionString = configuration.GetConnectionString("Hotline");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Hotline:Storage is 'postgres' but ConnectionStrings:Hotline is not set.");
            }

            return Postgres(connectionString);
        }

        if (!string.Equals(options.Storage, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Hotline:Storage must be 'sqlite' or 'postgres', not '{options.Storage}'.");
        }

        return Sqlite(options.DataDir);
    }

    /// <summary>Creates or refreshes every table and stored query this storage needs.</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        OrleansSchema.EnsureAsync(Invariant, ConnectionString, ReadModelConnectionString, cancellationToken);

    public ReadModelDatabase ReadModel() =>
        IsPostgres ? ReadModelDatabase.Postgres(ReadModelConnectionString) : ReadModelDatabase.Sqlite(ReadModelConnectionString);
}
