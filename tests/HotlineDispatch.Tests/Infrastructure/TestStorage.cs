using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Storage;

namespace HotlineDispatch.Tests.Infrastructure;

/// <summary>A fresh database of either kind, with the schema the silo would install.</summary>
public static class TestStorage
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static async Task<HotlineStorage> CreateAsync(string kind)
    {
        var storage = kind switch
        {
            Sqlite => new HotlineStorage(OrleansSchema.SqliteInvariant, SqliteConnectionStrings.ForDataDir(TempDirectory())),
            Postgres => new HotlineStorage(OrleansSchema.PostgresInvariant, await TestPostgres.CreateDatabaseAsync("grains")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        await OrleansSchema.EnsureAsync(storage.Invariant, storage.ConnectionString, CancellationToken.None);
        return storage;
    }

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "hotline-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
