using HotlineDispatch.Tests.Infrastructure;
using static HotlineDispatch.Tests.Routing.RoutingHttp;

namespace HotlineDispatch.Tests.Routing;

/// <summary>Above <c>Hotline:Routing:AutoDispatchAbove</c> intake dispatches by itself, and says so in the history.</summary>
public abstract class AutoDispatchTests(HotlineApiFactory api)
{
    [Fact]
    public async Task A_confident_suggestion_is_dispatched_by_the_router_with_its_confidence_in_the_history()
    {
        await api.RouterReady();
        var ticket = await api.CreateTicket("我们家这个月的燃气费怎么比上个月多了三倍，燃气表是不是坏了，能不能来校验一下");

        Assert.Equal("dispatched", ticket.GetProperty("state").GetString());
        Assert.Equal("RQGS", ticket.GetProperty("lead").GetString());
        var dispatch = ticket.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "dispatch");
        Assert.Equal("router", dispatch.GetProperty("actor").GetString());
        Assert.Matches(@"^auto-dispatched to RQGS: confidence (0\.\d\d|1\.00) ≥ 0\.50$", dispatch.GetProperty("note").GetString());
    }

    [Fact]
    public async Task An_auto_dispatch_is_not_a_correction()
    {
        await api.RouterReady();
        await api.CreateTicket("小区门口公交站的站牌被车撞歪了，站名都看不清");

        var corrections = await Ok(await api.ClientWithToken(TestUsers.AdminToken).GetAsync("/api/v1/routing/corrections"));
        Assert.Equal(0, corrections.GetProperty("items").GetArrayLength());
    }
}

public sealed class SqliteAutoDispatchTests(SqliteAutoDispatchFactory api) : AutoDispatchTests(api), IClassFixture<SqliteAutoDispatchFactory>;

public sealed class PostgresAutoDispatchTests(PostgresAutoDispatchFactory api) : AutoDispatchTests(api), IClassFixture<PostgresAutoDispatchFactory>;
