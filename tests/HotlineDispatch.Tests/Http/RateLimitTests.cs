using System.Net;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Http;

public sealed class RateLimitedApiFactory() : HotlineApiFactory(TestStorage.Sqlite, ("Hotline:RateLimit:PerMinute", "5"));

/// <summary>docs/api.md's 429: a user over the limit is told so, with Retry-After; another user is not affected.</summary>
public sealed class RateLimitTests(RateLimitedApiFactory api) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task A_user_over_the_limit_gets_429_with_retry_after_and_others_carry_on()
    {
        var leader = api.ClientFor(TestUsers.Leader);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await leader.GetAsync("/api/v1/departments")).StatusCode);
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        var limited = await leader.GetAsync("/api/v1/departments");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(limited.Headers.RetryAfter);

        Assert.Equal(HttpStatusCode.OK, (await api.ClientFor(TestUsers.Operator).GetAsync("/api/v1/departments")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_requests_from_one_address_do_not_use_up_the_channel_webhooks()
    {
        var anonymous = api.CreateClient();
        for (var i = 0; i < 7; i++)
        {
            await anonymous.GetAsync("/console/login");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync("/console/login")).StatusCode);
        // Not 429: the webhook's own bucket is untouched (Twilio is not configured here, so the route answers 404).
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await anonymous.PostAsync("/channels/twilio/sms", new FormUrlEncodedContent([]))).StatusCode);
    }
}
