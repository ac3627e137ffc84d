using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HotlineDispatch.Channels.Http;
using HotlineDispatch.Tests.Channels;
using HotlineDispatch.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HotlineDispatch.Tests.Console;

/// <summary>
/// The console in real headless Chromium (Debian's <c>/usr/bin/chromium</c>, which test.sh installs),
/// against the dispatcher as its own process: an operator logs a call, the grid worker sees it among the
/// cell's open tickets and dismisses a chat message that is no request, the department finds the call in its
/// queue, signs and replies, and the leader's dashboard shows the numbers move; the operator sees what
/// a call may duplicate and calls back a missed call, and the leader sees the surge; a supervisor acknowledges
/// an urgent ticket's alert that the leader may only read, and a page fetches only the alerts it lists.
/// Screenshots of each page are kept under tests/HotlineDispatch.Tests/TestResults/console/.
/// </summary>
public sealed class ConsoleBrowserTests : ConsoleBrowserBase
{
    /// <summary>Posts a chat-group message as the group bridge does, into a group of <paramref name="cell"/>.</summary>
    private async Task PostToGroup(string cell, string messageId, string text)
    {
        using var admin = Silo.Client(TestUsers.AdminToken);
        (await admin.PutAsJsonAsync($"/api/v1/groups/grp-{cell}", new { name = "春晖社区网格群", gridCell = cell })).EnsureSuccessStatusCode();
        var body = JsonSerializer.SerializeToUtf8Bytes(new { messageId, groupName = "春晖社区网格群", senderId = "wxid_1", senderName = "老杨", text, sentAt = DateTimeOffset.UtcNow });
        using var bridge = new HttpClient { BaseAddress = Silo.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/channels/groups/grp-{cell}/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        request.Headers.Add("X-Hotline-Timestamp", timestamp);
        request.Headers.Add("X-Hotline-Signature", HotlineSignature.Compute(ChannelsApiFactory.BridgeSecret, timestamp, "POST", $"/channels/groups/grp-{cell}/messages", body));
        (await bridge.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private static async Task<int> Number(IPage page, string selector) =>
        int.Parse(await page.Locator(selector).InnerTextAsync());

    [Fact]
    public async Task An_operator_logs_a_call_the_department_replies_and_the_leader_sees_the_numbers_change()
    {
        var leader = await SignIn(TestUsers.Leader, "leader");
        await Assertions.Expect(leader.Locator("#kpi-accepted")).ToHaveTextAsync(new Regex(@"^\d+$"));
        var acceptedBefore = await Number(leader, "#kpi-accepted");
        var repliedBefore = await Number(leader, "#kpi-replied");
        await Shot(leader, "1-leader-before");

        var operatorPage = await SignIn(TestUsers.Operator, "operator");
        await operatorPage.FocusAsync("#phone");
        await operatorPage.Keyboard.TypeAsync("13812345678");
        await operatorPage.Keyboard.PressAsync("Enter");
        await operatorPage.Keyboard.TypeAsync("张三");
        await operatorPage.Keyboard.PressAsync("Enter");
        await operatorPage.Keyboard.TypeAsync("春晖路3号");
        await operatorPage.Keyboard.PressAsync("Enter");
        await operatorPage.Keyboard.TypeAsync("G-7");
        await operatorPage.FillAsync("#content", "小区门口路灯不亮已经一周了，晚上很危险");
        await Assertions.Expect(operatorPage.Locator("#suggestions")).ToContainTextAsync("城市管理局");
        await operatorPage.SelectOptionAsync("#lead", "CGJ");
        await Shot(operatorPage, "2-operator-intake");
        await operatorPage.FocusAsync("#content");
        await operatorPage.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(operatorPage.Locator("#result")).ToContainTextAsync("已派至城市管理局");
        var number = Regex.Match(await operatorPage.Locator("#result").InnerTextAsync(), @"\d{8}-\d{6}").Value;
        await Assertions.Expect(operatorPage.Locator($"#recent tr[data-ticket='{number}']")).ToBeVisibleAsync();
        await Shot(operatorPage, "3-operator-logged");

        await PostToGroup("G-7", "m-browser-1", "我们5栋2单元楼道里一股煤气味，比昨天还重，能不能叫燃气公司来看看");
        var grid = await SignIn(TestUsers.GridWorker, "grid");
        await Assertions.Expect(grid.Locator($"#tickets tr[data-ticket='{number}']")).ToContainTextAsync("城市管理局");
        await Assertions.Expect(grid.Locator("#summary")).ToContainTextAsync("在办工单 1");
        var request = grid.Locator("#inbox tr[data-message='m-browser-1']");
        await request.GetByLabel("说明").FillAsync("群友转发的旧消息，已核实不是本小区");
        await Shot(grid, "4-grid-cell");
        await request.GetByRole(AriaRole.Button, new() { Name = "不是诉求" }).ClickAsync();
        await Assertions.Expect(grid.Locator("#result")).ToContainTextAsync("已忽略");
        await Assertions.Expect(grid.Locator("#inbox")).ToContainTextAsync("收件箱为空");

        var department = await SignIn(TestUsers.Cgj, "department");
        var card = department.Locator($"article[data-ticket='{number}']");
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(card.Locator(".countdown")).ToContainTextAsync("剩余");
        await Shot(department, "5-department-queue");
        await card.GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
        await Assertions.Expect(department.Locator("#result")).ToContainTextAsync("已签收");
        await Assertions.Expect(card).ToContainTextAsync("办理中");
        await card.Locator("textarea").FillAsync("已更换路灯灯泡，现场恢复照明");
        await card.GetByRole(AriaRole.Button, new() { Name = "办结反馈" }).ClickAsync();
        await Assertions.Expect(department.Locator("#result")).ToContainTextAsync("已办结反馈");
        await Assertions.Expect(card).ToHaveCountAsync(0);
        await Shot(department, "6-department-replied");

        await Assertions.Expect(grid.Locator("#summary")).ToContainTextAsync("在办工单 0");
        await Assertions.Expect(grid.Locator($"#tickets tr[data-ticket='{number}']")).ToHaveCountAsync(0);

        await Assertions.Expect(leader.Locator("#kpi-accepted")).ToHaveTextAsync((acceptedBefore + 1).ToString());
        await Assertions.Expect(leader.Locator("#kpi-replied")).ToHaveTextAsync((repliedBefore + 1).ToString());
        await Assertions.Expect(leader.Locator("#kpi-disposalRate")).ToHaveTextAsync("100.0%");
        await Assertions.Expect(leader.Locator("#assessment table")).ToBeVisibleAsync();
        // No registry is loaded here: the street and community panel says so instead of staying empty.
        await Assertions.Expect(leader.Locator("#areas")).ToContainTextAsync("网格登记");
        Assert.True(await leader.Locator("#trendChart").EvaluateAsync<bool>("canvas => Chart.getChart(canvas) !== undefined"));
        await Shot(leader, "7-leader-after");
    }

    [Fact]
    public async Task The_operator_sees_what_a_call_may_duplicate_and_calls_back_a_missed_call_and_the_leader_sees_the_surge()
    {
        using var api = Silo.Client(TestUsers.Operator.Token);
        var numbers = new List<string>();
        foreach (var report in new[]
                 {
                     "锦绣路和长青路路口的自来水管爆了，水喷得老高，路上全是水", "长青路口那边水管爆裂了，马路上全是水，车都过不去",
                     "锦绣路长青路路口自来水管爆了，水一直往外冒", "路口水管爆了，水漫到人行道上了，锦绣路这边",
                     "锦绣路长青路口的水管爆了快半小时了，路上全是水没人管", "长青路锦绣路路口水管爆了，水往小区门口流",
                 })
        {
            var created = await api.PostAsJsonAsync("/api/v1/tickets",
                new { channel = "call", content = report, gridCell = "G-88", address = "锦绣路1号", type = "report" });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            numbers.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        var caller = TwilioTesting.Phone();
        using var twilio = new HttpClient { BaseAddress = Silo.BaseAddress };
        await TwilioTesting.Twiml(await TwilioTesting.PostAsync(twilio, "/channels/twilio/voice/status",
            TwilioTesting.Call(TwilioTesting.CallSid(), caller, ("CallStatus", "no-answer"))));

        var operatorPage = await SignIn(TestUsers.Operator, "operator");
        var missed = operatorPage.Locator("#missed tr", new() { HasText = caller });
        await Assertions.Expect(missed).ToContainTextAsync("0 次");
        await operatorPage.FillAsync("#address", "锦绣路1号");
        await operatorPage.FillAsync("#gridCell", "G-88");
        await operatorPage.FillAsync("#content", "锦绣路长青路路口水管爆了，到处是水");
        var duplicate = operatorPage.Locator("#duplicates [data-duplicate]").First;
        await Assertions.Expect(duplicate).ToContainTextAsync("相似度");
        Assert.Contains(await duplicate.GetAttributeAsync("data-duplicate"), numbers);
        await Shot(operatorPage, "9-operator-duplicates-and-missed-call");
        await missed.GetByRole(AriaRole.Button, new() { Name = "已回拨接通" }).ClickAsync();
        await Assertions.Expect(missed).ToHaveCountAsync(0);

        var leader = await SignIn(TestUsers.Leader, "leader");
        await Assertions.Expect(leader.Locator("#surges li")).ToContainTextAsync(new Regex(@"^网格 G-88：.+（[56] 件，"));
        await Shot(leader, "10-leader-surges");
    }

    [Fact]
    public async Task A_supervisor_abroad_acknowledges_an_urgent_tickets_alert_that_the_leader_sees_without_the_button()
    {
        using var api = Silo.Client(TestUsers.Operator.Token);
        var created = await api.PostAsJsonAsync("/api/v1/tickets", new
        {
            channel = "call", content = "幸福小区3栋楼道里煤气味很重，怀疑燃气泄漏", gridCell = "G-7", address = "幸福小区3栋", type = "help", urgent = true,
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var ticketId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var board = Silo.Client(TestUsers.Supervisor.Token);
        var raised = (await board.GetFromJsonAsync<JsonElement>("/api/v1/alerts?open=true")).GetProperty("items").EnumerateArray()
            .Single(a => a.GetProperty("ticketId").GetString() == ticketId);
        var alertId = raised.GetProperty("id").GetString()!;
        // The centre's clock (+08:00), though the supervisor's browser runs on New York's.
        var local = raised.GetProperty("at").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8));

        var leader = await SignIn(TestUsers.Leader, "leader");
        var seen = leader.Locator($"#alerts tr[data-alert='{alertId}']");
        await Assertions.Expect(seen).ToContainTextAsync("紧急工单");
        await Assertions.Expect(leader.Locator("#alertCount")).ToHaveTextAsync("告警 1");
        await Assertions.Expect(seen.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        var supervisor = await SignIn(TestUsers.Supervisor, "leader", "America/New_York");
        var row = supervisor.Locator($"#alerts tr[data-alert='{alertId}']");
        await Assertions.Expect(row).ToContainTextAsync($"{local.Month}-{local:dd HH:mm}");
        await Assertions.Expect(row).ToContainTextAsync("网格 G-7");
        await Assertions.Expect(supervisor).ToHaveTitleAsync(new Regex(@"^\(1\) "));
        await row.GetByRole(AriaRole.Link, new() { Name = $"工单 {ticketId}" }).ClickAsync();
        await Assertions.Expect(supervisor.Locator("#supervision")).ToContainTextAsync("怀疑燃气泄漏");
        await Shot(supervisor, "11-supervisor-alert");
        await row.GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
        await Assertions.Expect(supervisor.Locator("#alertResult")).ToContainTextAsync("已确认");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(supervisor.Locator("#alertCount")).ToHaveTextAsync("告警 0");
        await Assertions.Expect(supervisor.Locator("#alertList")).ToContainTextAsync("当前没有待确认的告警");
        await Assertions.Expect(seen).ToHaveCountAsync(0);
        await Shot(supervisor, "12-supervisor-alert-acknowledged");

        // The figures' stamp too: at a fixed instant the browser in New York reads 20:02:03, the centre 09:02:03.
        await supervisor.Clock.SetFixedTimeAsync(new DateTimeOffset(2026, 12, 7, 1, 2, 3, TimeSpan.Zero).UtcDateTime);
        await supervisor.ReloadAsync();
        await Assertions.Expect(supervisor.Locator("#updated")).ToHaveTextAsync("更新于 09:02:03");
    }

    [Fact]
    public async Task A_page_asks_only_for_the_alerts_it_lists_and_still_counts_them_all()
    {
        using var api = Silo.Client(TestUsers.Operator.Token);
        foreach (var building in new[] { 5, 6 })
        {
            var created = await api.PostAsJsonAsync("/api/v1/tickets", new
            {
                channel = "call", content = $"幸福小区{building}栋楼道里煤气味很重，怀疑燃气泄漏", gridCell = "G-7", address = $"幸福小区{building}栋",
                type = "help", urgent = true,
            });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        static bool AlertsAsked(Microsoft.Playwright.IRequest request) => request.Url.Contains("/api/v1/alerts?", StringComparison.Ordinal);
        static string? PageSize(Microsoft.Playwright.IRequest request) => System.Web.HttpUtility.ParseQueryString(new Uri(request.Url).Query)["pageSize"];

        // An admin works on the operator page, which shows only the count: one alert is fetched, both are counted.
        var admin = await SignIn(new TestUser("admin", "admin", TestUsers.AdminToken), "operator");
        Assert.Equal("1", PageSize(await admin.WaitForRequestAsync(AlertsAsked)));
        await Assertions.Expect(admin.Locator("#alertCount")).ToHaveTextAsync("告警 2");

        var board = await admin.RunAndWaitForRequestAsync(() => admin.GotoAsync("/console/leader"), AlertsAsked);
        Assert.Equal("100", PageSize(board));
        await Assertions.Expect(admin.Locator("#alerts tr[data-alert]")).ToHaveCountAsync(2);
        await Assertions.Expect(admin.Locator("#alertCount")).ToHaveTextAsync("告警 2");
    }

    [Fact]
    public async Task A_wrong_token_is_refused_on_the_form_and_a_cookie_change_without_the_csrf_header_is_refused()
    {
        var context = await NewContextAsync(new BrowserNewContextOptions { BaseURL = Silo.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console/login");
        await page.FillAsync("input[name=token]", "not-a-token-at-all");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("p.error")).ToContainTextAsync("令牌无效");

        var operatorPage = await SignIn(TestUsers.Operator, "operator");
        var status = await operatorPage.EvaluateAsync<int>("""
            async () => (await fetch('/api/v1/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ channel: 'call', content: '无令牌头的请求', type: 'help' }) })).status
            """);
        Assert.Equal(403, status);
        Assert.Equal(200, await operatorPage.EvaluateAsync<int>("async () => (await fetch('/api/v1/tickets')).status"));
        await operatorPage.GotoAsync("/console/leader");
        Assert.EndsWith("/console/operator", operatorPage.Url);
        Assert.Equal(403, (await operatorPage.GotoAsync("/dashboard/"))!.Status);

        var admin = await SignIn(new TestUser("admin", "admin", TestUsers.AdminToken), "operator");
        var dashboard = await admin.GotoAsync("/dashboard/");
        Assert.Equal(200, dashboard!.Status);
        await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Shot(admin, "8-orleans-dashboard");
    }
}
