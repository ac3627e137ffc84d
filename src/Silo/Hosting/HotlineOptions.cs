namespace HotlineDispatch.Silo.Hosting;

/// <summary>The <c>Hotline</c> configuration section (docs/api.md, start-up and configuration).</summary>
public sealed class HotlineOptions
{
    public const string Section = "Hotline";

    public string DataDir { get; set; } = "./data";

    /// <summary><c>sqlite</c> (embedded, one silo) or <c>postgres</c> (a cluster).</summary>
    public string Storage { get; set; } = "sqlite";

    public ClusterSettings Cluster { get; set; } = new();

    public bool UsesPostgres => string.Equals(Storage, "postgres", StringComparison.OrdinalIgnoreCase);

    public sealed class ClusterSettings
    {
        public string ClusterId { get; set; } = "hotline";
        public string ServiceId { get; set; } = "hotline";
        public int SiloPort { get; set; } = 11111;
        public int GatewayPort { get; set; } = 30000;

        /// <summary>The address other silos reach this one at; loopback suits several silos on one host.</summary>
        public string AdvertisedAddress { get; set; } = "127.0.0.1";

        /// <summary>How often a silo stamps its row in the membership table as alive (Orleans' default: 30 s).</summary>
        public TimeSpan IAmAlivePeriod { get; set; } = TimeSpan.FromSeconds(3);

        /// <summary>Stamps a silo may miss before others treat its row as stale (Orleans' default: 3).</summary>
        public int MissedIAmAliveLimit { get; set; } = 2;

        /// <summary>Orleans' initial timeout of, and period between, the probes silos send each other (Orleans' default: 5 s).</summary>
        public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);
    }
}
