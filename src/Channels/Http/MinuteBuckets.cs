using System.Threading.RateLimiting;

namespace HotlineDispatch.Channels.Http;

/// <summary>The hotline's one kind of limit: a token bucket of so many requests a minute per key, no queue; 0 turns it off.</summary>
public static class MinuteBuckets
{
    public static PartitionedRateLimiter<string> PerKey(int perMinute) =>
        PartitionedRateLimiter.Create<string, string>(key => Partition(key, perMinute));

    public static RateLimitPartition<string> Partition(string key, int perMinute) => perMinute <= 0
        ? RateLimitPartition.GetNoLimiter(key)
        : RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = perMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
