using System.Net;
using Orleans.Configuration;
using HotlineDispatch.Silo.Storage;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace HotlineDispatch.Silo.Hosting;

public static class OrleansSetup
{
    /// <summary>Membership in PostgreSQL for a cluster, or localhost clustering for the single embedded silo.</summary>
    public static ISiloBuilder UseHotlineClustering(this ISiloBuilder silo, HotlineOptions options, HotlineStorage storage)
    {
        var cluster = options.Cluster;
        if (!storage.IsPostgres)
        {
            // The only silo owns the whole directory, so a cache of it would hold a second entry for
            // every activation (about 150 bytes a grain) and save no lookup.
            silo.Configure<GrainDirectoryOptions>(o => o.CachingStrategy = GrainDirectoryOptions.CachingStrategyType.None);
            return silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, null, cluster.ServiceId, cluster.ClusterId);
        }

        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = storage.Invariant;
            o.ConnectionString = storage.ConnectionString;
        });
        silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
        return silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
    }

    /// <summary>
    /// Grain state and reminders in the deployment's database. State is stored in Orleans' own binary
    /// format rather than the provider's default Newtonsoft JSON: the intake bench found JSON
    /// serialization of the ticket state to be the largest single cost of a step (15 % of the silo's
    /// CPU), and the binary format is version-tolerant through the same [Id]s that already make the
    /// state a contract. On SQLite both providers' writes take turns through one <see cref="SqliteWriteGate"/>.
    /// </summary>
    public static ISiloBuilder UseHotlineStorage(this ISiloBuilder silo, HotlineStorage storage)
    {
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(StorageNames.Hotline).Configure<IServiceProvider>((o, services) =>
        {
            o.Invariant = storage.Invariant;
            o.ConnectionString = storage.ConnectionString;
            o.GrainStorageSerializer = ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services);
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = storage.Invariant;
            o.ConnectionString = storage.ConnectionString;
        });
        if (storage.IsPostgres)
        {
            silo.Services.AddGrainStorage(StorageNames.Hotline, AdoNetGrainStorageFactory.Create);
            return silo;
        }

        var gate = new SqliteWriteGate();
        silo.Services.AddSingleton(gate);
        silo.Services.AddGrainStorage(StorageNames.Hotline, (services, name) =>
            new SqliteGatedGrainStorage(AdoNetGrainStorageFactory.Create(services, name), gate));
        // Orleans' AdoNet reminder table is internal, so it can only be decorated: the registration taken here
        // is the one UseAdoNetReminderService made at the top of this method, not whichever came last elsewhere.
        var reminders = silo.Services.Last(d => d.ServiceType == typeof(IReminderTable));
        silo.Services.Remove(reminders);
        silo.Services.AddSingleton<IReminderTable>(services => new SqliteGatedReminderTable((IReminderTable)Create(reminders, services), gate));
        return silo;
    }

    private static object Create(ServiceDescriptor descriptor, IServiceProvider services) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
