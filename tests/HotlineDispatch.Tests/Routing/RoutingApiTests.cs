using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Alerts;
using HotlineDispatch.Incidents;
using HotlineDispatch.Routing;
using HotlineDispatch.Tests.Infrastructure;
using HotlineDispatch.Tickets;
using static HotlineDispatch.Tests.Routing.RoutingHttp;

namespace HotlineDispatch.Tests.Routing;

/// <summary>Analysis, the catalogue, intake suggestions, urgency alerts, duplicates and surges over HTTP, on both back ends.</summary>
public abstract class RoutingApiTests(HotlineApiFactory api)
{
    [Fact]
    public async Task Analyze_answers_the_contract_of_api_md()
    {
        var analysis = await Ok(await api.Analyze("5栋楼道里一股很重的煤气味，敲了几家门都说不是自己家的，麻烦燃气公司来看看", TestUsers.GridWorker));

        Assert.True(analysis.GetProperty("isRequest").GetBoolean());
        Assert.Equal("RQGS", analysis.Department());
        var confidence = analysis.GetProperty("department").GetProperty("confidence").GetDouble();
        Assert.InRange(confidence, 0, 1);
        var alternatives = analysis.GetProperty("alternatives").EnumerateArray().ToList();
        Assert.Equal(3, alternatives.Count);
        Assert.All(alternatives, a => Assert.True(a.GetProperty("confidence").GetDouble() <= confidence));
        Assert.Contains(analysis.GetProperty("type").GetString(), new[] { "consultation", "help", "complaint", "report", "suggestion", "praise" });
        Assert.True(analysis.GetProperty("urgent").GetBoolean());
        Assert.Contains(analysis.GetProperty("sentiment").GetString(), new[] { "positive", "neutral", "negative", "mixed" });
        Assert.Equal("local", analysis.GetProperty("insightSource").GetString());
    }

    [Fact]
    public async Task A_danger_told_in_everyday_words_is_urgent_by_the_model_and_says_how_sure_it_is()
    {
        // No pattern knows a loose stove pipe, a strange smell and dizziness; the urgency classifier does.
        const string text = "隔壁老人家的炉子管子好像松了，屋里一股怪味，他说头晕恶心想吐";
        Assert.Null(UrgencyDetector.Detect(text));

        var analysis = await Ok(await api.Analyze(text));

        Assert.True(analysis.GetProperty("urgent").GetBoolean());
        Assert.Matches(@"^模型判断紧急 \((0\.\d\d|1\.00)\)$", analysis.GetProperty("urgentCue").GetString());
    }

    [Fact]
    public async Task Intake_raises_the_alert_for_a_danger_only_the_model_recognises()
    {
        await api.RouterReady();
        const string text = "我们小区3栋外墙上一大块瓷砖松动了，风一吹晃来晃去，下面就是小孩玩的地方";
        Assert.Null(UrgencyDetector.Detect(text));

        var ticket = await api.CreateTicket(text, gridCell: "G-22", address: "育才路20号");

        Assert.True(ticket.GetProperty("urgent").GetBoolean());
        Assert.StartsWith("模型判断紧急 (", ticket.GetProperty("urgentCue").GetString());
        var alerts = await Ok(await api.ClientFor(TestUsers.Supervisor).GetAsync("/api/v1/alerts?open=true"));
        Assert.Contains(alerts.GetProperty("items").EnumerateArray(), a => a.GetProperty("ticketId").GetString() == ticket.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Chatter_is_not_a_request()
    {
        foreach (var text in new[] { "收到👌", "晚安各位", "出一辆九成新的儿童自行车，50元自提" })
        {
            var analysis = await Ok(await api.Analyze(text));
            Assert.False(analysis.GetProperty("isRequest").GetBoolean(), text);
            Assert.False(analysis.GetProperty("urgent").GetBoolean(), text);
        }
    }

    [Fact]
    public async Task Analyze_refuses_bad_input_and_the_wrong_roles()
    {
        var empty = await api.Analyze("");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("text", (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        var channel = await api.Analyze("路灯不亮", channel: "fax");
        Assert.Equal(HttpStatusCode.BadRequest, channel.StatusCode);
        Assert.Equal("channel", (await channel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await api.Analyze("路灯不亮", TestUsers.Leader)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Analyze("路灯不亮", TestUsers.Cgj)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().PostAsJsonAsync("/api/v1/analyze", new { text = "路灯不亮" })).StatusCode);
    }

    [Fact]
    public async Task A_catalogue_rule_takes_precedence_over_the_model()
    {
        const string text = "星河湾北门外的智能快递柜把路堵了一半，还一直响";
        var before = await Ok(await api.Analyze(text));
        Assert.Equal("model", before.GetProperty("departmentSource").GetString());
        var ruled = before.Department() == "JDB" ? "XZSPJ" : "JDB";

        var admin = api.ClientWithToken(TestUsers.AdminToken);
        var rules = new { rules = new[] { new { department = ruled, phrases = new[] { "智能快递柜" }, places = new[] { "星河湾" }, categories = Array.Empty<string>(), note = "快递柜归口" } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Operator).PutAsJsonAsync("/api/v1/routing/catalogue", rules)).StatusCode);
        var bad = await admin.PutAsJsonAsync("/api/v1/routing/catalogue", new { rules = new[] { new { department = "NOPE", phrases = new[] { "x" } } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("rules[0].department", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        var saved = await Ok(await admin.PutAsJsonAsync("/api/v1/routing/catalogue", rules));
        Assert.Equal("admin", saved.GetProperty("updatedBy").GetString());

        var after = await Ok(await api.Analyze(text));
        Assert.Equal(ruled, after.Department());
        Assert.Equal(1.0, after.GetProperty("department").GetProperty("confidence").GetDouble());
        Assert.Equal("catalogue", after.GetProperty("departmentSource").GetString());
        Assert.DoesNotContain(after.GetProperty("alternatives").EnumerateArray(), a => a.GetProperty("code").GetString() == ruled);
        var elsewhere = await Ok(await api.Analyze("翠湖小区门口的智能快递柜坏了"));
        Assert.Equal("model", elsewhere.GetProperty("departmentSource").GetString());

        var read = await Ok(await api.ClientFor(TestUsers.Dispatcher).GetAsync("/api/v1/routing/catalogue"));
        Assert.Equal("智能快递柜", read.GetProperty("rules")[0].GetProperty("phrases")[0].GetString());
        await Ok(await admin.PutAsJsonAsync("/api/v1/routing/catalogue", new { rules = Array.Empty<object>() }));
    }

    [Fact]
    public async Task Intake_shows_the_suggestions_and_flags_danger_with_an_alert_to_supervisors()
    {
        await api.RouterReady();
        var ticket = await api.CreateTicket("喂，我家楼下电线杆上的电线断了掉在人行道上，还在冒火花，小孩子放学要从这里走", gridCell: "G-21", address: "育才路18号");

        var suggestions = ticket.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.Equal(4, suggestions.Count);
        Assert.Equal("GDGS", suggestions[0].GetProperty("code").GetString());
        Assert.True(ticket.GetProperty("urgent").GetBoolean());
        Assert.StartsWith("live wires", ticket.GetProperty("urgentCue").GetString());
        Assert.Equal("accepted", ticket.GetProperty("state").GetString());
        var id = ticket.GetProperty("id").GetString()!;

        var alerts = await Ok(await api.ClientFor(TestUsers.Supervisor).GetAsync("/api/v1/alerts?open=true"));
        var alert = alerts.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("ticketId").GetString() == id);
        Assert.Equal("urgent", alert.GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Operator).GetAsync("/api/v1/alerts")).StatusCode);
        await Ok(await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/alerts"));

        var seen = await Ok(await api.ClientFor(TestUsers.Supervisor).PostAsync($"/api/v1/alerts/{alert.GetProperty("id").GetString()}/acknowledge", null));
        Assert.Equal("sup1", seen.GetProperty("acknowledgedBy").GetString());
    }

    [Fact]
    public async Task An_urgent_ticket_is_alerted_by_its_projection_once_however_often_its_accept_is_projected()
    {
        // Straight to the grain, past the router: the alert belongs to the accepted ticket, not to intake.
        var number = await api.Service<TicketIntake>().ReserveNumberAsync();
        var grain = api.Service<IGrainFactory>().GetGrain<ITicketGrain>(number);
        var ticket = await grain.Execute(new AcceptTicket(TicketChannel.Call, new Caller("王五", "13900002222", false), "育才路20号", "G-22",
            "小区门口的垃圾桶满了两天没人清运", TicketType.Complaint, true), new Actor("op1", "operator"));
        var ordinary = await api.CreateTicket("小区门口的垃圾桶满了两天没人清运，麻烦安排一下", gridCell: "G-22", address: "育才路20号");

        // As after a crash that lost the grain's projection mark: the accept arrives again.
        await api.Service<ITicketProjection>().ProjectAsync(ticket, 0);

        var alerts = (await Ok(await api.ClientFor(TestUsers.Supervisor).GetAsync("/api/v1/alerts"))).GetProperty("items").EnumerateArray().ToList();
        var raised = Assert.Single(alerts, a => a.GetProperty("ticketId").GetString() == number);
        Assert.Equal("urgent", raised.GetProperty("kind").GetString());
        Assert.StartsWith($"紧急工单 {number}（marked urgent by op1）", raised.GetProperty("message").GetString());
        Assert.DoesNotContain(alerts, a => a.GetProperty("ticketId").GetString() == ordinary.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_new_incident_is_saved_with_its_surge_alert_once_however_often_it_is_saved()
    {
        var board = api.Service<IIncidentBoard>();
        var at = DateTimeOffset.UtcNow;
        var incident = new Incident($"incident-t-{Guid.NewGuid():N}", "cell-G-91", "春晖路停电了", ["t-1", "t-2", "t-3", "t-4", "t-5"], at.AddMinutes(-5), at);
        var alert = Alert.ForSurge(incident, "t-5");

        // As after a crash between the save and the cell's acknowledgement: the same burst is saved again.
        await board.SaveAsync(incident, incident.TicketIds, alert);
        await board.SaveAsync(incident, [], alert);
        await board.SaveAsync(incident with { TicketIds = [.. incident.TicketIds, "t-6"], LastAt = at.AddSeconds(1) }, ["t-6"], null);

        var alerts = (await Ok(await api.ClientFor(TestUsers.Supervisor).GetAsync("/api/v1/alerts"))).GetProperty("items").EnumerateArray().ToList();
        var raised = Assert.Single(alerts, a => a.GetProperty("incidentId").GetString() == incident.Id);
        Assert.Equal("surge", raised.GetProperty("kind").GetString());
        Assert.Equal("t-5", raised.GetProperty("ticketId").GetString());
        Assert.Equal("G-91", raised.GetProperty("gridCell").GetString());
        Assert.Equal("5 件相似诉求集中出现：春晖路停电了", raised.GetProperty("message").GetString());
        var saved = Assert.Single(await board.RecentAsync("cell-G-91", at.AddMinutes(-1)), i => i.Id == incident.Id);
        Assert.Equal(6, saved.TicketIds.Count);
    }

    [Fact]
    public async Task Alerts_come_a_page_at_a_time_with_the_true_total_to_callers_that_ask_and_as_before_to_the_rest()
    {
        var board = api.Service<IAlertBoard>();
        var supervisor = api.ClientFor(TestUsers.Supervisor);
        var before = (await Ok(await supervisor.GetAsync("/api/v1/alerts?open=true&page=1&pageSize=1"))).GetProperty("total").GetInt32();
        // Later than any other alert of the suite, so these three are the newest.
        var at = new DateTimeOffset(2099, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 3).Select(n => $"paged-{Guid.NewGuid():N}").ToList();
        foreach (var (id, n) in ids.Select((id, n) => (id, n)))
        {
            await board.RaiseAsync(new Alert(id, Alert.Surge, $"第{n}条", at.AddMinutes(n), null, null, null));
        }

        var first = await Ok(await supervisor.GetAsync("/api/v1/alerts?open=true&page=1&pageSize=2"));
        Assert.Equal(before + 3, first.GetProperty("total").GetInt32());
        Assert.Equal([ids[2], ids[1]], first.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        var second = await Ok(await supervisor.GetAsync("/api/v1/alerts?open=true&page=2&pageSize=2"));
        Assert.Equal(ids[0], second.GetProperty("items")[0].GetProperty("id").GetString());

        var unpaged = await Ok(await supervisor.GetAsync("/api/v1/alerts?open=true"));
        Assert.Equal(["items"], unpaged.EnumerateObject().Select(p => p.Name));
        Assert.Equal(before + 3, unpaged.GetProperty("items").GetArrayLength());

        foreach (var (query, field) in new[] { ("pageSize=0", "pageSize"), ("pageSize=501", "pageSize"), ("page=0", "page") })
        {
            var refused = await supervisor.GetAsync($"/api/v1/alerts?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(field, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        }
    }

    [Fact]
    public async Task Incidents_are_listed_by_grid_cell_and_period_a_page_at_a_time()
    {
        var board = api.Service<IIncidentBoard>();
        var cell = $"G-{Guid.NewGuid():N}"[..12];
        var monday = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        var street = $"addr-春晖路{Guid.NewGuid():N}"[..16];
        foreach (var (key, day) in new[] { ($"cell-{cell}", 0), ($"cell-{cell}", 1), ($"cell-{cell}", 2), (street, 1) })
        {
            var at = monday.AddDays(day);
            var tickets = Enumerable.Range(0, 5 + day).Select(n => $"t-{Guid.NewGuid():N}").ToList();
            await board.SaveAsync(new Incident($"incident-{tickets[0]}", key, $"第{day}天 停水", tickets, at, at.AddMinutes(40)), tickets, null);
        }

        var leader = api.ClientFor(TestUsers.Leader);
        var all = await Ok(await leader.GetAsync($"/api/v1/incidents?gridCell={cell}"));
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        var items = all.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["第2天 停水", "第1天 停水", "第0天 停水"], items.Select(i => i.GetProperty("summary").GetString()));
        Assert.All(items, i => Assert.Equal(cell, i.GetProperty("gridCell").GetString()));
        Assert.Equal(7, items[0].GetProperty("count").GetInt32());
        Assert.Equal(7, items[0].GetProperty("ticketIds").GetArrayLength());
        Assert.Equal(monday.AddDays(2).AddMinutes(40), items[0].GetProperty("lastAt").GetDateTimeOffset());

        var tuesday = await Ok(await leader.GetAsync("/api/v1/incidents?from=2026-03-03&to=2026-03-03"));
        Assert.Equal(2, tuesday.GetProperty("total").GetInt32());
        var byStreet = Assert.Single(tuesday.GetProperty("items").EnumerateArray(), i => i.GetProperty("cell").GetString() == street);
        Assert.Equal(street["addr-".Length..], byStreet.GetProperty("street").GetString());
        Assert.Equal(JsonValueKind.Null, byStreet.GetProperty("gridCell").ValueKind);

        var second = await Ok(await leader.GetAsync($"/api/v1/incidents?gridCell={cell}&pageSize=2&page=2"));
        Assert.Equal(3, second.GetProperty("total").GetInt32());
        Assert.Equal("第0天 停水", Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("summary").GetString());

        foreach (var (query, field) in new[] { ("from=yesterday", "from"), ("to=2026-02-30", "to"), ("pageSize=0", "pageSize"), ("page=0", "page"), ("gridCell=%20", "gridCell") })
        {
            var refused = await leader.GetAsync($"/api/v1/incidents?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(field, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        }
    }

    /// <summary>The cell's incident once it lists <paramref name="tickets"/> tickets, or after five seconds of asking.</summary>
    private async Task<JsonElement> IncidentOf(string cell, int tickets)
    {
        for (var attempt = 0; ; attempt++)
        {
            var incidents = await Ok(await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/incidents"));
            var incident = incidents.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("cell").GetString() == cell);
            if (incident.GetProperty("ticketIds").GetArrayLength() >= tickets || attempt == 100)
            {
                return incident;
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_burst_of_similar_reports_is_suggested_for_merging_becomes_an_incident_and_one_reply_reaches_every_reporter()
    {
        var reports = new[]
        {
            "锦绣路和长青路路口的自来水管爆了，水喷得老高，路上全是水",
            "长青路口那边水管爆裂了，马路上全是水，车都过不去",
            "锦绣路长青路路口自来水管爆了，水一直往外冒",
            "路口水管爆了，水漫到人行道上了，锦绣路这边",
            "锦绣路长青路口的水管爆了快半小时了，路上全是水没人管",
            "长青路锦绣路路口水管爆了，水往小区门口流",
        };
        var ids = new List<string>();
        foreach (var report in reports)
        {
            ids.Add((await api.CreateTicket(report, gridCell: "G-88", address: "锦绣路1号")).GetProperty("id").GetString()!);
        }

        var last = await Ok(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/tickets/{ids[^1]}"));
        Assert.NotEmpty(last.GetProperty("possibleDuplicates").EnumerateArray());
        var duplicates = await Ok(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/tickets/{ids[0]}/duplicates"));
        Assert.True(duplicates.GetProperty("items").GetArrayLength() >= 4, duplicates.ToString());
        var unrelated = await api.CreateTicket("请问社区老年食堂几点开饭", gridCell: "G-88", address: "锦绣路1号");
        Assert.Empty(unrelated.GetProperty("possibleDuplicates").EnumerateArray());

        // Before taking the next call, the operator sees the open tickets it may duplicate; a grid worker only in the own cell.
        var another = "锦绣路长青路路口水管爆了，路上全是水";
        var checkedFirst = await Ok(await api.ClientFor(TestUsers.Operator).PostAsJsonAsync("/api/v1/analyze", new { text = another, channel = "call", gridCell = "G-88" }));
        var candidates = checkedFirst.GetProperty("duplicates").EnumerateArray().ToList();
        Assert.True(candidates.Count >= 4, checkedFirst.ToString());
        Assert.All(candidates, c => Assert.Contains(c.GetProperty("ticketId").GetString(), ids));
        Assert.True(candidates[0].GetProperty("similarity").GetDouble() >= candidates[^1].GetProperty("similarity").GetDouble());
        var byAddress = await Ok(await api.ClientFor(TestUsers.Operator).PostAsJsonAsync("/api/v1/analyze", new { text = another, address = "锦绣路9号" }));
        Assert.Equal(JsonValueKind.Array, byAddress.GetProperty("duplicates").ValueKind);
        var nowhere = await Ok(await api.Analyze(another));
        Assert.Equal(JsonValueKind.Null, nowhere.GetProperty("duplicates").ValueKind);
        var otherCell = await api.ClientFor(TestUsers.GridWorker).PostAsJsonAsync("/api/v1/analyze", new { text = another, gridCell = "G-88" });
        Assert.Equal(HttpStatusCode.Forbidden, otherCell.StatusCode);

        // The reports after the one that made the surge join the incident in the cell's next save, a moment later.
        var incident = await IncidentOf("cell-G-88", ids.Count);
        Assert.Equal(ids.Order(), incident.GetProperty("ticketIds").EnumerateArray().Select(t => t.GetString()!).Order());
        var alerts = await Ok(await api.ClientFor(TestUsers.Supervisor).GetAsync("/api/v1/alerts"));
        Assert.Contains(alerts.GetProperty("items").EnumerateArray(), a => a.GetProperty("kind").GetString() == "surge"
            && a.GetProperty("incidentId").GetString() == incident.GetProperty("id").GetString());

        var master = ids[0];
        await Ok(await api.Step(TestUsers.Dispatcher, master, "dispatch", new { lead = "CGJ", co = Array.Empty<string>() }));
        foreach (var id in ids.Skip(1))
        {
            await Ok(await api.Step(TestUsers.Operator, id, "merge-into", new { masterId = master }));
        }

        var remaining = await Ok(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/tickets/{master}/duplicates"));
        Assert.Equal(0, remaining.GetProperty("items").GetArrayLength());
        await Ok(await api.Step(TestUsers.Cgj, master, "sign", new { department = "CGJ" }));
        await Ok(await api.Step(TestUsers.Cgj, master, "reply", new { department = "CGJ", result = "已关阀抢修，供水已恢复" }));
        foreach (var id in ids.Skip(1))
        {
            // The master passes its answer on after its own reply is durable, outside the request.
            var merged = await Ok(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/tickets/{id}"));
            for (var attempt = 0; attempt < 100 && merged.GetProperty("result").ValueKind == JsonValueKind.Null; attempt++)
            {
                await Task.Delay(50);
                merged = await Ok(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/tickets/{id}"));
            }

            Assert.Equal("已关阀抢修，供水已恢复", merged.GetProperty("result").GetString());
            Assert.True(merged.GetProperty("awaitingSurvey").GetBoolean());
        }
    }
}

public sealed class SqliteRoutingApiTests(SqliteApiFactory api) : RoutingApiTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresRoutingApiTests(PostgresApiFactory api) : RoutingApiTests(api), IClassFixture<PostgresApiFactory>;
