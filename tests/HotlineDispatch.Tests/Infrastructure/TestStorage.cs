using HotlineDispatch.Silo.Hosting;

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
            Sqlite => HotlineStorage.Sqlite(TempDirectory()),
            Postgres => HotlineStorage.Postgres(await TestPostgres.CreateDatabaseAsync("grains")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        await storage.EnsureSchemaAsync(CancellationToken.None);
        return storage;
    }

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "hotline-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
