using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace HotlineDispatch.Silo.Hosting;

/// <summary>
/// The 429 of docs/api.md: each signed-in user (or, without a token, each client address) gets a token
/// bucket of <c>Hotline:RateLimit:PerMinute</c> requests (0 turns it off). Generous by default: it
/// stops a runaway script, not a busy operator. Each channel webhook has a bucket of its own: behind a
/// proxy every unauthenticated request comes from one address, and a 429 to Twilio loses the resident's message.
/// </summary>
public static class RateLimiting
{
    public const int DefaultPerMinute = 6000;

    public static IServiceCollection AddHotlineRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Hotline:RateLimit:PerMinute", DefaultPerMinute);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                }

                return new ValueTask(Problems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"At most {perMinute} requests a minute per user; wait and try again."));
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => perMinute <= 0
                ? RateLimitPartition.GetNoLimiter("off")
                : RateLimitPartition.GetTokenBucketLimiter(
                    Partition(http),
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = perMinute,
                        TokensPerPeriod = perMinute,
                        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
        });
    }

    private static string Partition(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            return "user:" + http.User.FindFirstValue(ClaimTypes.Name);
        }

        // /channels/twilio/sms → channel:twilio; each provider signs its requests, so none can spend another's bucket.
        var path = http.Request.Path;
        return path.StartsWithSegments("/channels", out var rest) && rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var provider, ..]
            ? "channel:" + provider
            : "ip:" + http.Connection.RemoteIpAddress;
    }
}
