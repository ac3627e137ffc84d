using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Channels.Http;

/// <summary>
/// Each channel's request budget a minute. Only a request whose signature was verified spends from it, so
/// unsigned posts cannot use up the budget of the provider's real webhooks and starve residents' messages;
/// the channel is named by the code, never taken from the path, so <c>/channels/TWILIO/…</c> has no bucket of its own.
/// </summary>
public sealed class WebhookBudget(int perMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = MinuteBuckets.PerKey(perMinute);

    /// <summary>Spends one request of the channel's budget; null when there was one, else the 429 to answer.</summary>
    public ProblemHttpResult? Spend(string channel, HttpContext http)
    {
        using var lease = _limiter.AttemptAcquire(channel);
        if (lease.IsAcquired)
        {
            return null;
        }

        http.Response.Headers.RetryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "60";
        return TypedResults.Problem($"At most {perMinute} {channel} webhooks a minute; wait and try again.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
    }

    public void Dispose() => _limiter.Dispose();
}
