using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Silo.Storage;

namespace HotlineDispatch.Silo.Hosting;

/// <summary>The one database of a deployment: grain state, reminders, membership (PostgreSQL) and the read model.</summary>
public sealed record HotlineStorage(string Invariant, string ConnectionString)
{
    public bool IsPostgres => Invariant == OrleansSchema.PostgresInvariant;

    public static HotlineStorage From(HotlineOptions options, IConfiguration configuration)
    {
        if (options.UsesPostgres)
        {
            var connectionString = configuration.GetConnectionString("Hotline");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Hotline:Storage is 'postgres' but ConnectionStrings:Hotline is not set.");
            }

            return new HotlineStorage(OrleansSchema.PostgresInvariant, PostgresConnectionStrings.Tuned(connectionString));
        }

        if (!string.Equals(options.Storage, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Hotline:Storage must be 'sqlite' or 'postgres', not '{options.Storage}'.");
        }

        return new HotlineStorage(OrleansSchema.SqliteInvariant, SqliteConnectionStrings.ForDataDir(options.DataDir));
    }

    public ReadModelDatabase ReadModel() =>
        IsPostgres ? ReadModelDatabase.Postgres(ConnectionString) : ReadModelDatabase.Sqlite(ConnectionString);
}
