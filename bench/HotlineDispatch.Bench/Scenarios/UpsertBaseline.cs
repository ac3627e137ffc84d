using System.Data.Common;
using HotlineDispatch.Bench.Hosting;
using HotlineDispatch.Bench.Load;

namespace HotlineDispatch.Bench.Scenarios;

/// <summary>
/// The database's own limit, for comparison with intake: single-row upserts of a given payload size,
/// each in its own transaction on a connection taken from the pool and returned (as the Orleans
/// providers do per query), through the ADO.NET driver with nothing in between, and with the
/// connection settings the silo uses.
/// </summary>
public static class UpsertBaseline
{
    private const string Table = "bench_upsert";

    public static async Task<LoadResult> RunAsync(BenchStorage storage, int count, int concurrency, int payloadBytes)
    {
        var binary = storage.Kind == "postgres" ? "BYTEA" : "BLOB";
        await storage.ExecuteAsync($"CREATE TABLE IF NOT EXISTS {Table} (id TEXT NOT NULL PRIMARY KEY, payload {binary} NOT NULL)");
        try
        {
            var payload = new byte[payloadBytes];
            Random.Shared.NextBytes(payload);
            await ClosedLoop.RunAsync("baseline warm-up", Math.Max(1, count / 10), concurrency, seq => Upsert(storage, $"warm-{seq}", payload));
            return await ClosedLoop.RunAsync("baseline upserts", count, concurrency, seq => Upsert(storage, $"row-{seq}", payload));
        }
        finally
        {
            await storage.ExecuteAsync($"DROP TABLE {Table}");
        }
    }

    private static async Task Upsert(BenchStorage storage, string id, byte[] payload)
    {
        await using var connection = await storage.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {Table} (id, payload) VALUES (@id, @payload) ON CONFLICT (id) DO UPDATE SET payload = excluded.payload";
        Add(command, "id", id);
        Add(command, "payload", payload);
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
