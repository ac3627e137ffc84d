using System.Data.Common;
using System.Text;
using HotlineDispatch.Silo.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HotlineDispatch.Tests.Privacy;

/// <summary>Reads every row of every table of the deployment's databases (both files of the embedded one), looking for a value anywhere in it.</summary>
public static class DatabaseTrace
{
    /// <summary>Where the needle is still found, as <c>database/table.column</c>; empty when nowhere.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(HotlineStorage storage, string needle)
    {
        var bytes = Encoding.UTF8.GetBytes(needle);
        var found = new List<string>();
        var searched = new List<string>();
        foreach (var connectionString in new[] { storage.ConnectionString, storage.ReadModelConnectionString }.Distinct())
        {
            await using DbConnection connection = storage.IsPostgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = storage.IsPostgres
                    ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                    : "SELECT name FROM sqlite_master WHERE type = 'table'";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
            }

            searched.AddRange(tables);
            foreach (var table in tables)
            {
                await using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var hit = !reader.IsDBNull(i) && reader.GetValue(i) switch
                        {
                            string text => text.Contains(needle, StringComparison.Ordinal),
                            byte[] blob => blob.AsSpan().IndexOf(bytes) >= 0,
                            _ => false,
                        };
                        if (hit) found.Add($"{connection.Database}/{table}.{reader.GetName(i)}");
                    }
                }
            }
        }

        Assert.Subset(searched.ToHashSet(), new HashSet<string> { "orleans_storage", "hotline_ticket", "hotline_outbox" });
        return found;
    }
}
