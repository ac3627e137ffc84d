using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Http;

/// <summary>
/// What the console's working day needs from the API: 改派, the steps a ticket view offers each role, and the list's
/// filters by caller, words, channel and flags; once per storage back end.
/// </summary>
public abstract class ConsoleWorkApiTests(HotlineApiFactory api)
{
    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string> Create(string content, string phone = "13812345678", bool anonymous = false, string channel = "call",
        TestUser? by = null, string? lead = null)
    {
        var view = await Ok(await api.ClientFor(by ?? TestUsers.Operator).PostAsJsonAsync("/api/v1/tickets", new
        {
            channel, caller = new { name = "张三", phone, anonymous }, address = "春晖路3号", gridCell = "G-7", content, type = "complaint",
            dispatch = lead is null ? null : new { lead },
        }));
        return view.GetProperty("id").GetString()!;
    }

    private Task<HttpResponseMessage> Post(TestUser user, string id, string step, object body) =>
        api.ClientFor(user).PostAsJsonAsync($"/api/v1/tickets/{id}/{step}", body);

    private async Task<string[]> Actions(TestUser user, string id) =>
        (await Ok(await api.ClientFor(user).GetAsync($"/api/v1/tickets/{id}"))).GetProperty("actions").EnumerateArray()
            .Select(a => a.GetString()!).ToArray();

    private async Task<string[]> Listed(TestUser user, string query) =>
        (await Ok(await api.ClientFor(user).GetAsync($"/api/v1/tickets?{query}&pageSize=100"))).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetString()!).ToArray();

    [Fact]
    public async Task A_dispatcher_moves_a_signed_ticket_to_another_department_which_the_queues_and_the_stats_follow()
    {
        var id = await Create($"改派 {Guid.NewGuid():N}", lead: "MZJ");
        var mzj = api.ClientWithToken(TestUsers.AdminToken);
        await Ok(await mzj.PostAsJsonAsync($"/api/v1/tickets/{id}/sign", new { department = "MZJ" }));

        Assert.Equal(HttpStatusCode.Forbidden, (await Post(TestUsers.Operator, id, "redispatch", new { lead = "JTJ", reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(TestUsers.Dispatcher, id, "redispatch", new { lead = "JTJ" })).StatusCode);
        var moved = await Ok(await Post(TestUsers.Dispatcher, id, "redispatch", new { lead = "JTJ", reason = "属交通局职责" }));

        Assert.Equal(("dispatched", "JTJ"), (moved.GetProperty("state").GetString(), moved.GetProperty("lead").GetString()));
        var e = moved.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("redispatch", "MZJ", "JTJ", "属交通局职责"), (e.GetProperty("action").GetString(), e.GetProperty("fromDepartment").GetString(),
            e.GetProperty("department").GetString(), e.GetProperty("note").GetString()));
        var old = await Ok(await mzj.GetAsync("/api/v1/departments/MZJ/queue"));
        Assert.DoesNotContain(old.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        var jtj = await Ok(await api.ClientFor(TestUsers.Jtj).GetAsync("/api/v1/departments/JTJ/queue"));
        Assert.Contains(jtj.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        Assert.Contains("sign", await Actions(TestUsers.Jtj, id));

        var stats = await Ok(await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/stats?by=department"));
        var row = stats.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "MZJ");
        Assert.Equal(1, row.GetProperty("redispatched").GetInt64());
    }

    [Fact]
    public async Task A_ticket_projected_before_the_finder_existed_gets_its_row_at_start_up_and_is_found_by_caller_and_words()
    {
        var phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}";
        var word = $"旧单{Guid.NewGuid():N}";
        var id = await Create($"{word} 路灯不亮", phone, channel: "sms");
        var backfill = api.Service<HotlineDispatch.Silo.ReadModel.TicketFinderBackfill>();
        await backfill.FillAsync(CancellationToken.None);
        var database = api.Service<HotlineDispatch.Silo.ReadModel.ReadModelDatabase>();
        async Task Execute(string sql)
        {
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        // Once every ticket had its row, a start does not look for one missing: none can go missing after.
        await Execute($"DELETE FROM hotline_ticket_find WHERE id = '{id}'");
        Assert.Equal(0, await backfill.FillAsync(CancellationToken.None));
        Assert.Empty(await Listed(TestUsers.Supervisor, $"phone={phone}"));

        // A database from before the finder has no record of it.
        await Execute("DELETE FROM hotline_ticket_find_filled");
        Assert.Equal(1, await backfill.FillAsync(CancellationToken.None));
        Assert.Equal(0, await backfill.FillAsync(CancellationToken.None));
        Assert.Equal([id], await Listed(TestUsers.Supervisor, $"phone={phone}"));
        Assert.Equal([id], await Listed(TestUsers.Supervisor, $"q={word}&channel=sms"));
    }

    [Fact]
    public async Task A_disputed_dispatch_is_offered_for_review_to_its_reviewers_and_urging_to_those_who_may_urge()
    {
        var id = await Create($"异议 {Guid.NewGuid():N}", lead: "CGJ");
        Assert.Contains("dispute", await Actions(TestUsers.Cgj, id));
        Assert.DoesNotContain("dispute/decision", await Actions(TestUsers.Supervisor, id));

        await Ok(await Post(TestUsers.Cgj, id, "dispute", new { reason = "属交通局职责", suggested = "JTJ" }));

        Assert.Contains("dispute/decision", await Actions(TestUsers.Supervisor, id));
        Assert.Contains("dispute/decision", await Actions(TestUsers.Dispatcher, id));
        Assert.DoesNotContain("dispute", await Actions(TestUsers.Cgj, id));
        Assert.DoesNotContain("dispute/decision", await Actions(TestUsers.Cgj, id));
        Assert.Contains("urge", await Actions(TestUsers.Operator, id));
        Assert.DoesNotContain("urge", await Actions(TestUsers.Leader, id));
    }

    [Fact]
    public async Task Each_role_is_offered_the_steps_the_api_lets_it_take_now_and_no_others()
    {
        var id = await Create($"可做之事 {Guid.NewGuid():N}");
        Assert.Equal(["resolve-now", "dispatch", "merge-into", "supplement", "urge"], await Actions(TestUsers.Operator, id));
        Assert.Equal(["supervise", "urge"], await Actions(TestUsers.Supervisor, id));
        Assert.Empty(await Actions(TestUsers.Leader, id));

        await Ok(await Post(TestUsers.Dispatcher, id, "dispatch", new { lead = "CGJ" }));
        Assert.Equal(["merge-into", "supplement", "redispatch", "urge"], await Actions(TestUsers.Dispatcher, id));
        Assert.Equal(["sign", "return", "dispute"], await Actions(TestUsers.Cgj, id));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Jtj).GetAsync($"/api/v1/tickets/{id}")).StatusCode);

        await Ok(await Post(TestUsers.Cgj, id, "sign", new { department = "CGJ" }));
        Assert.Equal(["return", "await-resident", "extension", "reply", "dispute"], await Actions(TestUsers.Cgj, id));
        await Ok(await Post(TestUsers.Cgj, id, "extension", new { department = "CGJ", extra = "1.00:00:00", reason = "需协调" }));
        Assert.Contains("extension/decision", await Actions(TestUsers.Supervisor, id));
        Assert.DoesNotContain("extension", await Actions(TestUsers.Cgj, id));
    }

    [Fact]
    public async Task The_list_finds_a_callers_tickets_by_number_words_channel_and_flags_within_what_the_role_may_see()
    {
        var phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}";
        var word = Guid.NewGuid().ToString("N")[..10];
        var sms = await Create($"短信 {word}", phone: $"+86{phone}", channel: "sms");
        var anonymous = await Create($"匿名 {word}", phone: phone, anonymous: true);
        await Ok(await Post(TestUsers.Dispatcher, sms, "dispatch", new { lead = "CGJ" }));
        await Ok(await Post(TestUsers.Cgj, sms, "sign", new { department = "CGJ" }));
        await Ok(await Post(TestUsers.Cgj, sms, "extension", new { department = "CGJ", extra = "1.00:00:00", reason = "需协调" }));

        Assert.Equal([anonymous, sms], await Listed(TestUsers.Operator, $"phone={phone}"));
        Assert.Equal([sms], await Listed(TestUsers.Operator2, $"phone={phone}"));
        Assert.Equal([sms], await Listed(TestUsers.Supervisor, $"phone=%2B86{phone}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Cgj).GetAsync($"/api/v1/tickets?phone={phone}")).StatusCode);

        Assert.Equal([sms, anonymous], await Listed(TestUsers.Supervisor, $"q={word}&sort=acceptedAt"));
        Assert.Equal([sms], await Listed(TestUsers.Supervisor, $"q={word}&channel=sms"));
        Assert.Equal([sms], await Listed(TestUsers.Supervisor, $"q={word}&pendingExtension=true"));
        Assert.Equal([sms], await Listed(TestUsers.Cgj, $"q={word}"));
        await Ok(await Post(TestUsers.Dispatcher, anonymous, "dispatch", new { lead = "CGJ" }));
        await Ok(await Post(TestUsers.Cgj, anonymous, "return", new { department = "CGJ", reason = "不属本局" }));
        await Ok(await Post(TestUsers.Operator, anonymous, "supplement", new { text = "市民再次来电催问" }));
        Assert.Equal([anonymous], await Listed(TestUsers.Supervisor, $"q={word}&returned=true"));
        Assert.Empty(await Listed(TestUsers.Supervisor, $"q={word}&supervised=true"));
        Assert.Empty(await Listed(TestUsers.Supervisor, "q=%25_%25"));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.ClientFor(TestUsers.Supervisor).GetAsync("/api/v1/tickets?sort=weather")).StatusCode);

        var csv = await (await api.ClientFor(TestUsers.Supervisor).GetAsync($"/api/v1/exports/tickets.csv?q={word}&channel=sms")).Content.ReadAsStringAsync();
        Assert.Contains(sms, csv);
        Assert.DoesNotContain(anonymous, csv);
    }

    [Fact]
    public async Task A_grid_workers_patrol_report_is_a_ticket_of_its_own_cell_counted_as_collected_there()
    {
        var grid = api.ClientFor(TestUsers.GridWorker);
        var before = (await Ok(await grid.GetAsync("/api/v1/grid/G-7"))).GetProperty("measures");
        var report = new { content = "巡查发现春晖路5号井盖缺失", address = "春晖路5号", type = "report", dispatch = "CGJ" };

        var created = await grid.PostAsJsonAsync("/api/v1/grid/G-7/patrol", report);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ticket = await Ok(created);
        Assert.Equal(("patrol", "G-7", "dispatched", "CGJ"), (ticket.GetProperty("channel").GetString(), ticket.GetProperty("gridCell").GetString(),
            ticket.GetProperty("state").GetString(), ticket.GetProperty("lead").GetString()));
        var after = (await Ok(await grid.GetAsync("/api/v1/grid/G-7"))).GetProperty("measures");
        Assert.Equal(before.GetProperty("patrolled").GetInt64() + 1, after.GetProperty("patrolled").GetInt64());
        Assert.Equal(before.GetProperty("requestsCollected").GetInt64() + 1, after.GetProperty("requestsCollected").GetInt64());

        Assert.Equal(HttpStatusCode.Forbidden, (await grid.PostAsJsonAsync("/api/v1/grid/G-8/patrol", report)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Operator).PostAsJsonAsync("/api/v1/grid/G-7/patrol", report)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await grid.PostAsJsonAsync("/api/v1/grid/G-7/patrol", new { content = "x", type = "weather" })).StatusCode);
        var byHand = await api.ClientFor(TestUsers.Operator).PostAsJsonAsync("/api/v1/tickets", new { channel = "patrol", content = "x", type = "report" });
        Assert.Equal(HttpStatusCode.BadRequest, byHand.StatusCode);
    }

    [Fact]
    public async Task A_department_reads_its_queue_a_page_at_a_time()
    {
        await Create($"队列一 {Guid.NewGuid():N}", lead: "WJW");
        await Create($"队列二 {Guid.NewGuid():N}", lead: "WJW");
        var admin = api.ClientWithToken(TestUsers.AdminToken);
        var whole = await Ok(await admin.GetAsync("/api/v1/departments/WJW/queue"));
        var first = await Ok(await admin.GetAsync("/api/v1/departments/WJW/queue?page=1&pageSize=1"));
        var second = await Ok(await admin.GetAsync("/api/v1/departments/WJW/queue?page=2&pageSize=1"));

        Assert.Equal(whole.GetProperty("total").GetInt32(), first.GetProperty("total").GetInt32());
        Assert.Equal(whole.GetProperty("items").EnumerateArray().Take(2).Select(i => i.GetProperty("id").GetString()),
            first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/departments/WJW/queue?pageSize=0")).StatusCode);
    }

    [Fact]
    public async Task A_department_reads_its_own_record_of_the_month_and_no_other()
    {
        var own = await Ok(await api.ClientFor(TestUsers.Cgj).GetAsync("/api/v1/departments/CGJ/record"));
        Assert.Equal("CGJ", own.GetProperty("rates").GetProperty("key").GetString());
        Assert.Matches(@"^\d{4}-\d{2}$", own.GetProperty("month").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/departments/CGJ/record")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Jtj).GetAsync("/api/v1/departments/CGJ/record")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Operator).GetAsync("/api/v1/departments/CGJ/record")).StatusCode);
    }

    [Fact]
    public async Task A_mobile_caller_is_answered_by_sms_a_landline_caller_by_the_survey_worklist_calls_first()
    {
        var word = Guid.NewGuid().ToString("N")[..10];
        var mobile = $"137{Random.Shared.Next(10_000_000, 99_999_999)}";
        var landline = await Create($"座机 {word}", phone: "0571-88886666");
        var byMobile = await Create($"手机 {word}", phone: mobile);

        var receipts = await Ok(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/outbox?ticket={byMobile}"));
        Assert.Equal($"sms:+86{mobile}", receipts.GetProperty("items").EnumerateArray().First().GetProperty("replyTo").GetString());
        Assert.Empty((await Ok(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/outbox?ticket={landline}"))).GetProperty("items").EnumerateArray());

        foreach (var id in new[] { byMobile, landline })
        {
            await Ok(await Post(TestUsers.Operator, id, "resolve-now", new { answer = "已答复" }));
        }

        Assert.Equal([landline, byMobile], await Listed(TestUsers.Operator, $"q={word}&awaitingSurvey=true&sort=surveyCallsFirst"));
        Assert.Contains("survey-unreachable", await Actions(TestUsers.Operator, landline));
    }
}

public sealed class SqliteConsoleWorkApiTests(SqliteApiFactory api) : ConsoleWorkApiTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresConsoleWorkApiTests(PostgresApiFactory api) : ConsoleWorkApiTests(api), IClassFixture<PostgresApiFactory>;
