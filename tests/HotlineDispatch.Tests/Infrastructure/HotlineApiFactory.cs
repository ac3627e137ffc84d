using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineDispatch.Tests.Infrastructure;

/// <summary>
/// The whole program in-process (Orleans silo and HTTP API) on a fresh database of one kind, with the
/// test users configured. Shared by a test class.
/// </summary>
public abstract class HotlineApiFactory(string storageKind, params (string Key, string Value)[] extraSettings)
    : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings = new();

    public async Task InitializeAsync()
    {
        _settings["Hotline:DataDir"] = TestStorage.TempDirectory();
        _settings["Hotline:Storage"] = storageKind;
        _settings["Hotline:Cluster:SiloPort"] = FreePorts.Next().ToString();
        _settings["Hotline:Cluster:GatewayPort"] = FreePorts.Next().ToString();
        if (storageKind == TestStorage.Postgres)
        {
            _settings["ConnectionStrings:Hotline"] = await TestPostgres.CreateDatabaseAsync("api");
        }

        foreach (var (key, value) in TestUsers.Settings().Concat(extraSettings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))))
        {
            _settings[key] = value;
        }

        // Starts the host now, so the first test does not pay for it inside its own timing.
        using var client = CreateClient();
        for (var attempt = 0; attempt < 100 && !(await client.GetAsync("/health")).IsSuccessStatusCode; attempt++)
        {
            await Task.Delay(100);
        }
    }

    public HttpClient ClientFor(TestUser user) => ClientWithToken(user.Token);

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

public sealed class SqliteApiFactory() : HotlineApiFactory(TestStorage.Sqlite);

public sealed class PostgresApiFactory() : HotlineApiFactory(TestStorage.Postgres);
