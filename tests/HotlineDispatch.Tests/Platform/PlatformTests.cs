using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;
using static HotlineDispatch.Tests.Routing.RoutingHttp;

namespace HotlineDispatch.Tests.Platform;

public static class PlatformSettings
{
    public const string Secret = "upper-platform-secret-for-tests";

    /// <summary>A silo's settings for a stand-in platform listening on <paramref name="port"/>.</summary>
    public static (string Key, string Value)[] ForSilo(int port) =>
    [
        ("Hotline:Platform:Secret", Secret),
        ("Hotline:Platform:CallbackUrl", $"http://127.0.0.1:{port}{StandInPlatform.CallbackPath}"),
        ("Hotline:Outbox:RetryBase", "00:00:00.2"),
        ("Hotline:Outbox:LongestBackOff", "00:00:01"),
        ("Hotline:Outbox:MaxAttempts", "1000"),
    ];

    public static object Push(string upstreamId, DateTimeOffset? signBy = null, DateTimeOffset? replyBy = null) => new
    {
        upstreamId,
        content = "滨河路桥下污水外溢，气味很大",
        address = "滨河路桥下",
        type = "complaint",
        caller = new { name = "李四", phone = "13700001111" },
        signBy,
        replyBy,
        attachments = new[] { "https://upstream.example.cn/files/1.jpg" },
    };

    /// <summary>Waits until the stand-in has the callbacks a test expects, then a little longer for any that should not come.</summary>
    public static async Task<List<StandInPlatform.Callback>> CallbacksFor(StandInPlatform platform, string ticketId, int expected)
    {
        for (var attempt = 0; attempt < 300 && platform.Callbacks.Count(c => c.TicketId == ticketId) < expected; attempt++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        return platform.Callbacks.Where(c => c.TicketId == ticketId).ToList();
    }
}

/// <summary>A silo told of a stand-in platform on a port of its own, so the classes of both databases can run at once.</summary>
public abstract class PlatformApiFactory(string storage, int standInPort) : HotlineApiFactory(storage, PlatformSettings.ForSilo(standInPort))
{
    public int StandInPort => standInPort;
}

public sealed class SqlitePlatformApiFactory() : PlatformApiFactory(TestStorage.Sqlite, FreePorts.Next());

public sealed class PostgresPlatformApiFactory() : PlatformApiFactory(TestStorage.Postgres, FreePorts.Next());

/// <summary>
/// The upper platform's protocol through the real HTTP surface against a stand-in platform: signed pushes, their
/// refusals, the stricter deadline, and the callbacks reported back up exactly once.
/// </summary>
public abstract class PlatformTests(PlatformApiFactory api) : IAsyncLifetime
{
    private readonly StandInPlatform _platform = new(api.StandInPort, PlatformSettings.Secret);

    private HttpClient Admin => api.ClientWithToken(TestUsers.AdminToken);

    public Task InitializeAsync() => _platform.StartAsync();

    public Task DisposeAsync() => _platform.StopAsync();

    private Task<HttpResponseMessage> Send(HttpRequestMessage request) => api.CreateClient().SendAsync(request);

    private static string NewUpstreamId() => $"SZ12345-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_signed_push_becomes_one_ticket_of_channel_platform_even_when_repeated()
    {
        var upstreamId = NewUpstreamId();
        var first = await Send(_platform.Push(PlatformSettings.Push(upstreamId), DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var ticket = await Ok(first);
        Assert.Equal((upstreamId, "platform", "accepted"),
            (ticket.GetProperty("upstreamId").GetString(), ticket.GetProperty("channel").GetString(), ticket.GetProperty("state").GetString()));

        var again = await Send(_platform.Push(PlatformSettings.Push(upstreamId), DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(ticket.GetProperty("id").GetString(), (await Ok(again)).GetProperty("id").GetString());

        var byChannel = await Ok(await Admin.GetAsync("/api/v1/stats?by=channel"));
        Assert.Contains(byChannel.GetProperty("rows").EnumerateArray(), r => r.GetProperty("key").GetString() == "platform");
    }

    [Fact]
    public async Task Forged_stale_and_replayed_pushes_change_nothing()
    {
        var upstreamId = NewUpstreamId();
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(_platform.Push(PlatformSettings.Push(upstreamId), now, key: "not-the-secret"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(_platform.Push(PlatformSettings.Push(upstreamId), now.AddMinutes(-6)))).StatusCode);

        // Neither made a ticket: the first authentic push is the one that creates it.
        Assert.Equal(HttpStatusCode.Created, (await Send(_platform.Push(PlatformSettings.Push(upstreamId), now))).StatusCode);
        var replay = await Send(_platform.Push(PlatformSettings.Push(upstreamId), now));
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
    }

    [Fact]
    public async Task The_stricter_of_the_upstream_and_local_deadlines_applies()
    {
        var signBy = DateTimeOffset.UtcNow.AddMinutes(30);
        var replyBy = DateTimeOffset.UtcNow.AddHours(20);
        var id = (await Ok(await Send(_platform.Push(PlatformSettings.Push(NewUpstreamId(), signBy, replyBy), DateTimeOffset.UtcNow))))
            .GetProperty("id").GetString()!;

        var dispatched = await Ok(await Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/dispatch", new { lead = "SWJ" }));

        Assert.Equal(signBy.ToUnixTimeSeconds(), dispatched.GetProperty("signBy").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(replyBy.ToUnixTimeSeconds(), dispatched.GetProperty("replyBy").GetDateTimeOffset().ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Sign_reply_and_survey_each_reach_the_platform_once_signed_and_a_return_is_a_request_up()
    {
        var upstreamId = NewUpstreamId();
        var id = (await Ok(await Send(_platform.Push(PlatformSettings.Push(upstreamId), DateTimeOffset.UtcNow)))).GetProperty("id").GetString()!;
        await Ok(await Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/dispatch", new { lead = "CGJ" }));
        await Ok(await api.Step(TestUsers.Cgj, id, "sign", new { department = "CGJ" }));
        await Ok(await api.Step(TestUsers.Cgj, id, "extension", new { department = "CGJ", extra = "1.00:00:00", reason = "需协调管网单位" }));
        await Ok(await api.Step(TestUsers.Cgj, id, "reply", new { department = "CGJ", result = "已疏通管道，污水不再外溢" }));
        await Ok(await Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/survey", new { rating = "satisfied" }));
        await Ok(await Admin.PostAsync($"/api/v1/tickets/{id}/close", null));

        var callbacks = await PlatformSettings.CallbacksFor(_platform, id, 5);
        Assert.Equal(["closed", "extensionRequested", "replied", "signed", "surveyed"], callbacks.Select(c => c.Event).Order(StringComparer.Ordinal));
        Assert.All(callbacks, c => Assert.True(c.Signed));
        Assert.All(callbacks, c => Assert.Equal(upstreamId, c.Body.GetProperty("upstreamId").GetString()));
        Assert.Equal("已疏通管道，污水不再外溢", callbacks.Single(c => c.Event == "replied").Body.GetProperty("result").GetString());
        Assert.Equal("satisfied", callbacks.Single(c => c.Event == "surveyed").Body.GetProperty("rating").GetString());
        var outbox = await Ok(await Admin.GetAsync($"/api/v1/outbox?ticket={id}"));
        Assert.Equal(5, outbox.GetProperty("items").EnumerateArray().Count(r => r.GetProperty("replyTo").GetString() == $"platform:{upstreamId}"));

        var returned = (await Ok(await Send(_platform.Push(PlatformSettings.Push(NewUpstreamId()), DateTimeOffset.UtcNow)))).GetProperty("id").GetString()!;
        await Ok(await Admin.PostAsJsonAsync($"/api/v1/tickets/{returned}/dispatch", new { lead = "CGJ" }));
        var stays = await Ok(await api.Step(TestUsers.Cgj, returned, "return", new { department = "CGJ", reason = "污水管网属水务" }));
        Assert.Equal(("dispatched", "return"), (stays.GetProperty("state").GetString(), stays.GetProperty("disputes")[0].GetProperty("kind").GetString()));
        Assert.Equal("returnRequested", Assert.Single(await PlatformSettings.CallbacksFor(_platform, returned, 1)).Event);
    }
}

public sealed class SqlitePlatformTests(SqlitePlatformApiFactory api) : PlatformTests(api), IClassFixture<SqlitePlatformApiFactory>;

public sealed class PostgresPlatformTests(PostgresPlatformApiFactory api) : PlatformTests(api), IClassFixture<PostgresPlatformApiFactory>;
