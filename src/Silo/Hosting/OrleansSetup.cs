using System.Net;
using Microsoft.Extensions.Options;
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
        var liveness = Liveness(cluster);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.IAmAliveTablePublishTimeout = liveness.IAmAlivePeriod;
            o.NumMissedTableIAmAliveLimit = liveness.MissedIAmAliveLimit;
            o.ProbeTimeout = liveness.ProbeTimeout;
        });
        return silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
    }

    /// <summary>
    /// After a power cut every silo's row still says Active. A silo starting then stays Joining until it
    /// has reached every Active peer or seen it declared dead, and it only begins probing a peer (the
    /// evidence for declaring it dead) once that peer's row is stale: no alive-stamp for
    /// <c>IAmAlivePeriod × MissedIAmAliveLimit</c>. With Orleans' 30 s × 3 that alone was 60–90 s of the
    /// first silo's start; 3 s × 2 makes it 3–6 s, about what the process takes to reach that point anyway.
    /// What it trades: one small UPDATE per silo every 3 s instead of every 30 s, the silos' clocks must
    /// agree to well within 6 s, and a live silo whose database writes stall for over 6 s counts as stale,
    /// which only lets a joining silo probe it and lets fewer votes evict it, never without the
    /// missed probes that only a silo that does not answer produces.
    /// Three missed probes then declare the peer dead, after a power cut and equally when one silo of a
    /// running cluster dies; with two silos one vote is enough. Probing every 3 s instead of 5 s takes
    /// that from about 13 s to 8 s. What it trades: a silo that answers no probe for about 9 s (a stall
    /// of the whole process, not a slow request: Orleans lengthens the timeout up to four times for a
    /// peer that answers slowly, and holds back a vote while the connection still carries messages) is
    /// declared dead and stops itself, where Orleans' default tolerates about 15 s.
    /// </summary>
    private static HotlineOptions.ClusterSettings Liveness(HotlineOptions.ClusterSettings cluster) =>
        cluster.IAmAlivePeriod > TimeSpan.Zero && cluster.MissedIAmAliveLimit >= 1 && cluster.ProbeTimeout > TimeSpan.Zero
            ? cluster
            : throw new InvalidOperationException(
                "Hotline:Cluster:IAmAlivePeriod and Hotline:Cluster:ProbeTimeout must be positive durations, and Hotline:Cluster:MissedIAmAliveLimit at least 1.");

    /// <summary>
    /// Grain state and reminders in the deployment's database. State is stored in Orleans' own binary
    /// format rather than the provider's default Newtonsoft JSON: the intake bench found JSON
    /// serialization of the ticket state to be the largest single cost of a step (15 % of the silo's
    /// CPU), and the binary format is version-tolerant through the same [Id]s that already make the
    /// state a contract. On SQLite both providers' writes take turns through one <see cref="SqliteWriteGate"/>,
    /// and grain states and reminder rows are written in its group commits (<see cref="SqliteGroupCommit"/>).
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
        silo.Services.AddSingleton(services =>
            new SqliteGroupCommit(storage.ConnectionString, gate, services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        silo.Services.AddGrainStorage(StorageNames.Hotline, (services, name) => new SqliteGatedGrainStorage(
            AdoNetGrainStorageFactory.Create(services, name), gate, services.GetRequiredService<SqliteGroupCommit>(),
            services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(name).GrainStorageSerializer));
        // Orleans' AdoNet reminder table is internal, so it can only be decorated: the registration taken here
        // is the one UseAdoNetReminderService made at the top of this method, not whichever came last elsewhere.
        var reminders = silo.Services.Last(d => d.ServiceType == typeof(IReminderTable));
        silo.Services.Remove(reminders);
        silo.Services.AddSingleton<IReminderTable>(services => new SqliteGatedReminderTable(
            (IReminderTable)Create(reminders, services), gate, services.GetRequiredService<SqliteGroupCommit>()));
        return silo;
    }

    private static object Create(ServiceDescriptor descriptor, IServiceProvider services) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
