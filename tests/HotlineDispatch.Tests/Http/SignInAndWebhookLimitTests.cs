using System.Net;
using HotlineDispatch.Tests.Channels;
using HotlineDispatch.Tests.Infrastructure;
using static HotlineDispatch.Tests.Channels.TwilioTesting;

namespace HotlineDispatch.Tests.Http;

public sealed class RateLimitedTwilioApiFactory() : TwilioApiFactory(TestStorage.Sqlite, ("Hotline:RateLimit:PerMinute", "5"));

public sealed class FailedSignInsApiFactory() : HotlineApiFactory(TestStorage.Sqlite, ("Hotline:RateLimit:FailedSignInsPerMinute", "3"));

/// <summary>Unsigned webhooks cannot spend a provider's budget, whatever the path's case; signed ones share one budget.</summary>
public sealed class WebhookLimitTests(RateLimitedTwilioApiFactory api) : IClassFixture<RateLimitedTwilioApiFactory>
{
    [Fact]
    public async Task Unsigned_posts_do_not_starve_a_residents_signed_sms()
    {
        var client = api.CreateClient();
        foreach (var path in Enumerable.Repeat("/channels/twilio/sms", 6).Append("/channels/TWILIO/sms"))
        {
            var unsigned = await PostAsync(client, path, Sms(MessageSid(), Phone(), "伪造"), signature: "forged");
            Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        }

        // The bucket refills continuously (5 a minute, one each 12 s), so a slow machine may fit one more in; the
        // unsigned posts spent nothing if the first five pass, and every spelling of the path spends from one bucket.
        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "/channels/twilio/sms", "/channels/TWILIO/sms", "/channels/Twilio/sms" }.SelectMany(p => Enumerable.Repeat(p, 4)))
        {
            statuses.Add((await PostAsync(client, path, Sms(MessageSid(), Phone(), "春晖路3号门口的路灯坏了"))).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5), statuses.Take(5));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}

/// <summary>Guessing tokens: failed sign-ins are limited per address, by bearer token and at the console alike.</summary>
public sealed class FailedSignInTests(FailedSignInsApiFactory api) : IClassFixture<FailedSignInsApiFactory>
{
    [Fact]
    public async Task An_address_that_keeps_failing_is_refused_before_its_tokens_are_looked_at()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.ClientWithToken($"guess-{i}").GetAsync("/api/v1/departments")).StatusCode);
        }

        var limited = await api.ClientWithToken("guess-3").GetAsync("/api/v1/departments");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.ClientFor(TestUsers.Operator).GetAsync("/api/v1/departments")).StatusCode);

        var login = await api.CreateClient().PostAsync("/console/login", new FormUrlEncodedContent([KeyValuePair.Create("token", TestUsers.Operator.Token)]));
        Assert.Equal(HttpStatusCode.TooManyRequests, login.StatusCode);
    }
}
