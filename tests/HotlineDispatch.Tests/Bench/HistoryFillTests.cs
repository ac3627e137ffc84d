using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HotlineDispatch.Bench.Hosting;
using HotlineDispatch.Bench.Scenarios;
using HotlineDispatch.Silo.Storage;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Bench;

/// <summary>
/// The history's fill is a bulk path tuned for speed; what it writes must not move with the tuning. Each table's
/// rows, in a fixed order, are hashed and held to the digests of the row-at-a-time fill it replaced (d2b1f1d's
/// <c>HistoryFill</c>, 2,000 tickets, seed 12345, the same clock). A change to what a ticket's rows hold (a new
/// summary field, say) changes these on purpose: fill with the previous build and the new one and compare.
/// </summary>
public sealed class HistoryFillTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    private static readonly string[] Tables =
    [
        "hotline_ticket", "hotline_ticket_find", "hotline_ticket_department", "hotline_ticket_grams", "hotline_measure",
        "hotline_assessment_case", "hotline_alert", "hotline_incident", "hotline_incident_ticket",
    ];

    /// <summary>Row count and the first bytes of the SHA-256 of the rows; both engines order the shared tables alike.</summary>
    private static readonly Dictionary<string, string> Shared = new()
    {
        ["hotline_alert"] = "58 5ca0cbdbb9386b5b",
        ["hotline_assessment_case"] = "1989 b8b7ce666cbe839a",
        ["hotline_incident"] = "63 ea26d8f8de8f642d",
        ["hotline_incident_ticket"] = "41 eb89e73485d7dbb2",
        ["hotline_measure"] = "80974 c89849a2c68c7615",
        ["hotline_ticket"] = "2000 d2690406fb74c255",
        ["hotline_ticket_department"] = "1947 e892d1f18a9df89a",
        ["hotline_ticket_find"] = "2000 de376c357fe8d41b",
    };

    private static readonly Dictionary<string, string> Sqlite = new(Shared)
    {
        ["hotline_ticket_grams"] = "86313 1026200db00454cc",
        ["hotline_ticket_text"] = "2000 2bbae14dcece9220",
    };

    private static readonly Dictionary<string, string> Postgres = new(Shared)
    {
        ["hotline_ticket_grams"] = "2000 69ec9299a82ad8a9",
    };

    [Fact]
    public Task On_sqlite_the_fill_writes_the_rows_of_the_row_at_a_time_fill() => AssertDigestsAsync("sqlite", null, Sqlite);

    [Fact]
    public Task On_postgres_the_fill_writes_the_rows_of_the_row_at_a_time_fill() => AssertDigestsAsync("postgres", TestPostgres.Server, Postgres);

    private static async Task AssertDigestsAsync(string kind, string? server, Dictionary<string, string> expected)
    {
        var workDir = Directory.CreateTempSubdirectory("history-fill.").FullName;
        try
        {
            await using var storage = await BenchStorage.CreateAsync(kind, server, workDir);
            var postgres = kind == "postgres";
            if (!postgres)
            {
                Directory.CreateDirectory(storage.SiloSettings["Hotline:DataDir"]);
            }

            await OrleansSchema.EnsureAsync(postgres ? OrleansSchema.PostgresInvariant : OrleansSchema.SqliteInvariant,
                storage.ConnectionString, storage.ReadModelConnectionString, CancellationToken.None);
            await using var connection = await storage.OpenReadModelAsync();
            var indexes = postgres
                ? "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1"
                : "SELECT sql FROM sqlite_master WHERE type = 'index' ORDER BY name";
            var schemaIndexes = await DigestAsync(connection, indexes, prepare: null);
            await new HistoryFill(2_000, seed: 12345).FillAsync(connection, postgres, Now, new Progress<int>());

            // The indexes dropped for the load are all back, and SQLite's file is in WAL again.
            Assert.Equal(schemaIndexes, await DigestAsync(connection, indexes, prepare: null));
            if (!postgres)
            {
                await using var mode = connection.CreateCommand();
                mode.CommandText = "PRAGMA journal_mode";
                Assert.Equal("wal", await mode.ExecuteScalarAsync());
            }

            var actual = new Dictionary<string, string>();
            foreach (var table in postgres ? Tables : [.. Tables, "hotline_ticket_text"])
            {
                // The contentless FTS5 table keeps no text to select; its vocabulary holds which pairs each rowid has.
                actual[table] = await DigestAsync(connection, !postgres && table == "hotline_ticket_grams"
                    ? "SELECT term, doc FROM temp.grams_vocab ORDER BY 1, 2"
                    : $"SELECT * FROM {table} ORDER BY {string.Join(", ", Enumerable.Range(1, await ColumnsAsync(connection, table)))}",
                    prepare: !postgres && table == "hotline_ticket_grams"
                        ? "CREATE VIRTUAL TABLE IF NOT EXISTS temp.grams_vocab USING fts5vocab(main, hotline_ticket_grams, instance)"
                        : null);
            }

            Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
        }
    }

    private static async Task<int> ColumnsAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} WHERE 1 = 0";
        await using var reader = await command.ExecuteReaderAsync();
        return reader.FieldCount;
    }

    private static async Task<string> DigestAsync(DbConnection connection, string sql, string? prepare)
    {
        if (prepare is not null)
        {
            await using var create = connection.CreateCommand();
            create.CommandText = prepare;
            await create.ExecuteNonQueryAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var rows = 0;
        while (await reader.ReadAsync())
        {
            var line = new StringBuilder();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                line.Append(reader.GetValue(i) switch
                {
                    DBNull => "\\N",
                    string[] words => string.Join(',', words),
                    var value => Convert.ToString(value, CultureInfo.InvariantCulture),
                }).Append('\t');
            }

            hash.AppendData(Encoding.UTF8.GetBytes(line.Append('\n').ToString()));
            rows++;
        }

        return $"{rows} {Convert.ToHexStringLower(hash.GetHashAndReset())[..16]}";
    }
}
