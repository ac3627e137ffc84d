using System.Text;
using HotlineDispatch.Silo.Hosting;
using Microsoft.Data.Sqlite;

namespace HotlineDispatch.Tests.Privacy;

/// <summary>Reads every row of every table of both embedded databases, looking for a value anywhere in it.</summary>
public static class DatabaseTrace
{
    /// <summary>Where the needle is still found, as <c>file/table: row</c>; empty when nowhere.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(HotlineStorage storage, string needle)
    {
        var bytes = Encoding.UTF8.GetBytes(needle);
        var found = new List<string>();
        foreach (var connectionString in new[] { storage.ConnectionString, storage.ReadModelConnectionString }.Distinct())
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
            }

            Assert.Contains(tables, t => t is "orleans_storage" or "hotline_ticket");
            foreach (var table in tables)
            {
                await using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var hit = reader.IsDBNull(i) ? false : reader.GetValue(i) switch
                        {
                            string text => text.Contains(needle, StringComparison.Ordinal),
                            byte[] blob => blob.AsSpan().IndexOf(bytes) >= 0,
                            _ => false,
                        };
                        if (hit) found.Add($"{Path.GetFileName(connection.DataSource)}/{table}.{reader.GetName(i)}");
                    }
                }
            }
        }

        return found;
    }
}
