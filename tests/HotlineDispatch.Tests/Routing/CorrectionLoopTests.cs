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
    // Drones over homes, crowds and no-fly zones read like a matter of wherever they are seen (a school, a park,
    // a hospital), but flights at low altitude are policed by public security: a class of reports a hotline
    // really does learn to reroute. (高空抛物 served here until the larger corpus taught the base model it.)
    private static readonly string[] Corrected =
    [
        "机场附近有人放无人机，听说这里是禁飞区，太危险了",
        "有架航拍无人机老在我家阳台外面悬停，不知道在拍什么",
        "学校操场上空经常有无人机盘旋，家长们都很担心孩子隐私",
        "公园湖面上有人飞无人机，吓得水鸟乱飞",
        "小区楼顶有人天天放无人机，起飞降落都在楼顶平台上",
        "医院住院楼旁边有人飞无人机，病人都在窗口看",
    ];

    private static readonly string[] Unseen =
    [
        "对面楼的人用无人机拍我们家，窗帘不拉都不敢",
        "体育馆演唱会时有好几架无人机在观众上面飞",
        "江边绿道上有人放无人机，飞得很低，差点撞到骑车的人",
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
                    $"/api/v1/tickets/{id}/return", new { department = wrong, reason = "无人机飞行不属于本单位职责" }));
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
