using System.Data.Common;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>A statement to run later, as part of a batch.</summary>
internal sealed record SqlStatement(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters)
{
    /// <summary>
    /// Runs the statements in order inside <paramref name="transaction"/>: in one round trip where the
    /// driver supports batches (Npgsql), else one after another (SQLite, which is in-process anyway).
    /// </summary>
    public static async Task ExecuteAllAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SqlStatement> statements)
    {
        if (statements.Count == 0)
        {
            return;
        }

        if (!connection.CanCreateBatch)
        {
            foreach (var statement in statements)
            {
                await using var command = connection.Command(statement.Sql, transaction);
                foreach (var (name, value) in statement.Parameters)
                {
                    command.With(name, value);
                }

                await command.ExecuteNonQueryAsync();
            }

            return;
        }

        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var statement in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Sql;
            foreach (var (name, value) in statement.Parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
    }
}
