using HotlineDispatch.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace HotlineDispatch.Tests.Infrastructure;

/// <summary>
/// An in-process Orleans test cluster on a real database, with the dispatcher's clock fake so
/// deadlines can be crossed in milliseconds. One per storage kind, shared by a test class.
/// </summary>
public abstract class ClusterFixture(string storageKind) : IAsyncLifetime
{
    // Monday 2026-11-23 09:00 in Beijing: the start of a working day.
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    public FakeTimeProvider Clock { get; } = new(Start);

    public HotlineStorage Storage { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IServiceProvider Services => Cluster.GetSiloServiceProvider();

    public async Task InitializeAsync()
    {
        Storage = await TestStorage.CreateAsync(storageKind);
        var configuration = new ConfigurationBuilder().Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddKeyedSingleton<TimeProvider>(HotlineTime.Key, Clock);
            host.Services.AddHotlineDomain(configuration, Storage);
        });
        builder.ConfigureSilo((_, silo) => silo.UseHotlineStorage(Storage));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

public sealed class SqliteClusterFixture() : ClusterFixture(TestStorage.Sqlite);

public sealed class PostgresClusterFixture() : ClusterFixture(TestStorage.Postgres);
