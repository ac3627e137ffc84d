using Microsoft.Data.Sqlite;

namespace HotlineDispatch.Silo.Storage;

/// <summary>
/// Brings a data directory from before the read model had its own file up to date: read-model tables
/// still in the grain file are copied into the read model's file and then dropped from the grain file.
/// Copying skips rows already there (every read-model table has a primary key), so a move cut short
/// by a crash simply runs again at the next start.
/// </summary>
public static class SqliteReadModelMove
{
    private const string Alias = "grainfile";

    public static async Task FromGrainFileAsync(string grainConnectionString, string readModelConnectionString, CancellationToken cancellationToken)
    {
        // Not from the pool: the attached file must not stay attached to a connection the silo uses later.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(readModelConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var attach = connection.CreateCommand())
        {
            attach.CommandText = $"ATTACH DATABASE @path AS {Alias}";
            attach.Parameters.AddWithValue("path", new SqliteConnectionStringBuilder(grainConnectionString).DataSource);
            await attach.ExecuteNonQueryAsync(cancellationToken);
        }

        var left = await TablesAsync(connection, Alias, cancellationToken);
        if (left.Count == 0)
        {
            return;
        }

        var wanted = await TablesAsync(connection, "main", cancellationToken);
        await using (var transaction = connection.BeginTransaction(deferred: false))
        {
            foreach (var table in left.Where(wanted.Contains))
            {
                var columns = string.Join(", ", (await ColumnsAsync(connection, "main", table, cancellationToken))
                    .Intersect(await ColumnsAsync(connection, Alias, table, cancellationToken)));
                await ExecuteAsync(connection, transaction,
                    $"INSERT OR IGNORE INTO main.{table} ({columns}) SELECT {columns} FROM {Alias}.{table}", cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // Only once the copies are durable: a WAL transaction is atomic per file, not across two.
        await using (var transaction = connection.BeginTransaction(deferred: false))
        {
            foreach (var table in left)
            {
                await ExecuteAsync(connection, transaction, $"DROP TABLE {Alias}.{table}", cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<string>> TablesAsync(SqliteConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name LIKE 'hotline\\_%' ESCAPE '\\' ORDER BY name";
        return await ReadNamesAsync(command, 0, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ColumnsAsync(SqliteConnection connection, string schema, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {schema}.table_info({table})";
        return await ReadNamesAsync(command, 1, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ReadNamesAsync(SqliteCommand command, int column, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(column));
        }

        return names;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
