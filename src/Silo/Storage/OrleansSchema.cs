using Microsoft.Data.Sqlite;
using Npgsql;

namespace HotlineDispatch.Silo.Storage;

/// <summary>
/// Installs the tables and <c>OrleansQuery</c> rows the Orleans ADO.NET providers need
/// (docs/architecture.md, "Storage"), and the dispatcher's read model beside them. Run it before the silo starts: the providers read
/// their query texts once, at start-up.
/// </summary>
public static class OrleansSchema
{
    /// <summary>
    /// The invariant to give the Orleans ADO.NET providers for SQLite. Orleans maps this name to
    /// Microsoft.Data.Sqlite's factory itself; "Microsoft.Data.Sqlite" is not an accepted name.
    /// </summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>The invariant to give the Orleans ADO.NET providers for PostgreSQL (Npgsql).</summary>
    public const string PostgresInvariant = "Npgsql";

    // Any constant works as long as every silo of every version uses the same one; it only has to
    // be unlikely to collide with advisory locks taken by other code on the same database.
    private const long PostgresSchemaLockKey = 0x486F746C696E65; // "Hotline"

    // Waiting for another silo's installer must not hit Npgsql's 30 s default on a slow machine.
    private const int PostgresCommandTimeoutSeconds = 300;

    /// <summary>
    /// Applies the embedded scripts: the engine's Orleans script to the providers' database and the
    /// read model's to its own (the same database on PostgreSQL). Idempotent; PostgreSQL under
    /// pg_advisory_xact_lock in one transaction per script; SQLite sets journal_mode=WAL first.
    /// </summary>
    public static async Task EnsureAsync(string invariant, string connectionString, string readModelConnectionString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(readModelConnectionString);

        Func<string, string, CancellationToken, Task> apply = invariant switch
        {
            SqliteInvariant => EnsureSqliteAsync,
            PostgresInvariant => EnsurePostgresAsync,
            _ => throw new ArgumentException(
                $"Unsupported ADO.NET invariant '{invariant}'; expected '{SqliteInvariant}' or '{PostgresInvariant}'.",
                nameof(invariant)),
        };
        await apply(connectionString, await ReadScriptAsync(invariant == SqliteInvariant ? "sqlite.sql" : "postgres.sql", cancellationToken), cancellationToken);
        await apply(readModelConnectionString, await ReadModelScriptsAsync(invariant == SqliteInvariant ? "sqlite" : "postgres", cancellationToken), cancellationToken);
        if (invariant == SqliteInvariant && connectionString != readModelConnectionString)
        {
            await SqliteReadModelMove.FromGrainFileAsync(connectionString, readModelConnectionString, cancellationToken);
        }
    }

    private static async Task EnsureSqliteAsync(string connectionString, string script, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        // WAL lets grain reads proceed while one writer commits; the rollback journal measured about
        // 4x fewer grain writes per second. The mode is stored in the file, and it cannot be changed
        // inside a transaction, so it goes first.
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            var mode = (string?)await wal.ExecuteScalarAsync(cancellationToken);

            // An in-memory database (tests) answers "memory"; anything else means WAL is unavailable.
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(mode, "memory", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"SQLite refused WAL journal mode (got '{mode}'); is the database on a file system without shared-memory support?");
            }
        }

        // One immediate transaction so a second process starting on the same file waits for the
        // whole script instead of seeing half a schema.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = script;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// A silo past its schema already works on the tables a silo starting beside it is still scripting,
    /// and PostgreSQL may pick the script as a deadlock's victim (rarely: the two-silo test met it once in
    /// a few dozen runs). The script is one transaction and idempotent, so the victim runs it again.
    /// </summary>
    private static async Task EnsurePostgresAsync(string connectionString, string script, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ApplyPostgresAsync(connectionString, script, cancellationToken);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }
    }

    private static async Task ApplyPostgresAsync(string connectionString, string script, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        // Concurrent CREATE TABLE IF NOT EXISTS on an empty database can still fail with a
        // duplicate-key error in the catalog, so silos starting together take turns. The
        // transaction-scoped lock is released by the commit (or by the rollback if anything fails),
        // and the whole script commits or nothing does.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.CommandTimeout = PostgresCommandTimeoutSeconds;
            lockCommand.Parameters.AddWithValue("key", PostgresSchemaLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(script, connection, transaction))
        {
            command.CommandTimeout = PostgresCommandTimeoutSeconds;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The read model's script: readmodel.sql and each feature's readmodel.*.sql, one text for both engines, in name
    /// order; then the engine's own readmodel.*.sqlite.sql or readmodel.*.postgres.sql (what the other cannot parse), in name order.
    /// </summary>
    private static async Task<string> ReadModelScriptsAsync(string engine, CancellationToken cancellationToken)
    {
        static bool OfEngine(string name, string e) => name.EndsWith($".{e}.sql", StringComparison.Ordinal);
        var features = typeof(OrleansSchema).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("readmodel.", StringComparison.Ordinal) && name != "readmodel.sql")
            .Order(StringComparer.Ordinal)
            .ToList();
        var scripts = new List<string> { await ReadScriptAsync("readmodel.sql", cancellationToken) };
        foreach (var feature in features.Where(name => !OfEngine(name, "sqlite") && !OfEngine(name, "postgres")).Concat(features.Where(name => OfEngine(name, engine))))
        {
            scripts.Add(await ReadScriptAsync(feature, cancellationToken));
        }

        return string.Join("\n", scripts);
    }

    private static async Task<string> ReadScriptAsync(string resourceName, CancellationToken cancellationToken)
    {
        var assembly = typeof(OrleansSchema).Assembly;
        await using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException(
                $"Embedded resource '{resourceName}' is missing from {assembly.GetName().Name}; " +
                "the project must embed Storage/Sql/*.sql with LogicalName set to the file name.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
