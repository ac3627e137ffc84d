using System.Net;
using Orleans.Configuration;
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
    /// state a contract.
    /// </summary>
    public static ISiloBuilder UseHotlineStorage(this ISiloBuilder silo, HotlineStorage storage)
    {
        silo.AddAdoNetGrainStorage(StorageNames.Hotline, options => options.Configure<IServiceProvider>((o, services) =>
        {
            o.Invariant = storage.Invariant;
            o.ConnectionString = storage.ConnectionString;
            o.GrainStorageSerializer = ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services);
        }));
        return silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = storage.Invariant;
            o.ConnectionString = storage.ConnectionString;
        });
    }
}
