using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;
using static HotlineDispatch.Tests.Routing.RoutingHttp;

namespace HotlineDispatch.Tests.Disputes;

public sealed class SqliteDisputesApiFactory() : ClockedApiFactory(TestStorage.Sqlite, DisputesApiTests.Monday);

public sealed class PostgresDisputesApiFactory() : ClockedApiFactory(TestStorage.Postgres, DisputesApiTests.Monday);

/// <summary>
/// 派单异议 and 催办 through the HTTP surface: the review queue, an upheld dispute that charges its department nothing,
/// a rejected one that changes no clock, the alert for one left unreviewed, and urging counted in the stats.
/// Each test works with departments of its own, because the statistics are shared by the class.
/// </summary>
public abstract class DisputesApiTests(ClockedApiFactory api)
{
    // A Monday before the tests' own: at 09:00 a dispatch's sign-for limit and dispute window (2 working hours) end at 11:00.
    public static readonly DateTimeOffset Monday = DateTimeOffset.Parse("2026-11-02T09:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture);

    private HttpClient Admin => api.ClientWithToken(TestUsers.AdminToken);

    private DateOnly _day;

    private void OnAFreshMonday() => _day = api.NextMonday();

    private void At(string time) => api.SetClock(_day, time);

    private async Task<string> Dispatched(string lead, string content = "河道里漂着大量垃圾")
    {
        var created = await Ok(await api.ClientFor(TestUsers.Operator).PostAsJsonAsync("/api/v1/tickets", new
        {
            channel = "call", caller = new { name = "王五", phone = "13900001111" }, address = "滨河路8号", content, type = "complaint",
            dispatch = new { lead },
        }));
        return created.GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> StatsOf(string department) =>
        (await Ok(await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/stats?by=department&from=2026-01-01"))).GetProperty("rows")
            .EnumerateArray().Single(r => r.GetProperty("key").GetString() == department);

    private async Task<List<string?>> OpenDisputes() =>
        (await Ok(await api.ClientFor(TestUsers.Dispatcher).GetAsync("/api/v1/disputes?open=true"))).GetProperty("items")
            .EnumerateArray().Select(d => d.GetProperty("ticketId").GetString()).ToList();

    [Fact]
    public async Task An_upheld_dispute_redispatches_and_charges_the_disputing_department_nothing()
    {
        OnAFreshMonday();
        At("09:00");
        var id = await Dispatched("CGJ");
        At("10:50");
        await Ok(await api.Step(TestUsers.Cgj, id, "dispute", new { reason = "河道保洁属于水务局职责", suggested = "SWJ" }));
        Assert.Contains(id, await OpenDisputes());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Cgj).GetAsync("/api/v1/disputes")).StatusCode);

        // The sign-for limit passes while the dispute waits: the cards fall on CGJ, then go with the dispatch.
        At("11:20");
        var decided = await Ok(await api.Step(TestUsers.Supervisor, id, "dispute/decision", new { upheld = true, note = "确属水务局职责" }));

        Assert.Equal(("SWJ", "dispatched"), (decided.GetProperty("lead").GetString(), decided.GetProperty("state").GetString()));
        Assert.Equal(0, decided.GetProperty("cards").GetArrayLength());
        Assert.True(decided.GetProperty("disputes")[0].GetProperty("upheld").GetBoolean());
        Assert.DoesNotContain(id, await OpenDisputes());
        var cgj = await StatsOf("CGJ");
        Assert.Equal((0, 0, 0, 0), (cgj.GetProperty("dispatched").GetInt64(), cgj.GetProperty("yellowCards").GetInt64(),
            cgj.GetProperty("redCards").GetInt64(), cgj.GetProperty("returned").GetInt64()));
        Assert.Equal((1, 1), (cgj.GetProperty("disputed").GetInt64(), cgj.GetProperty("disputesUpheld").GetInt64()));
        Assert.Equal(1, (await StatsOf("SWJ")).GetProperty("dispatched").GetInt64());

        var assessment = await Ok(await api.ClientFor(TestUsers.Leader).GetAsync($"/api/v1/assessment?month={_day:yyyy-MM}"));
        var row = assessment.GetProperty("departments").EnumerateArray().Single(d => d.GetProperty("department").GetString() == "CGJ");
        Assert.Equal((0, 1, 1), (row.GetProperty("cases").GetInt32(), row.GetProperty("disputed").GetInt64(), row.GetProperty("disputesUpheld").GetInt64()));

        var corrections = await Ok(await Admin.GetAsync("/api/v1/routing/corrections"));
        Assert.Contains(corrections.GetProperty("items").EnumerateArray(), c =>
            c.GetProperty("ticketId").GetString() == id && c.GetProperty("department").GetString() == "SWJ"
            && c.GetProperty("suggested").GetString() == "CGJ");
    }

    [Fact]
    public async Task A_rejected_dispute_leaves_the_deadlines_as_if_none_had_been_raised()
    {
        OnAFreshMonday();
        At("09:00");
        var disputed = await Dispatched("YLJ", "公园里的树枝折断挡路");
        var quiet = await Dispatched("YLJ", "公园里的路灯不亮");
        At("10:00");
        await Ok(await Admin.PostAsJsonAsync($"/api/v1/tickets/{disputed}/dispute", new { reason = "不属于园林局" }));
        At("11:30");
        var rejected = await Ok(await api.Step(TestUsers.Dispatcher, disputed, "dispute/decision", new { upheld = false, note = "公园树木归园林局" }));
        await Ok(await Admin.PostAsJsonAsync($"/api/v1/tickets/{quiet}/urge", new { note = "请尽快签收" }));
        var untouched = await Ok(await Admin.GetAsync($"/api/v1/tickets/{quiet}"));

        Assert.Equal(("YLJ", "dispatched"), (rejected.GetProperty("lead").GetString(), rejected.GetProperty("state").GetString()));
        foreach (var field in new[] { "signBy", "replyBy" })
        {
            Assert.Equal(untouched.GetProperty(field).GetString(), rejected.GetProperty(field).GetString());
        }

        // The card that fell at 11:00 while the dispute waited is there, as on the ticket nobody disputed.
        Assert.Equal(untouched.GetProperty("cards").GetRawText(), rejected.GetProperty("cards").GetRawText());
    }

    [Fact]
    public async Task A_dispute_left_unreviewed_past_its_limit_raises_an_alert()
    {
        OnAFreshMonday();
        At("09:00");
        var id = await Dispatched("ZJJ", "小区外墙瓷砖脱落");
        At("09:30");
        await Ok(await Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/dispute", new { reason = "属于物业维修", suggested = "JDB" }));
        Assert.Equal(HttpStatusCode.Conflict,
            (await Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/dispute", new { reason = "再次异议" })).StatusCode);

        At("10:31");
        JsonElement? alert = null;
        for (var attempt = 0; attempt < 100 && alert is null; attempt++)
        {
            var alerts = await Ok(await api.ClientFor(TestUsers.Supervisor).GetAsync("/api/v1/alerts?open=true"));
            alert = alerts.GetProperty("items").EnumerateArray()
                .Cast<JsonElement?>()
                .FirstOrDefault(a => a!.Value.GetProperty("kind").GetString() == "dispute-overdue" && a.Value.GetProperty("ticketId").GetString() == id);
            await Task.Delay(100);
        }

        Assert.NotNull(alert);
        var disputes = await Ok(await api.ClientFor(TestUsers.Supervisor).GetAsync("/api/v1/disputes?open=true"));
        Assert.True(disputes.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("ticketId").GetString() == id)
            .GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Urging_is_counted_per_department_and_shown_in_its_queue()
    {
        OnAFreshMonday();
        At("09:00");
        var id = await Dispatched("JTJ", "路口红绿灯坏了");
        await Ok(await api.Step(TestUsers.Operator, id, "urge", new { note = "市民再次来电催促" }));
        var urged = await Ok(await api.Step(TestUsers.Supervisor, id, "urge", new { note = "请今日内处理" }));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Step(TestUsers.Jtj, id, "urge", new { note = "自己催自己" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Step(TestUsers.Supervisor, id, "urge", new { note = "" })).StatusCode);

        Assert.Equal(2, urged.GetProperty("urged").GetInt32());
        Assert.Equal(2, (await StatsOf("JTJ")).GetProperty("urged").GetInt64());
        var queue = await Ok(await api.ClientFor(TestUsers.Jtj).GetAsync("/api/v1/departments/JTJ/queue"));
        Assert.Equal(2, queue.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetString() == id).GetProperty("urged").GetInt32());
    }
}

public sealed class SqliteDisputesApiTests(SqliteDisputesApiFactory api) : DisputesApiTests(api), IClassFixture<SqliteDisputesApiFactory>;

public sealed class PostgresDisputesApiTests(PostgresDisputesApiFactory api) : DisputesApiTests(api), IClassFixture<PostgresDisputesApiFactory>;
