using System.Net;
using System.Net.Http.Json;
using HotlineDispatch.Tests.Infrastructure;
using static HotlineDispatch.Tests.Routing.RoutingHttp;

namespace HotlineDispatch.Tests.Routing;

/// <summary>
/// The router learns from the people who correct it: dispatchers overriding its suggestion and
/// re-dispatching returned tickets become labelled examples, and after a retrain (no restart) a kind
/// of report it used to misroute goes to the right department, worded differently from the corrected ones.
/// </summary>
public abstract class CorrectionLoopTests(HotlineApiFactory api)
{
    // Things thrown from high windows (高空抛物) read like litter or a neighbours' quarrel, but since 2021
    // they are a public-security matter: a class of reports a hotline really does learn to reroute.
    private static readonly string[] Corrected =
    [
        "我们楼上有人往楼下扔垃圾袋，差点砸到楼下晒太阳的老人",
        "12楼有人从窗户往下扔酒瓶子，碎玻璃溅了一地",
        "高空抛物太吓人了，昨天一个花盆从楼上掉下来砸坏了车",
        "楼上住户经常从阳台往下倒剩饭剩菜扔烟头，楼下的雨棚都烧了个洞",
        "不知道哪家从高层扔了一袋装修垃圾下来，正好落在小孩玩的地方",
        "又有人从楼上扔东西，这次是一把剪刀，插在草地里",
    ];

    private static readonly string[] Unseen =
    [
        "有人从楼上往下丢砖头，楼下停的车玻璃被砸碎了",
        "每天都有人从楼上扔下矿泉水瓶和果皮，走在楼下提心吊胆",
        "刚才从楼上掉下来一个啤酒瓶，就落在我脚边，肯定是有人扔的",
    ];

    [Fact]
    public async Task Corrections_retrain_the_router_so_a_class_of_misroutes_goes_right()
    {
        var before = new List<string>();
        foreach (var text in Unseen)
        {
            before.Add((await Ok(await api.Analyze(text))).Department());
        }

        Assert.True(before.Count(d => d == "GAJ") <= 1, $"the base model already routes these to GAJ: {string.Join(",", before)}");

        var misrouted = 0;
        for (var i = 0; i < Corrected.Length; i++)
        {
            var ticket = await api.CreateTicket(Corrected[i], gridCell: $"G-{30 + i}", address: $"江滨路{i}号");
            var id = ticket.GetProperty("id").GetString()!;
            var suggested = ticket.GetProperty("suggestions")[0].GetProperty("code").GetString()!;
            misrouted += suggested == "GAJ" ? 0 : 1;
            if (i % 2 == 0 && suggested != "GAJ")
            {
                // Dispatched where the router said, returned as not theirs, then re-dispatched: a 退单 correction.
                var wrong = suggested;
                await Ok(await api.Step(TestUsers.Dispatcher, id, "dispatch", new { lead = wrong, co = Array.Empty<string>() }));
                await Ok(await api.ClientWithToken(TestUsers.AdminToken).PostAsJsonAsync(
                    $"/api/v1/tickets/{id}/return", new { department = wrong, reason = "高空抛物不属于本单位职责" }));
            }

            await Ok(await api.Step(TestUsers.Dispatcher, id, "dispatch", new { lead = "GAJ", co = Array.Empty<string>() }));
        }

        var admin = api.ClientWithToken(TestUsers.AdminToken);
        var corrections = (await Ok(await admin.GetAsync("/api/v1/routing/corrections"))).GetProperty("items").EnumerateArray().ToList();
        // A ticket the router already got right corrects nothing.
        Assert.True(misrouted >= 4, $"only {misrouted} of the reports were misrouted");
        Assert.Equal(misrouted, corrections.Count(c => c.GetProperty("department").GetString() == "GAJ"));
        Assert.Contains(corrections, c => c.GetProperty("kind").GetString() == "redispatch");
        Assert.Contains(corrections, c => c.GetProperty("kind").GetString() == "override");

        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Dispatcher).PostAsync("/api/v1/routing/retrain", null)).StatusCode);
        var generation = await Ok(await admin.PostAsync("/api/v1/routing/retrain", null));
        Assert.Equal(misrouted, generation.GetProperty("included").GetInt32());
        Assert.Equal(0, generation.GetProperty("pending").GetInt32());

        foreach (var text in Unseen)
        {
            Assert.Equal("GAJ", (await Ok(await api.Analyze(text))).Department());
        }

        Assert.Equal("RQGS", (await Ok(await api.Analyze("楼道里有煤气味，麻烦燃气公司来查一下"))).Department());
    }
}

public sealed class SqliteCorrectionLoopTests(SqliteCorrectionFactory api) : CorrectionLoopTests(api), IClassFixture<SqliteCorrectionFactory>;

public sealed class PostgresCorrectionLoopTests(PostgresCorrectionFactory api) : CorrectionLoopTests(api), IClassFixture<PostgresCorrectionFactory>;
