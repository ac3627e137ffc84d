using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Tests.Infrastructure;
using HotlineDispatch.Tests.Routing;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineDispatch.Tests.Grid;

/// <summary>The group bridge, the cells' inboxes and the grid worker's answers over HTTP, once per storage back end.</summary>
public abstract class GroupBridgeTests(ChannelsApiFactory api)
{
    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task Register(string groupId, string cell) =>
        await Ok(await api.ClientWithToken(TestUsers.AdminToken).PutAsJsonAsync($"/api/v1/groups/{groupId}", new { name = "春晖社区3网格群", gridCell = cell }));

    private static object Message(string text, string? messageId = null) => BridgeRequests.Message(text, messageId);

    private Task<HttpResponseMessage> Bridge(string groupId, object message, string secret = ChannelsApiFactory.BridgeSecret,
        DateTimeOffset? at = null, Func<string, string>? tamper = null, string? signedFor = null) =>
        BridgeRequests.Post(api.CreateClient(), groupId, message, secret, at, tamper, signedFor);

    private async Task<JsonElement[]> Inbox(string cell, TestUser? user = null) =>
        (await Ok(await (user is null ? api.ClientWithToken(TestUsers.AdminToken) : api.ClientFor(user)).GetAsync($"/api/v1/grid/{cell}/inbox")))
        .GetProperty("items").EnumerateArray().ToArray();

    /// <summary>A grid worker of a cell of its own, so a test's measures count only its own requests.</summary>
    private async Task<TestUser> NewGridWorker(string cell)
    {
        var worker = new TestUser(NewId("grid-"), Roles.GridWorker, NewId("grid-token-"), GridCell: cell);
        await Ok(await api.ClientWithToken(TestUsers.AdminToken).PutAsJsonAsync($"/api/v1/users/{worker.Name}",
            new { role = worker.Role, gridCell = cell, token = worker.Token }));
        return worker;
    }

    /// <summary>A cell of its own with its grid worker and one group, where the example set's two requests wait.</summary>
    private async Task<(string Cell, string GroupId, TestUser Worker, string[] Requests)> CellWithTwoRequests()
    {
        var (groupId, cell) = (NewId("grp"), NewId("cell-"));
        var worker = await NewGridWorker(cell);
        await Register(groupId, cell);
        foreach (var (text, _) in GroupExamples.Messages)
        {
            await Ok(await Bridge(groupId, Message(text)));
        }

        return (cell, groupId, worker, (await Inbox(cell)).Select(i => i.GetProperty("messageId").GetString()!).ToArray());
    }

    private async Task<JsonElement[]> Log(string groupId) =>
        (await Ok(await api.ClientWithToken(TestUsers.AdminToken).GetAsync($"/api/v1/groups/{groupId}"))).GetProperty("recent").EnumerateArray().ToArray();

    [Fact]
    public async Task Of_the_example_set_exactly_the_two_requests_reach_the_cells_inbox_oldest_first()
    {
        var (groupId, cell) = (NewId("grp"), NewId("cell-"));
        await Register(groupId, cell);

        foreach (var (text, _) in GroupExamples.Messages)
        {
            await Ok(await Bridge(groupId, Message(text)));
        }

        var inbox = await Inbox(cell);
        Assert.Equal(GroupExamples.Messages.Where(m => m.IsRequest).Select(m => m.Text), inbox.Select(i => i.GetProperty("text").GetString()));
        Assert.All(inbox, i =>
        {
            Assert.Equal(groupId, i.GetProperty("groupId").GetString());
            Assert.Equal("老杨", i.GetProperty("senderName").GetString());
            Assert.True(i.GetProperty("waitingSeconds").GetInt64() >= 0);
            Assert.True(i.TryGetProperty("suggestedDepartment", out _));
        });
        Assert.Equal(GroupExamples.Messages.Length, (await Log(groupId)).Length);

        var view = await Ok(await api.ClientWithToken(TestUsers.AdminToken).GetAsync($"/api/v1/grid/{cell}"));
        Assert.Equal(2, view.GetProperty("inboxSize").GetInt32());
        Assert.Equal(2, view.GetProperty("measures").GetProperty("requestsCollected").GetInt64());
        Assert.Equal(groupId, view.GetProperty("groups")[0].GetProperty("groupId").GetString());
    }

    [Fact]
    public async Task A_group_moved_to_another_cell_takes_its_open_requests_along()
    {
        var (groupId, from, to) = (NewId("grp"), NewId("cell-"), NewId("cell-"));
        await Register(groupId, from);
        foreach (var (text, _) in GroupExamples.Messages)
        {
            await Ok(await Bridge(groupId, Message(text)));
        }

        await Register(groupId, to);
        await Register(groupId, to);

        Assert.Empty(await Inbox(from));
        var moved = await Inbox(to);
        Assert.Equal(GroupExamples.Messages.Where(m => m.IsRequest).Select(m => m.Text), moved.Select(i => i.GetProperty("text").GetString()));
        var (left, joined) = (await Ok(await api.ClientWithToken(TestUsers.AdminToken).GetAsync($"/api/v1/grid/{from}")),
            await Ok(await api.ClientWithToken(TestUsers.AdminToken).GetAsync($"/api/v1/grid/{to}")));
        Assert.Equal((0, 0L), (left.GetProperty("groups").GetArrayLength(), left.GetProperty("measures").GetProperty("requestsCollected").GetInt64()));
        Assert.Equal((1, 2L), (joined.GetProperty("groups").GetArrayLength(), joined.GetProperty("measures").GetProperty("requestsCollected").GetInt64()));
    }

    [Fact]
    public async Task A_danger_cue_reaches_the_inbox_even_worded_as_chatter()
    {
        var (groupId, cell) = (NewId("grp"), NewId("cell-"));
        await Register(groupId, cell);

        var delivery = await Ok(await Bridge(groupId, Message("哈哈大家看，楼下冒烟了着火了")));

        Assert.True(delivery.GetProperty("request").GetBoolean());
        var item = Assert.Single(await Inbox(cell));
        Assert.Contains("着火", item.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Forged_replayed_and_oversize_messages_are_refused_and_keep_nothing()
    {
        var (groupId, cell) = (NewId("grp"), NewId("cell-"));
        await Register(groupId, cell);
        var request = Message("8栋后面那个垃圾房三天没人清了，桶满得盖子都盖不上，味道很大");

        Assert.Equal(HttpStatusCode.Forbidden, (await Bridge(groupId, request, secret: "not-the-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Bridge(groupId, request, tamper: s => s[..^1] + (s[^1] == '0' ? "1" : "0"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Bridge(groupId, request, tamper: _ => "")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Bridge(groupId, request, at: DateTimeOffset.UtcNow.AddMinutes(-10))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Bridge(groupId, request, at: DateTimeOffset.UtcNow.AddMinutes(10))).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Bridge(groupId, Message(new string('长', 30_000)))).StatusCode);

        Assert.Empty(await Inbox(cell));
        Assert.Empty(await Log(groupId));
    }

    [Fact]
    public async Task A_message_signed_for_one_group_or_sent_long_ago_lands_nowhere()
    {
        var (groupId, cell, otherGroup, otherCell) = (NewId("grp"), NewId("cell-"), NewId("grp"), NewId("cell-"));
        await Register(groupId, cell);
        await Register(otherGroup, otherCell);
        var request = Message("8栋后面那个垃圾房三天没人清了，桶满得盖子都盖不上，味道很大");
        await Ok(await Bridge(otherGroup, request));

        Assert.Equal(HttpStatusCode.Forbidden, (await Bridge(groupId, request, signedFor: otherGroup)).StatusCode);
        var old = new { messageId = NewId("m"), senderId = "wxid_resident1", text = "楼下垃圾房满了没人清", sentAt = DateTimeOffset.UtcNow.AddDays(-2) };
        var stale = await Bridge(groupId, old);
        Assert.Equal("sentAt", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        Assert.Empty(await Inbox(cell));
        Assert.Single(await Inbox(otherCell));
    }

    [Fact]
    public async Task An_unregistered_group_is_404_and_keeps_nothing()
    {
        var groupId = NewId("grp");
        var response = await Bridge(groupId, Message("5栋楼道里一股煤气味，能不能叫燃气公司来看看"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.ClientWithToken(TestUsers.AdminToken).GetAsync($"/api/v1/groups/{groupId}")).StatusCode);

        await Register(groupId, NewId("cell-"));
        Assert.Empty(await Log(groupId));
    }

    [Fact]
    public async Task A_repeated_message_id_gets_the_same_answer_and_changes_nothing()
    {
        var (groupId, cell) = (NewId("grp"), NewId("cell-"));
        await Register(groupId, cell);
        var message = Message("5栋2单元楼道里一股煤气味，能不能叫燃气公司来看看");

        var first = await (await Bridge(groupId, message)).Content.ReadAsStringAsync();
        Assert.Equal(first, await (await Bridge(groupId, message)).Content.ReadAsStringAsync());
        Assert.Single(await Inbox(cell));
        Assert.Single(await Log(groupId));

        var malformed = await Bridge(groupId, new { messageId = "m-x", senderId = "s", text = "", sentAt = DateTimeOffset.UtcNow });
        Assert.Equal("text", (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_grid_worker_sees_its_own_cell_turns_one_request_into_a_ticket_and_settles_the_other()
    {
        const string Cell = "G-7";
        var groupId = NewId("grp");
        await Register(groupId, Cell);
        var requests = GroupExamples.Messages.Where(m => m.IsRequest).Select(m => Message(m.Text)).ToList();
        foreach (var request in requests)
        {
            await Ok(await Bridge(groupId, request));
        }

        var worker = api.ClientFor(TestUsers.GridWorker);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/api/v1/grid/{Cell}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/grid/G-8")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/grid/G-8/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/grid/G-8")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/grid/{Cell}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Cgj).GetAsync($"/api/v1/grid/{Cell}/inbox")).StatusCode);

        var inbox = await Inbox(Cell, TestUsers.GridWorker);
        Assert.Equal(2, inbox.Length);
        var (gas, rubbish) = (inbox[0].GetProperty("messageId").GetString()!, inbox[1].GetProperty("messageId").GetString()!);

        var made = await worker.PostAsJsonAsync($"/api/v1/grid/{Cell}/inbox/{gas}/ticket", new { type = "help", dispatch = "RQGS" });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var ticket = await Ok(made);
        var id = ticket.GetProperty("id").GetString()!;
        Assert.Equal(("chat", Cell, gas, "dispatched", "RQGS"), (ticket.GetProperty("channel").GetString(), ticket.GetProperty("gridCell").GetString(),
            ticket.GetProperty("sourceRef").GetString(), ticket.GetProperty("state").GetString(), ticket.GetProperty("lead").GetString()));
        Assert.Equal($"group:{groupId}", (await api.Services.GetRequiredService<IGrainFactory>().GetGrain<ITicketGrain>(id).Get()).ReplyTo);
        Assert.Contains(id, Assert.Single(api.Outbox.To($"group:{groupId}")).Text);

        var again = await Ok(await worker.PostAsJsonAsync($"/api/v1/grid/{Cell}/inbox/{gas}/ticket", new { }));
        Assert.Equal(id, again.GetProperty("id").GetString());
        Assert.Single(api.Outbox.To($"group:{groupId}"));

        var settled = await Ok(await worker.PostAsJsonAsync($"/api/v1/grid/{Cell}/inbox/{rubbish}/settle", new { note = "已联系物业，下午清运完毕" }));
        Assert.True(settled.GetProperty("settled").GetBoolean());
        Assert.Contains("已联系物业，下午清运完毕", api.Outbox.To($"group:{groupId}")[^1].Text);

        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostAsJsonAsync($"/api/v1/grid/{Cell}/inbox/{gas}/settle", new { note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.PostAsJsonAsync($"/api/v1/grid/{Cell}/inbox/nope/settle", new { note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostAsJsonAsync($"/api/v1/grid/{Cell}/inbox/{rubbish}/settle", new { note = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Leader).PostAsJsonAsync($"/api/v1/grid/{Cell}/inbox/{rubbish}/settle", new { note = "x" })).StatusCode);

        var view = await Ok(await worker.GetAsync($"/api/v1/grid/{Cell}"));
        Assert.Equal(0, view.GetProperty("inboxSize").GetInt32());
        Assert.Equal(["grid1"], view.GetProperty("gridWorkers").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains(view.GetProperty("openTickets").GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == id);
        var measures = view.GetProperty("measures");
        Assert.Equal((2, 1, 1, 0.5), (measures.GetProperty("requestsCollected").GetInt64(), measures.GetProperty("settled").GetInt64(),
            measures.GetProperty("ticketed").GetInt64(), measures.GetProperty("selfResolutionRate").GetDouble()));
    }

    [Fact]
    public async Task A_request_an_admin_settles_is_recorded_as_the_admins_and_is_not_the_grids_self_resolution()
    {
        var (cell, groupId, worker, requests) = await CellWithTwoRequests();
        var admin = api.ClientWithToken(TestUsers.AdminToken);

        var byWorker = await Ok(await api.ClientFor(worker).PostAsJsonAsync($"/api/v1/grid/{cell}/inbox/{requests[0]}/settle", new { note = "已叫燃气公司上门" }));
        Assert.Contains("网格员已处理", api.Outbox.To($"group:{groupId}")[^1].Text);
        var byAdmin = await Ok(await admin.PostAsJsonAsync($"/api/v1/grid/{cell}/inbox/{requests[1]}/settle", new { note = "已通知物业清运" }));
        Assert.DoesNotContain("网格员", api.Outbox.To($"group:{groupId}")[^1].Text);

        Assert.Equal((worker.Name, "gridworker"), (byWorker.GetProperty("handledBy").GetString(), byWorker.GetProperty("handledByRole").GetString()));
        Assert.Equal(("admin", "admin"), (byAdmin.GetProperty("handledBy").GetString(), byAdmin.GetProperty("handledByRole").GetString()));
        var record = (await Ok(await api.ClientFor(worker).GetAsync($"/api/v1/grid/{cell}/handled"))).GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal([(requests[1], "admin", "已通知物业清运"), (requests[0], worker.Name, "已叫燃气公司上门")], record.Select(h =>
            (h.GetProperty("messageId").GetString(), h.GetProperty("handledBy").GetString(), h.GetProperty("note").GetString())));
        Assert.All(record, h => Assert.True(h.GetProperty("settled").GetBoolean()));

        var measures = (await Ok(await admin.GetAsync($"/api/v1/grid/{cell}"))).GetProperty("measures");
        Assert.Equal((2, 2, 1, 0.5), (measures.GetProperty("requestsCollected").GetInt64(), measures.GetProperty("settled").GetInt64(),
            measures.GetProperty("settledByGridWorker").GetInt64(), measures.GetProperty("selfResolutionRate").GetDouble()));
    }

    [Fact]
    public async Task Chatter_dismissed_as_no_request_leaves_the_inbox_and_the_rate_and_stays_on_record()
    {
        var (cell, groupId, worker, requests) = await CellWithTwoRequests();
        var (chatter, request) = (requests[0], requests[1]);
        var client = api.ClientFor(worker);
        var dismiss = $"/api/v1/grid/{cell}/inbox/{chatter}/dismiss";
        var told = api.Outbox.To($"group:{groupId}").Count;

        var blank = await client.PostAsJsonAsync(dismiss, new { reason = " " });
        Assert.Equal("reason", (await blank.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.GridWorker).PostAsJsonAsync(dismiss, new { reason = "闲聊" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Leader).PostAsJsonAsync(dismiss, new { reason = "闲聊" })).StatusCode);

        var dismissed = await Ok(await client.PostAsJsonAsync(dismiss, new { reason = "邻居闲聊，不是诉求" }));
        var again = await Ok(await api.ClientWithToken(TestUsers.AdminToken).PostAsJsonAsync(dismiss, new { reason = "重复点了一次" }));
        Assert.Equal(dismissed.ToString(), again.ToString());
        Assert.Equal((true, false, "邻居闲聊，不是诉求", worker.Name), (dismissed.GetProperty("dismissed").GetBoolean(),
            dismissed.GetProperty("settled").GetBoolean(), dismissed.GetProperty("note").GetString(), dismissed.GetProperty("handledBy").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/v1/grid/{cell}/inbox/{chatter}/settle", new { note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/v1/grid/{cell}/inbox/{chatter}/ticket", new { })).StatusCode);
        Assert.Equal(told, api.Outbox.To($"group:{groupId}").Count);
        Assert.Equal([request], (await Inbox(cell)).Select(i => i.GetProperty("messageId").GetString()));

        await Ok(await client.PostAsJsonAsync($"/api/v1/grid/{cell}/inbox/{request}/settle", new { note = "已通知物业清运" }));
        var record = (await Ok(await client.GetAsync($"/api/v1/grid/{cell}/handled"))).GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal([(request, false), (chatter, true)], record.Select(h => (h.GetProperty("messageId").GetString(), h.GetProperty("dismissed").GetBoolean())));
        var measures = (await Ok(await client.GetAsync($"/api/v1/grid/{cell}"))).GetProperty("measures");
        Assert.Equal((1, 1, 1, 1.0), (measures.GetProperty("requestsCollected").GetInt64(), measures.GetProperty("settled").GetInt64(),
            measures.GetProperty("dismissed").GetInt64(), measures.GetProperty("selfResolutionRate").GetDouble()));
    }

    [Fact]
    public async Task The_cells_open_tickets_are_those_still_being_worked_on_not_those_waiting_only_for_the_survey()
    {
        var cell = NewId("cell-");
        var (waiting, working, replied, answered) = (
            (await api.CreateTicket("春晖路3号门口井盖松了，走上去咣当响", cell)).GetProperty("id").GetString()!,
            (await api.CreateTicket("春晖路5号路灯不亮一周了", cell)).GetProperty("id").GetString()!,
            (await api.CreateTicket("春晖路7号人行道砖翘起来了", cell)).GetProperty("id").GetString()!,
            (await api.CreateTicket("春晖路垃圾几点收", cell)).GetProperty("id").GetString()!);
        foreach (var id in new[] { working, replied })
        {
            await Ok(await api.Step(TestUsers.Dispatcher, id, "dispatch", new { lead = "CGJ", co = Array.Empty<string>() }));
            await Ok(await api.Step(TestUsers.Cgj, id, "sign", new { department = "CGJ" }));
        }

        await Ok(await api.Step(TestUsers.Cgj, replied, "reply", new { department = "CGJ", result = "已铺平" }));
        await Ok(await api.Step(TestUsers.Operator, answered, "resolve-now", new { answer = "每天早晚各一次" }));

        var open = (await Ok(await api.ClientWithToken(TestUsers.AdminToken).GetAsync($"/api/v1/grid/{cell}"))).GetProperty("openTickets");
        Assert.Equal(2, open.GetProperty("total").GetInt32());
        Assert.Equal(new[] { waiting, working }.Order(), open.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()).Order());
    }

    [Fact]
    public async Task Only_an_admin_registers_groups_and_bad_registrations_name_the_field()
    {
        var response = await api.ClientFor(TestUsers.Operator).PutAsJsonAsync($"/api/v1/groups/{NewId("grp")}", new { name = "群", gridCell = "G-1" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        var noCell = await api.ClientWithToken(TestUsers.AdminToken).PutAsJsonAsync($"/api/v1/groups/{NewId("grp")}", new { name = "群" });
        Assert.Equal("gridCell", (await noCell.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }
}

[Collection(SqliteChannels.Name)]
public sealed class SqliteGroupBridgeTests(SqliteChannelsApiFactory api) : GroupBridgeTests(api);

[Collection(PostgresChannels.Name)]
public sealed class PostgresGroupBridgeTests(PostgresChannelsApiFactory api) : GroupBridgeTests(api);
