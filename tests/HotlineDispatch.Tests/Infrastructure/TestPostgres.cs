using Npgsql;

namespace HotlineDispatch.Tests.Infrastructure;

/// <summary>
/// The throw-away PostgreSQL server that <c>test.sh</c> starts. Each caller gets a database of its own,
/// empty, so schema creation is exercised every time.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "HOTLINE_TEST_POSTGRES";

    public static string Server => Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException(
            $"{Variable} is not set. Run the tests with ./test.sh, which installs and starts a throw-away PostgreSQL.");

    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(Server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(Server) { Database = name, Pooling = true }.ConnectionString;
    }
}
