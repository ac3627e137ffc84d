using System.Collections.Concurrent;
using HotlineDispatch.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace HotlineDispatch.Tests.Infrastructure;

/// <summary>
/// An in-process Orleans test cluster on a real database, with the dispatcher's clock fake so
/// deadlines can be crossed in milliseconds, and chosen grain calls lost as a network would lose them.
/// One per storage kind, shared by a test class.
/// </summary>
public abstract class ClusterFixture(string storageKind) : IAsyncLifetime
{
    // Monday 2026-11-23 09:00 in Beijing: the start of a working day.
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly ConcurrentDictionary<(GrainId Grain, string Method), int> _lost = new();

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
        builder.ConfigureSilo((_, silo) => silo.UseHotlineStorage(Storage).AddIncomingGrainCallFilter(LoseOrInvoke));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>From now on, calls of <paramref name="method"/> on <paramref name="grain"/> fail as a lost message does.</summary>
    public void Lose(IAddressable grain, string method) => _lost[(grain.GetGrainId(), method)] = 0;

    /// <summary>How many calls of <paramref name="method"/> on <paramref name="grain"/> were lost since <see cref="Lose"/>.</summary>
    public int Lost(IAddressable grain, string method) => _lost.GetValueOrDefault((grain.GetGrainId(), method));

    /// <summary>Calls of <paramref name="method"/> on <paramref name="grain"/> get through again.</summary>
    public void Deliver(IAddressable grain, string method) => _lost.TryRemove((grain.GetGrainId(), method), out _);

    private Task LoseOrInvoke(IIncomingGrainCallContext call)
    {
        var key = (call.TargetId, call.MethodName);
        while (_lost.TryGetValue(key, out var lost))
        {
            if (_lost.TryUpdate(key, lost + 1, lost))
            {
                throw new TimeoutException($"{call.MethodName} to {call.TargetId} was lost (a test fault).");
            }
        }

        return call.Invoke();
    }
}

public sealed class SqliteClusterFixture() : ClusterFixture(TestStorage.Sqlite);

public sealed class PostgresClusterFixture() : ClusterFixture(TestStorage.Postgres);
