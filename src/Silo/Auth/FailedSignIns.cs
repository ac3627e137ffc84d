using System.Threading.RateLimiting;
using HotlineDispatch.Channels.Http;

namespace HotlineDispatch.Silo.Auth;

/// <summary>
/// Failed sign-ins (an unknown bearer token, a wrong console token) per client address a minute. Once an
/// address has used them up, its next attempts are refused before the token is even looked at, right or
/// wrong, so guessing gains nothing from answers; a successful sign-in costs nothing.
/// </summary>
public sealed class FailedSignIns(int perMinute) : IDisposable
{
    public const int DefaultPerMinute = 30;

    private readonly PartitionedRateLimiter<string> _limiter = MinuteBuckets.PerKey(perMinute);

    public string Refusal => $"More than {perMinute} failed sign-ins a minute from this address; wait a minute and try again.";

    public bool Blocked(HttpContext http) => _limiter.GetStatistics(Address(http))?.CurrentAvailablePermits <= 0;

    public void Failed(HttpContext http) => _limiter.AttemptAcquire(Address(http)).Dispose();

    public void Dispose() => _limiter.Dispose();

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "";
}
