using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HotlineDispatch.Tests.Channels;
using HotlineDispatch.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HotlineDispatch.Tests.Console;

/// <summary>
/// Each role's working day in the console, from sign-in, on tickets the API brings to the point where that role
/// takes over: the operator dispatches an SMS from the dispatch queue through the ticket's page, surveys it, and sees
/// a known caller's earlier ticket; the dispatcher re-dispatches (改派); the department signs, pauses for 补办,
/// resumes and replies; the supervisor approves an extension from its queue; the leader clicks a red-card count
/// through to the overdue ticket. Each page is screenshotted as day-*.png.
/// </summary>
public sealed class ConsoleDayTests : ConsoleBrowserBase
{
    // Limits short enough for a card to fall during the test; no other test of this class dispatches there.
    private const string Late = "SCJGJ";

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings[$"Hotline:Sla:Departments:{Late}:SignFor"] = "00:00:01";
        foreach (var type in new[] { "Consultation", "Help", "Complaint", "Report", "Suggestion", "Praise" })
        {
            settings[$"Hotline:Sla:Departments:{Late}:Reply:{type}"] = "00:00:02";
        }
    }

    private async Task<string> Sms(string from, string text)
    {
        using var twilio = new HttpClient { BaseAddress = Silo.BaseAddress };
        var reply = await TwilioTesting.MessageText(await TwilioTesting.PostAsync(twilio, "/channels/twilio/sms",
            TwilioTesting.Sms(TwilioTesting.MessageSid(), from, text)));
        return Regex.Match(reply, @"\d{8}-\d{6}").Value;
    }

    private async Task<JsonElement> Step(TestUser user, string id, string step, object body)
    {
        using var api = Silo.Client(user.Token);
        var response = await api.PostAsJsonAsync($"/api/v1/tickets/{id}/{step}", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<string> Dispatched(string lead)
    {
        var id = await Sms(TwilioTesting.Phone(), "春晖路3号门口的路灯坏了一周了，晚上很黑");
        await Step(TestUsers.Dispatcher, id, "dispatch", new { lead });
        return id;
    }

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task The_operator_dispatches_an_sms_from_the_queue_through_its_page_surveys_it_and_sees_the_callers_earlier_ticket()
    {
        var from = TwilioTesting.Phone();
        var id = await Sms(from, "幸福小区北门的垃圾三天没人清运了，气味很大");

        var page = await SignIn(TestUsers.Operator, "operator");
        await page.GotoAsync("/console/dispatch");
        var card = page.Locator($"article[data-ticket='{id}']");
        await Assertions.Expect(card).ToContainTextAsync("短信");
        await Assertions.Expect(card.GetByLabel("主办单位")).ToBeVisibleAsync();
        await Shot(page, "day-1-operator-dispatch-queue");

        await card.GetByRole(AriaRole.Link, new() { Name = id }).ClickAsync();
        await page.WaitForURLAsync($"**/console/tickets/{id}");
        await Assertions.Expect(page.Locator("#facts")).ToContainTextAsync("垃圾三天没人清运");
        await Assertions.Expect(Button(page, "改派")).ToHaveCountAsync(0);
        // With the keyboard alone: the lead select, then the 派单 button.
        await page.GetByLabel("主办单位").FocusAsync();
        await page.GetByLabel("主办单位").SelectOptionAsync("CGJ");
        await Button(page, "派单").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#steps")).ToContainTextAsync("已派单至城市管理局");
        await Assertions.Expect(page.Locator("#facts")).ToContainTextAsync("待签收");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("派单");
        await Shot(page, "day-2-operator-ticket-dispatched");

        await Step(TestUsers.Cgj, id, "sign", new { department = "CGJ" });
        await Step(TestUsers.Cgj, id, "reply", new { department = "CGJ", result = "已安排环卫清运" });
        await page.GotoAsync("/console/surveys");
        var survey = page.Locator($"article[data-ticket='{id}']");
        await Assertions.Expect(survey).ToContainTextAsync(from);
        await Shot(page, "day-3-operator-surveys");
        await survey.GetByRole(AriaRole.Button, new() { Name = "基本满意", Exact = true }).ClickAsync();
        await Assertions.Expect(survey).ToHaveCountAsync(0);

        await page.GotoAsync("/console/operator");
        await page.FocusAsync("#phone");
        await page.Keyboard.TypeAsync(from[3..]);
        var earlier = page.Locator($"#history tr[data-ticket='{id}']");
        await Assertions.Expect(earlier).ToContainTextAsync("已反馈");
        await Shot(page, "day-4-operator-caller-history");
    }

    [Fact]
    public async Task Every_page_a_role_may_open_loads_without_a_refused_request_and_no_other_page_is_offered()
    {
        var id = await Dispatched("CGJ");
        var pages = new Dictionary<TestUser, string[]>
        {
            [TestUsers.Operator] = ["operator", "dispatch", "surveys", "tickets"],
            [TestUsers.Dispatcher] = ["operator", "dispatch", "surveys", "tickets"],
            [TestUsers.Cgj] = ["department", "tickets"],
            [TestUsers.GridWorker] = ["grid", "tickets"],
            [TestUsers.Supervisor] = ["leader", "dispatch", "supervise", "report", "tickets"],
            [TestUsers.Leader] = ["leader", "report", "tickets"],
        };
        foreach (var (user, allowed) in pages)
        {
            var page = await SignIn(user, allowed[0]);
            var refused = new List<string>();
            page.Response += (_, response) =>
            {
                if (response.Status is 403 or 400 or 409 or 500) refused.Add($"{response.Status} {response.Url}");
            };
            page.PageError += (_, error) => refused.Add(error);
            // The header is drawn once the session has answered; counting before that would count nothing.
            await page.Locator("header.top nav a").First.WaitForAsync();
            var menu = await page.Locator("header.top nav a").AllInnerTextsAsync();
            Assert.Equal(allowed.Length, menu.Count);
            foreach (var name in allowed.Append($"tickets/{id}"))
            {
                await page.GotoAsync($"/console/{name}");
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            }

            // A department or a grid worker may not read every ticket; its page says so instead of offering anything.
            Assert.Equal(user == TestUsers.GridWorker ? [$"403 /api/v1/tickets/{id}"] : [],
                refused.Select(r => r.StartsWith("4") || r.StartsWith("5") ? $"{r[..3]} {new Uri(r[4..]).AbsolutePath}" : r));
            await page.GotoAsync("/console/report");
            Assert.EndsWith(allowed.Contains("report") ? "/console/report" : $"/console/{allowed[0]}", page.Url);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_dispatcher_redispatches_a_signed_ticket_with_a_reason()
    {
        var id = await Dispatched("JTJ");
        await Step(TestUsers.Jtj, id, "sign", new { department = "JTJ" });

        var page = await SignIn(TestUsers.Dispatcher, "operator");
        await page.GotoAsync($"/console/tickets/{id}");
        await Assertions.Expect(Button(page, "派单")).ToHaveCountAsync(0);
        await page.GetByLabel("主办单位").SelectOptionAsync("CGJ");
        await page.GetByLabel("改派理由").FillAsync("路灯归城市管理局管护");
        await Button(page, "改派").ClickAsync();
        await Assertions.Expect(page.Locator("#steps")).ToContainTextAsync("已改派至城市管理局");
        var moved = page.Locator("#history li.redispatch");
        await Assertions.Expect(moved).ToContainTextAsync("路灯归城市管理局管护");
        await Assertions.Expect(moved).ToContainTextAsync("→ 城市管理局");
        await Shot(page, "day-5-dispatcher-redispatched");

        // A resident calls again about it: the dispatcher presses the new department (催办) from the same page.
        await page.GetByLabel("催办说明").FillAsync("市民再次来电催问");
        await Button(page, "催办").ClickAsync();
        await Assertions.Expect(page.Locator("#steps")).ToContainTextAsync("已催办");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("市民再次来电催问");
    }

    [Fact]
    public async Task The_department_signs_pauses_for_the_resident_resumes_and_replies_from_the_tickets_page()
    {
        var id = await Dispatched("CGJ");

        var page = await SignIn(TestUsers.Cgj, "department");
        await Assertions.Expect(page.Locator("#record-onTime")).ToContainTextAsync("按时办结率");
        await Shot(page, "day-6-department-queue-and-record");
        await page.Locator($"article[data-ticket='{id}']").GetByRole(AriaRole.Link, new() { Name = id }).ClickAsync();
        await page.WaitForURLAsync($"**/console/tickets/{id}");
        await Assertions.Expect(page.Locator("#facts")).ToContainTextAsync("****");
        await Assertions.Expect(Button(page, "改派")).ToHaveCountAsync(0);
        await Button(page, "签收").ClickAsync();
        await Assertions.Expect(page.Locator("#facts")).ToContainTextAsync("办理中");

        await page.GetByLabel("请市民补充的内容").FillAsync("请提供路灯杆上的编号");
        await Button(page, "补办").ClickAsync();
        await Assertions.Expect(page.Locator("#facts")).ToContainTextAsync("补办中");
        await Assertions.Expect(Button(page, "办结反馈")).ToHaveCountAsync(0);
        await Shot(page, "day-7-department-paused");
        await page.GetByLabel("市民补充的内容").FillAsync("市民来电告知编号 CH-0312");
        await Button(page, "市民已补充").ClickAsync();
        await Assertions.Expect(page.Locator("#facts")).ToContainTextAsync("办理中");

        await page.GetByLabel("办理结果").FillAsync("已更换灯泡，恢复照明");
        await Button(page, "办结反馈").ClickAsync();
        await Assertions.Expect(page.Locator("#facts")).ToContainTextAsync("已反馈");
        await Assertions.Expect(page.Locator("#steps")).ToContainTextAsync("没有可办理的操作");
        await Shot(page, "day-8-department-replied");
    }

    [Fact]
    public async Task A_department_card_offers_only_the_steps_the_api_offers_for_its_ticket()
    {
        var pending = await Dispatched("CGJ");
        await Step(TestUsers.Cgj, pending, "sign", new { department = "CGJ" });
        await Step(TestUsers.Cgj, pending, "extension", new { department = "CGJ", extra = "2.00:00:00", reason = "需协调供电公司" });
        var fresh = await Dispatched("CGJ");

        var page = await SignIn(TestUsers.Cgj, "department");
        // One extension waits for its decision: the API refuses a second, so the card does not offer it; it offers the reply.
        var card = page.Locator($"article[data-ticket='{pending}']");
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "办结反馈", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "申请延期", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "签收", Exact = true })).ToHaveCountAsync(0);

        var other = page.Locator($"article[data-ticket='{fresh}']");
        await other.GetByRole(AriaRole.Button, new() { Name = "签收", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(other.GetByRole(AriaRole.Button, new() { Name = "申请延期", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(other.GetByRole(AriaRole.Button, new() { Name = "签收", Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_grid_page_lists_the_cells_open_tickets_a_page_at_a_time()
    {
        using var api = Silo.Client(TestUsers.Operator.Token);
        var ids = new List<string>();
        for (var i = 0; i < 21; i++)
        {
            var created = await api.PostAsJsonAsync("/api/v1/tickets", new
            {
                channel = "call", caller = new { name = "张三", phone = "13812345678" }, address = "春晖路3号", gridCell = "G-7",
                content = $"春晖路{i}号楼道灯不亮", type = "report",
            });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        var page = await SignIn(TestUsers.GridWorker, "grid");
        await Assertions.Expect(page.Locator("#ticketPages")).ToContainTextAsync("第 1 / 2 页，共 21 件");
        await Assertions.Expect(page.Locator("#tickets tr[data-ticket]")).ToHaveCountAsync(20);
        await Assertions.Expect(page.Locator($"#tickets tr[data-ticket='{ids[20]}']")).ToHaveCountAsync(0);
        await page.Locator("#ticketPages").GetByRole(AriaRole.Button, new() { Name = "下一页" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#ticketPages")).ToContainTextAsync("第 2 / 2 页");
        await Assertions.Expect(page.Locator("#tickets tr[data-ticket]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"#tickets tr[data-ticket='{ids[20]}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_supervisor_approves_an_extension_from_the_queue_without_typing_a_number()
    {
        var id = await Dispatched("CGJ");
        await Step(TestUsers.Cgj, id, "sign", new { department = "CGJ" });
        await Step(TestUsers.Cgj, id, "extension", new { department = "CGJ", extra = "2.00:00:00", reason = "需协调供电公司" });

        var page = await SignIn(TestUsers.Supervisor, "leader");
        await page.GetByRole(AriaRole.Link, new() { Name = "督查", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/console/supervise");
        var card = page.Locator($"#extensions article[data-ticket='{id}']");
        await Assertions.Expect(card).ToContainTextAsync("需协调供电公司");
        await Shot(page, "day-9-supervisor-queues");
        await card.GetByRole(AriaRole.Button, new() { Name = "批准延期" }).ClickAsync();
        await Assertions.Expect(card).ToHaveCountAsync(0);

        using var api = Silo.Client(TestUsers.Supervisor.Token);
        var ticket = await api.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{id}");
        Assert.Equal("approveExtension", ticket.GetProperty("history").EnumerateArray().Last().GetProperty("action").GetString());
    }

    [Fact]
    public async Task The_grid_worker_reports_from_patrol_and_sees_the_cells_record()
    {
        var page = await SignIn(TestUsers.GridWorker, "grid");
        await page.GetByLabel("发现的问题").FillAsync("巡查发现春晖路5号井盖缺失，行人容易踩空");
        await page.GetByLabel("地点").FillAsync("春晖路5号");
        await page.Locator("#patrolLead").SelectOptionAsync("CGJ");
        await Button(page, "上报").ClickAsync();
        await Assertions.Expect(page.Locator("#patrolResult")).ToContainTextAsync("已上报");
        var id = Regex.Match(await page.Locator("#patrolResult").InnerTextAsync(), @"\d{8}-\d{6}").Value;
        await Assertions.Expect(page.Locator($"#tickets tr[data-ticket='{id}']")).ToContainTextAsync("城市管理局");
        await Assertions.Expect(page.Locator("#grid-patrolled .value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#grid-selfResolution")).ToContainTextAsync("网格自处置率");
        await Shot(page, "day-12-grid-patrol");
    }

    [Fact]
    public async Task The_leader_clicks_a_red_card_count_through_to_the_overdue_ticket()
    {
        var id = await Dispatched(Late);
        using (var intake = Silo.Client(TestUsers.Operator.Token))
        {
            var inCell = await intake.PostAsJsonAsync("/api/v1/tickets", new
            {
                channel = "call", caller = new { name = "张三", phone = "13812345678" }, address = "春晖路9号", gridCell = "G-9",
                content = "春晖路9号菜场缺斤短两", type = "complaint", dispatch = new { lead = Late },
            });
            Assert.True(inCell.IsSuccessStatusCode, await inCell.Content.ReadAsStringAsync());
        }

        using var api = Silo.Client(TestUsers.Leader.Token);
        for (var tries = 0; (await api.GetFromJsonAsync<JsonElement>($"/api/v1/tickets?overdue=true&department={Late}")).GetProperty("total").GetInt32() < 2; tries++)
        {
            Assert.True(tries < 100, "The short limits never made the ticket overdue.");
            await Task.Delay(300);
        }

        var page = await SignIn(TestUsers.Leader, "leader");
        // The map's overdue counts are the server's, per cell: no list of tickets is fetched to count them.
        var listed = new List<string>();
        page.Request += (_, request) => { if (request.Url.Contains("/api/v1/tickets")) listed.Add(request.Url); };
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#gridmap a[data-cell='G-9']")).ToContainTextAsync("超期 1");
        Assert.Empty(listed);
        var red = page.Locator($"#cards tr[data-department='{Late}']").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("红牌") });
        await Assertions.Expect(red).Not.ToHaveTextAsync("0");
        await Shot(page, "day-10-leader-red-cards");
        await red.ClickAsync();
        await page.WaitForURLAsync($"**/console/tickets?department={Late}*overdue=true*");
        var row = page.Locator("#list").GetByRole(AriaRole.Link, new() { Name = id });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Shot(page, "day-11-leader-overdue-tickets");
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("#deadlines")).ToContainTextAsync("红牌");
        await Assertions.Expect(page.Locator("#steps")).ToContainTextAsync("没有可办理的操作");

        // A chart's slice opens its tickets too; its link under the chart is the keyboard's way there.
        await page.GotoAsync("/console/leader");
        await page.Locator("#channelChartLinks").GetByRole(AriaRole.Link, new() { Name = "短信" }).ClickAsync();
        await page.WaitForURLAsync("**/console/tickets?channel=sms*");
        await Assertions.Expect(page.Locator("#list").GetByRole(AriaRole.Link, new() { Name = id })).ToBeVisibleAsync();

        await page.GotoAsync("/console/report");
        await Assertions.Expect(page.Locator("#overall")).ToContainTextAsync("本月共受理");
        await Assertions.Expect(page.Locator("#cards")).ToContainTextAsync("市场监督管理局");
        await Assertions.Expect(page.Locator("#ranking table")).ToBeVisibleAsync();
        await Shot(page, "day-13-leader-monthly-report");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.PdfAsync(new() { Path = Path.Combine(Screenshots, "day-13-leader-monthly-report.pdf"), Format = "A4" });
        Assert.False(await page.Locator("header.top").IsVisibleAsync(), "The printed report leaves out the console's header.");
    }

    [Fact]
    public async Task A_keyword_list_that_stopped_counting_shows_its_total_as_at_least()
    {
        var id = await Dispatched("CGJ");
        var page = await SignIn(TestUsers.Leader, "leader");
        // More than ten thousand matches take too long to write here: the server's real page is marked as cut short.
        await page.RouteAsync("**/api/v1/tickets?*", async route =>
        {
            var answer = await route.FetchAsync();
            var body = System.Text.Json.Nodes.JsonNode.Parse(await answer.TextAsync())!;
            body["total"] = 10000;
            body["totalIsLowerBound"] = true;
            await route.FulfillAsync(new() { Response = answer, Body = body.ToJsonString() });
        });
        await page.GotoAsync("/console/tickets?q=路灯");
        await Assertions.Expect(page.Locator("#list").GetByRole(AriaRole.Link, new() { Name = id })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#pages")).ToContainTextAsync("第 1 / 500+ 页，共 10000+ 件");
    }
}
