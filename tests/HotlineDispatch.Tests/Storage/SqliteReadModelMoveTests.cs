using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Storage;
using HotlineDispatch.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HotlineDispatch.Tests.Storage;

/// <summary>A data directory from before the read model had its own file keeps its read model on upgrade.</summary>
public sealed class SqliteReadModelMoveTests
{
    [Fact]
    public async Task Read_model_rows_in_the_grain_file_move_to_the_read_model_file_once()
    {
        var dataDir = TestStorage.TempDirectory();
        var grainFile = SqliteConnectionStrings.ForDataDir(dataDir, SqliteConnectionStrings.DatabaseFileName);
        await ExecuteAsync(grainFile, """
            CREATE TABLE hotline_alert (id TEXT NOT NULL PRIMARY KEY, kind TEXT NOT NULL, message TEXT NOT NULL, at BIGINT NOT NULL);
            INSERT INTO hotline_alert VALUES ('urgent-20261123-000001', 'urgent', '紧急工单', 1763856000000);
            """);
        var storage = HotlineStorage.Sqlite(dataDir);

        await storage.EnsureSchemaAsync(CancellationToken.None);
        await storage.EnsureSchemaAsync(CancellationToken.None);

        Assert.Equal(["urgent-20261123-000001|紧急工单"], await RowsAsync(storage.ReadModelConnectionString, "SELECT id || '|' || message FROM hotline_alert"));
        Assert.Empty(await RowsAsync(grainFile, "SELECT name FROM sqlite_master WHERE name LIKE 'hotline%'"));
        Assert.NotEmpty(await RowsAsync(grainFile, "SELECT name FROM sqlite_master WHERE name = 'orleans_storage'"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> RowsAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
