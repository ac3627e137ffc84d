using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HotlineDispatch.Silo.Measures;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Http;

/// <summary>The public contract of docs/api.md over HTTP: lifecycle, errors, auth and scoping, once per storage back end.</summary>
public abstract class TicketsApiTests(HotlineApiFactory api)
{
    private static object NewTicket(string content = "小区门口路灯不亮一周了", string? gridCell = "G-7", bool anonymous = false,
        string phone = "13812345678") => new
    {
        channel = "call",
        caller = new { name = "张三", phone, anonymous },
        address = "春晖路3号",
        gridCell,
        content,
        type = "complaint",
        urgent = false,
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string> Create(object? ticket = null, TestUser? by = null)
    {
        var response = await api.ClientFor(by ?? TestUsers.Operator).PostAsJsonAsync("/api/v1/tickets", ticket ?? NewTicket());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await Json(response)).GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/tickets/{id}", response.Headers.Location?.OriginalString);
        return id;
    }

    private async Task<string> CreateDispatched(string lead = "CGJ", object? ticket = null)
    {
        var id = await Create(ticket);
        await Ok(await api.ClientFor(TestUsers.Dispatcher).PostAsJsonAsync($"/api/v1/tickets/{id}/dispatch", new { lead, co = Array.Empty<string>() }));
        return id;
    }

    private Task<HttpResponseMessage> Post(TestUser user, string id, string step, object body) =>
        api.ClientFor(user).PostAsJsonAsync($"/api/v1/tickets/{id}/{step}", body);

    [Fact]
    public async Task No_token_is_401_and_an_unknown_token_too()
    {
        var anonymous = await api.CreateClient().GetAsync("/api/v1/tickets");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        var wrong = await api.ClientWithToken("not-a-token").GetAsync("/api/v1/departments");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Health_answers_200_once_the_silo_runs()
    {
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task A_ticket_dispatched_at_intake_is_created_dispatched_and_a_bad_lead_creates_nothing()
    {
        var content = $"一步派单 {Guid.NewGuid():N}";
        var ticket = new
        {
            channel = "call", caller = new { name = "张三", phone = "13812345678", anonymous = false }, address = "春晖路3号",
            gridCell = "G-7", content, type = "complaint", urgent = false, dispatch = new { lead = "CGJ", co = new[] { "GDGS" } },
        };
        var view = await Ok(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/tickets/{await Create(ticket)}"));
        Assert.Equal(("dispatched", "CGJ"), (view.GetProperty("state").GetString(), view.GetProperty("lead").GetString()));
        Assert.Equal(["accept", "dispatch"], view.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.NotEqual(JsonValueKind.Null, view.GetProperty("signBy").ValueKind);

        var cell = $"G-{Guid.NewGuid():N}";
        var misrouted = await api.ClientFor(TestUsers.Operator).PostAsJsonAsync("/api/v1/tickets",
            new { channel = "call", content, gridCell = cell, type = "help", dispatch = new { lead = "NOPE" } });
        Assert.Equal(HttpStatusCode.BadRequest, misrouted.StatusCode);
        Assert.Equal("lead", (await Json(misrouted)).GetProperty("field").GetString());
        var inCell = await Ok(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/tickets?gridCell={cell}"));
        Assert.Equal(0, inCell.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_full_loop_with_a_dissatisfied_survey_reopens_and_closes()
    {
        var id = await CreateDispatched();
        await Ok(await Post(TestUsers.Cgj, id, "sign", new { department = "CGJ" }));
        await Ok(await Post(TestUsers.Cgj, id, "reply", new { department = "CGJ", result = "已更换灯泡" }));

        var reopened = await Ok(await Post(TestUsers.Operator, id, "survey", new { rating = "dissatisfied", comment = "还是不亮" }));
        Assert.Equal("reopened", reopened.GetProperty("state").GetString());

        await Ok(await Post(TestUsers.Cgj, id, "reply", new { department = "CGJ", result = "已更换线路" }));
        await Ok(await Post(TestUsers.Operator, id, "survey", new { rating = "satisfied" }));
        var closed = await Ok(await api.ClientFor(TestUsers.Operator).PostAsync($"/api/v1/tickets/{id}/close", null));

        Assert.Equal("closed", closed.GetProperty("state").GetString());
        Assert.Equal("satisfied", closed.GetProperty("rating").GetString());
        var actions = closed.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["accept", "dispatch", "sign", "reply", "survey", "reply", "survey", "close"], actions);
        Assert.All(closed.GetProperty("history").EnumerateArray(), e => Assert.EndsWith("+08:00", e.GetProperty("at").GetString()));
    }

    [Fact]
    public async Task A_forbidden_step_is_409_naming_the_current_state()
    {
        var id = await Create();
        var response = await Post(TestUsers.Cgj, id, "reply", new { department = "CGJ", result = "done" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        response = await Post(TestUsers.Operator, id, "survey", new { rating = "satisfied" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await Json(response);
        Assert.Equal("accepted", problem.GetProperty("state").GetString());
        Assert.Contains("accepted", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Bad_input_is_400_naming_the_field()
    {
        var client = api.ClientFor(TestUsers.Operator);
        var noContent = await client.PostAsJsonAsync("/api/v1/tickets", NewTicket(content: " "));
        Assert.Equal(HttpStatusCode.BadRequest, noContent.StatusCode);
        Assert.Equal("content", (await Json(noContent)).GetProperty("field").GetString());

        var badChannel = await client.PostAsJsonAsync("/api/v1/tickets", new { channel = "pigeon", content = "x", type = "help" });
        Assert.Equal("channel", (await Json(badChannel)).GetProperty("field").GetString());

        var malformed = await client.PostAsync("/api/v1/tickets", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("body", (await Json(malformed)).GetProperty("field").GetString());

        // Bodies and queries the binder refuses name their field too, not only the ones our own checks refuse.
        var mistyped = await client.PostAsync("/api/v1/tickets", new StringContent(
            """{"channel":"call","content":"x","type":"help","caller":{"name":"王五","phone":13900001111}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, mistyped.StatusCode);
        Assert.Equal("caller.phone", (await Json(mistyped)).GetProperty("field").GetString());
        var notUrgent = await client.PostAsync("/api/v1/tickets", new StringContent(
            """{"channel":"call","content":"x","type":"help","urgent":"yes"}""", Encoding.UTF8, "application/json"));
        Assert.Equal("urgent", (await Json(notUrgent)).GetProperty("field").GetString());
        var badPage = await client.GetAsync("/api/v1/tickets?page=first");
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
        Assert.Equal("page", (await Json(badPage)).GetProperty("field").GetString());

        foreach (var combined in new[] { "report,suggestion", "7", "Complaint, Help" })
        {
            var flags = await client.PostAsJsonAsync("/api/v1/tickets", new { channel = "call", content = "x", type = combined });
            Assert.Equal("type", (await Json(flags)).GetProperty("field").GetString());
        }

        var id = await Create();
        var unknownDepartment = await Post(TestUsers.Dispatcher, id, "dispatch", new { lead = "NOPE" });
        Assert.Equal("lead", (await Json(unknownDepartment)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Unknown_and_malformed_ticket_ids_are_404()
    {
        var client = api.ClientFor(TestUsers.Operator);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/tickets/19990101-000001")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/tickets/deadbeef")).StatusCode);
    }

    [Fact]
    public async Task A_leader_reads_stats_but_cannot_dispatch()
    {
        var id = await Create();
        var dispatch = await Post(TestUsers.Leader, id, "dispatch", new { lead = "CGJ" });
        Assert.Equal(HttpStatusCode.Forbidden, dispatch.StatusCode);

        var stats = await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/stats?by=channel");
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
    }

    [Fact]
    public async Task A_department_sees_only_its_own_tickets_and_masked_phones()
    {
        var ours = await CreateDispatched("CGJ");
        var theirs = await CreateDispatched("JTJ");
        var cgj = api.ClientFor(TestUsers.Cgj);

        var view = await Ok(await cgj.GetAsync($"/api/v1/tickets/{ours}"));
        Assert.Equal("138****5678", view.GetProperty("caller").GetProperty("phone").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await cgj.GetAsync($"/api/v1/tickets/{theirs}")).StatusCode);

        var list = await Ok(await cgj.GetAsync("/api/v1/tickets?pageSize=500"));
        var ids = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Contains(ours, ids);
        Assert.DoesNotContain(theirs, ids);
        Assert.Equal(HttpStatusCode.Forbidden, (await cgj.GetAsync("/api/v1/tickets?department=JTJ")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await Post(TestUsers.Cgj, theirs, "sign", new { department = "JTJ" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(TestUsers.Cgj, theirs, "sign", new { department = "CGJ" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cgj.GetAsync("/api/v1/departments/JTJ/queue")).StatusCode);

        var full = await Ok(await api.ClientFor(TestUsers.Dispatcher).GetAsync($"/api/v1/tickets/{ours}"));
        Assert.Equal("13812345678", full.GetProperty("caller").GetProperty("phone").GetString());
    }

    [Fact]
    public async Task An_anonymous_reporter_is_seen_only_by_the_operator_who_took_it()
    {
        var id = await Create(NewTicket(anonymous: true), TestUsers.Operator);
        await Ok(await Post(TestUsers.Dispatcher, id, "dispatch", new { lead = "CGJ" }));

        foreach (var viewer in new[] { TestUsers.Cgj, TestUsers.Operator2, TestUsers.Leader })
        {
            var caller = (await Ok(await api.ClientFor(viewer).GetAsync($"/api/v1/tickets/{id}"))).GetProperty("caller");
            Assert.Equal(JsonValueKind.Null, caller.GetProperty("name").ValueKind);
            Assert.Equal(JsonValueKind.Null, caller.GetProperty("phone").ValueKind);
        }

        var own = (await Ok(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/tickets/{id}"))).GetProperty("caller");
        Assert.Equal("张三", own.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_user_created_again_under_the_same_name_does_not_inherit_anonymous_reporters()
    {
        var admin = api.ClientWithToken(TestUsers.AdminToken);
        var account = new { role = "operator", token = $"temp-operator-{Guid.NewGuid():N}" };
        var name = $"op-{Guid.NewGuid():N}"[..12];
        await Ok(await admin.PutAsJsonAsync($"/api/v1/users/{name}", account));
        var id = await Create(NewTicket(anonymous: true), new TestUser(name, "operator", account.token));
        var first = (await Ok(await api.ClientWithToken(account.token).GetAsync($"/api/v1/tickets/{id}"))).GetProperty("caller");
        Assert.Equal("13812345678", first.GetProperty("phone").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/users/{name}")).StatusCode);
        await Ok(await admin.PutAsJsonAsync($"/api/v1/users/{name}", account));
        var again = (await Ok(await api.ClientWithToken(account.token).GetAsync($"/api/v1/tickets/{id}"))).GetProperty("caller");
        Assert.Equal(JsonValueKind.Null, again.GetProperty("phone").ValueKind);
    }

    [Fact]
    public async Task Only_the_lead_whose_clock_is_paused_resumes_it_not_a_co_handler()
    {
        var id = await Create();
        await Ok(await Post(TestUsers.Dispatcher, id, "dispatch", new { lead = "CGJ", co = new[] { "JTJ" } }));
        await Ok(await Post(TestUsers.Cgj, id, "sign", new { department = "CGJ" }));
        await Ok(await Post(TestUsers.Jtj, id, "sign", new { department = "JTJ" }));
        await Ok(await Post(TestUsers.Cgj, id, "await-resident", new { text = "请提供具体楼栋号" }));

        Assert.Equal(HttpStatusCode.Conflict, (await Post(TestUsers.Jtj, id, "resident-info", new { text = "3栋" })).StatusCode);
        var paused = await Ok(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/tickets/{id}"));
        Assert.Equal("awaitingResident", paused.GetProperty("state").GetString());
        var resumed = await Ok(await Post(TestUsers.Cgj, id, "resident-info", new { text = "3栋" }));
        Assert.Equal("inProgress", resumed.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_grid_worker_sees_only_its_cell()
    {
        var inCell = await Create(NewTicket(gridCell: "G-7"));
        var elsewhere = await Create(NewTicket(gridCell: "G-8"));
        var grid = api.ClientFor(TestUsers.GridWorker);

        Assert.Equal(HttpStatusCode.OK, (await grid.GetAsync($"/api/v1/tickets/{inCell}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.GetAsync($"/api/v1/tickets/{elsewhere}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.GetAsync("/api/v1/tickets?gridCell=G-8")).StatusCode);
    }

    [Fact]
    public async Task Stats_count_each_step_for_the_department_and_rates_follow()
    {
        var id = await CreateDispatched("SCJGJ");
        await Post(TestUsers.Supervisor, id, "supervise", new { note = "请尽快处理" });
        var returned = await CreateDispatched("SCJGJ");
        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithToken(TestUsers.AdminToken)
            .PostAsJsonAsync($"/api/v1/tickets/{returned}/return", new { department = "SCJGJ", reason = "不属于市场监管" })).StatusCode);

        var stats = await Ok(await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/stats?by=department"));
        var row = stats.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "SCJGJ");
        Assert.Equal(2, row.GetProperty("dispatched").GetInt64());
        Assert.Equal(1, row.GetProperty("returned").GetInt64());
        Assert.Equal(1, row.GetProperty("supervised").GetInt64());
        Assert.Equal(0.5, row.GetProperty("returnRate").GetDouble());
        Assert.Equal(0, row.GetProperty("disposalRate").GetDouble());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("onTimeRate").ValueKind);

        Assert.Equal(HttpStatusCode.BadRequest, (await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/stats?by=weather")).StatusCode);

        // The projection keeps the quarters, which the stats of a whole quarter read, beside the months they sum.
        var months = await Counts("SELECT month, n FROM hotline_measure_month WHERE dimension = 'department' AND value = 'SCJGJ' AND measure = 'dispatched'");
        var quarters = await Counts("SELECT quarter, n FROM hotline_measure_quarter WHERE dimension = 'department' AND value = 'SCJGJ' AND measure = 'dispatched'");
        Assert.NotEmpty(quarters);
        Assert.Equal(months.GroupBy(m => MeasureSpans.Quarter(m.Key)).ToDictionary(g => g.Key, g => g.Sum(m => m.Value)), quarters);
    }

    private async Task<Dictionary<string, long>> Counts(string sql)
    {
        await using var connection = await api.Service<ReadModelDatabase>().OpenAsync(CancellationToken.None);
        await using var reader = await connection.Command(sql).ExecuteReaderAsync();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1));
        }

        return counts;
    }

    [Fact]
    public async Task The_closing_check_sends_a_reply_back_and_the_rework_rate_counts_it()
    {
        var id = await CreateDispatched("ZRZYJ");
        var admin = api.ClientWithToken(TestUsers.AdminToken);
        await Ok(await admin.PostAsJsonAsync($"/api/v1/tickets/{id}/sign", new { department = "ZRZYJ" }));
        await Ok(await admin.PostAsJsonAsync($"/api/v1/tickets/{id}/reply", new { department = "ZRZYJ", result = "已清理" }));

        Assert.Equal(HttpStatusCode.Forbidden, (await Post(TestUsers.Cgj, id, "rework", new { reason = "自己不能核查自己" })).StatusCode);
        var noReason = await Post(TestUsers.Supervisor, id, "rework", new { });
        Assert.Equal("reason", (await Json(noReason)).GetProperty("field").GetString());
        var reworked = await Ok(await Post(TestUsers.Supervisor, id, "rework", new { reason = "现场核查仍有堆放" }));
        Assert.Equal("inProgress", reworked.GetProperty("state").GetString());
        Assert.Equal("rework", reworked.GetProperty("history").EnumerateArray().Last().GetProperty("action").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Post(TestUsers.Supervisor, id, "rework", new { reason = "再次" })).StatusCode);
        await Ok(await admin.PostAsJsonAsync($"/api/v1/tickets/{id}/reply", new { department = "ZRZYJ", result = "已全部清运" }));

        var stats = await Ok(await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/stats?by=department"));
        var row = stats.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "ZRZYJ");
        Assert.Equal((1L, 1L, 1L), (row.GetProperty("dispatched").GetInt64(), row.GetProperty("replied").GetInt64(), row.GetProperty("reworked").GetInt64()));
        Assert.Equal(1.0, row.GetProperty("reworkRate").GetDouble());
        Assert.Equal(1.0, row.GetProperty("disposalRate").GetDouble());
        // A complaint's five working days; the reply to the rework is not a second disposal, so it adds no minutes.
        Assert.Equal(5 * 7 * 60, row.GetProperty("committedMinutes").GetInt64());
        Assert.InRange(row.GetProperty("speedUp").GetDouble(), 0.99, 1.0);
    }

    [Fact]
    public async Task A_department_queue_and_live_counts_reflect_dispatches()
    {
        var id = await CreateDispatched("WJW");
        var queue = await Ok(await api.ClientFor(TestUsers.Dispatcher).GetAsync("/api/v1/departments/WJW/queue"));
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);

        var departments = await Ok(await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/departments"));
        Assert.Equal(21, departments.GetArrayLength());
        var wjw = departments.EnumerateArray().Single(d => d.GetProperty("code").GetString() == "WJW");
        Assert.True(wjw.GetProperty("open").GetInt32() >= 1);
    }

    [Fact]
    public async Task A_co_handlers_queue_shows_that_it_has_signed()
    {
        var id = await Create();
        var admin = api.ClientWithToken(TestUsers.AdminToken);
        await Ok(await admin.PostAsJsonAsync($"/api/v1/tickets/{id}/dispatch", new { lead = "YLJ", co = new[] { "XZSPJ" } }));
        async Task<JsonElement> InQueue() => (await Ok(await admin.GetAsync("/api/v1/departments/XZSPJ/queue")))
            .GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);
        Assert.Equal(0, (await InQueue()).GetProperty("coSigned").GetArrayLength());

        await Ok(await admin.PostAsJsonAsync($"/api/v1/tickets/{id}/sign", new { department = "XZSPJ" }));

        Assert.Equal(["XZSPJ"], (await InQueue()).GetProperty("coSigned").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task An_admin_adds_a_user_whose_token_then_works_and_others_cannot()
    {
        var admin = api.ClientWithToken(TestUsers.AdminToken);
        var put = await admin.PutAsJsonAsync("/api/v1/users/jj1", new { role = "department", department = "JJ", token = "jj-token-000000000001" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithToken("jj-token-000000000001").GetAsync("/api/v1/departments/JJ/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/users")).StatusCode);
        var invalid = await admin.PutAsJsonAsync("/api/v1/users/x", new { role = "department", department = "NOPE", token = "0123456789abcdef" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task Resolving_at_intake_and_listing_by_state()
    {
        var id = await Create(new { channel = "wechat", caller = new { phone = "13600000000" }, address = "", content = "社保卡在哪里补办？", type = "consultation" });
        var resolved = await Ok(await Post(TestUsers.Operator, id, "resolve-now", new { answer = "到区政务服务中心社保窗口办理" }));
        Assert.Equal("resolved", resolved.GetProperty("state").GetString());

        var list = await Ok(await api.ClientFor(TestUsers.Operator).GetAsync("/api/v1/tickets?state=resolved&pageSize=500"));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        Assert.True(list.GetProperty("total").GetInt32() >= 1);
    }
}

public sealed class SqliteTicketsApiTests(SqliteApiFactory api) : TicketsApiTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresTicketsApiTests(PostgresApiFactory api) : TicketsApiTests(api), IClassFixture<PostgresApiFactory>;
