using System.Security.Claims;
using System.Threading.RateLimiting;
using HotlineDispatch.Channels.Http;
using HotlineDispatch.Silo.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace HotlineDispatch.Silo.Hosting;

/// <summary>
/// The 429 of docs/api.md: each signed-in user (or, without a token, each client address) gets a token
/// bucket of <c>Hotline:RateLimit:PerMinute</c> requests (0 turns it off). Generous by default: it
/// stops a runaway script, not a busy operator. The channel webhooks are left to <see cref="WebhookBudget"/>,
/// which each webhook spends from only once its signature is verified: behind a proxy every unauthenticated
/// request comes from one address, and a 429 to Twilio loses the resident's message. Failed sign-ins are
/// counted apart, per address (<see cref="FailedSignIns"/>).
/// </summary>
public static class RateLimiting
{
    public const int DefaultPerMinute = 6000;

    public static IServiceCollection AddHotlineRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Hotline:RateLimit:PerMinute", DefaultPerMinute);
        services.AddSingleton(new WebhookBudget(perMinute));
        services.AddSingleton(new FailedSignIns(configuration.GetValue("Hotline:RateLimit:FailedSignInsPerMinute", FailedSignIns.DefaultPerMinute)));
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
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => IsWebhook(http)
                ? RateLimitPartition.GetNoLimiter("off")
                : MinuteBuckets.Partition(Partition(http), perMinute));
        });
    }

    private static bool IsWebhook(HttpContext http) => http.Request.Path.StartsWithSegments("/channels", StringComparison.OrdinalIgnoreCase);

    private static string Partition(HttpContext http) => http.User.Identity?.IsAuthenticated == true
        ? "user:" + http.User.FindFirstValue(ClaimTypes.Name)
        : "ip:" + http.Connection.RemoteIpAddress;
}
