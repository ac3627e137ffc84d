using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Grid;
using HotlineDispatch.Silo.Notifications;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using HotlineDispatch.Silo.Tickets;
using HotlineDispatch.Tests.Infrastructure;
using static HotlineDispatch.Tests.Routing.RoutingHttp;

namespace HotlineDispatch.Tests.Notifications;

public abstract class StaffNoticesApiFactory(string storage) : ClockedApiFactory(storage, StaffNoticesTests.Start,
    ("Hotline:Departments:CGJ:Notify:0", StaffNoticesTests.Cgj),
    ("Hotline:Departments:CGJ:Notify:1", "sms:+8613900000002"),
    ("Hotline:Departments:JTJ:Notify:0", StaffNoticesTests.Jtj),
    ("Hotline:Departments:ZJJ:Notify:0", StaffNoticesTests.Zjj),
    ("Hotline:Grid:G-N1:Notify:0", StaffNoticesTests.GridN1),
    ("Hotline:Notifications:InboxWaiting", "00:20:00"));

public sealed class SqliteStaffNoticesApiFactory() : StaffNoticesApiFactory(TestStorage.Sqlite);

public sealed class PostgresStaffNoticesApiFactory() : StaffNoticesApiFactory(TestStorage.Postgres);

/// <summary>
/// Staff notices through the outbox (docs/domain.md §11): dispatch, cards, 督办 and 催办 reach a department's contacts,
/// urgent ones at once and the others gathered per window and held for working hours, and a projection repeated after
/// a crash adds none. No SMS credentials are configured, so the rows stay pending where the test can read them.
/// </summary>
public abstract class StaffNoticesTests(StaffNoticesApiFactory api)
{
    public const string Cgj = "sms:+8613900000001";
    public const string Jtj = "sms:+8613900000003";
    public const string Zjj = "sms:+8613900000004";
    public const string GridN1 = "sms:+8613900000005";

    public static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-02T08:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture);

    private HttpClient Admin => api.ClientWithToken(TestUsers.AdminToken);

    private async Task<string> Dispatched(string lead, bool urgent = false)
    {
        var created = await Ok(await Admin.PostAsJsonAsync("/api/v1/tickets", new
        {
            channel = "call", caller = new { name = "王五", phone = "13900001111" }, address = "人民路1号", content = "小区门口路灯不亮",
            type = "complaint", urgent, dispatch = new { lead },
        }));
        return created.GetProperty("id").GetString()!;
    }

    private async Task<List<JsonElement>> RowsTo(string contact) =>
        (await Ok(await Admin.GetAsync($"/api/v1/outbox?replyTo={Uri.EscapeDataString(contact)}&pageSize=500"))).GetProperty("items")
            .EnumerateArray().ToList();

    [Fact]
    public async Task Dispatch_card_supervision_and_urging_reach_the_department_gathered_per_window_and_an_urgent_dispatch_at_once()
    {
        var day = api.NextMonday();
        api.SetClock(day, "10:00");
        var id = await Dispatched("CGJ");
        api.SetClock(day, "10:01");
        await Ok(await api.ClientFor(TestUsers.Supervisor).PostAsJsonAsync($"/api/v1/tickets/{id}/supervise", new { note = "领导批示，尽快处理" }));
        api.SetClock(day, "11:40");
        // The step records the sign-for card that fell at 11:36, then the urging.
        await Ok(await api.ClientFor(TestUsers.Operator).PostAsJsonAsync($"/api/v1/tickets/{id}/urge", new { note = "市民再次来电" }));
        var urgent = await Dispatched("CGJ", urgent: true);

        var rows = await RowsTo(Cgj);
        var digests = rows.Where(r => r.GetProperty("kind").GetString() == "staff-digest").ToList();
        var texts = string.Join("\n", digests.Select(r => r.GetProperty("text").GetString()));
        Assert.Contains($"【12345派单】工单 {id}", texts);
        Assert.Contains($"【督办】工单 {id}", texts);
        Assert.Contains($"【黄牌】工单 {id}", texts);
        Assert.Contains($"【催办】工单 {id}", texts);
        // 10:00 and 10:01 share the window ending 10:05; the card and the urging at 11:40 the one ending 11:45.
        Assert.Equal(2, digests.Count(r => r.GetProperty("text").GetString()!.Contains(id)));
        Assert.Contains(digests, r => r.GetProperty("nextAttemptAt").GetDateTimeOffset() == At(day, "10:05"));

        var atOnce = Assert.Single(rows, r => r.GetProperty("ticketId").GetString() == urgent);
        Assert.Equal(("staff-dispatch", At(day, "11:40")), (atOnce.GetProperty("kind").GetString(), atOnce.GetProperty("nextAttemptAt").GetDateTimeOffset()));
        Assert.Contains("紧急", atOnce.GetProperty("text").GetString());
        Assert.Equal(rows.Count, (await RowsTo("sms:+8613900000002")).Count);
    }

    [Fact]
    public async Task Outside_working_hours_only_urgent_notices_go_out_and_the_others_wait_for_the_morning()
    {
        var day = api.NextMonday();
        api.SetClock(day, "18:30");
        var routine = await Dispatched("JTJ");
        var urgent = await Dispatched("JTJ", urgent: true);

        var rows = await RowsTo(Jtj);
        var digest = Assert.Single(rows, r => r.GetProperty("text").GetString()!.Contains(routine));
        Assert.Equal(At(day.AddDays(1), "09:00"), digest.GetProperty("nextAttemptAt").GetDateTimeOffset());
        var atOnce = Assert.Single(rows, r => r.GetProperty("ticketId").GetString() == urgent);
        Assert.Equal(At(day, "18:30"), atOnce.GetProperty("nextAttemptAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_projection_repeated_after_a_crash_writes_no_notice_twice()
    {
        var day = api.NextMonday();
        api.SetClock(day, "09:30");
        var id = await Dispatched("ZJJ");
        await Ok(await api.ClientFor(TestUsers.Supervisor).PostAsJsonAsync($"/api/v1/tickets/{id}/urge", new { note = "请尽快处理" }));
        var before = (await RowsTo(Zjj)).Select(r => r.GetRawText()).ToList();

        // What a silo that died after the read model's commit but before the grain kept its mark does on reactivation.
        var ticket = await api.Service<TicketSteps>().Read(id);
        await api.Service<SqlTicketProjection>().ProjectAsync(ticket, 0);

        Assert.Equal(before, (await RowsTo(Zjj)).Select(r => r.GetRawText()).ToList());
    }

    [Fact]
    public async Task A_request_waiting_in_a_cell_longer_than_allowed_is_told_to_the_cell_once()
    {
        var day = api.NextMonday();
        api.SetClock(day, "10:00");
        var group = new GroupRegistration("g-n1", "东湖一群", "G-N1");
        var cell = api.Service<IGrainFactory>().GetGrain<IGridCellGrain>(GridKeys.Cell("G-N1"));
        await cell.Collect(new InboxItem(group, new GroupMessage("m-n1", "u1", "陈阿姨", "楼下垃圾三天没人清运了", At(day, "10:00")),
            At(day, "10:00"), "CGJ", TicketType.Help, false));
        var sweep = api.Services.GetServices<IHostedService>().OfType<InboxWaitingSweep>().Single();

        api.SetClock(day, "10:15");
        await sweep.SweepAsync(["G-N1"], CancellationToken.None);
        Assert.Empty(await RowsTo(GridN1));

        api.SetClock(day, "10:25");
        await sweep.SweepAsync(["G-N1"], CancellationToken.None);
        api.SetClock(day, "10:26");
        await sweep.SweepAsync(["G-N1"], CancellationToken.None);

        var row = Assert.Single(await RowsTo(GridN1));
        Assert.Contains("楼下垃圾", row.GetProperty("text").GetString());
        Assert.Equal(At(day, "10:25"), row.GetProperty("nextAttemptAt").GetDateTimeOffset());
    }

    private static DateTimeOffset At(DateOnly day, string time) =>
        new(day.ToDateTime(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.FromHours(8));
}

public sealed class SqliteStaffNoticesTests(SqliteStaffNoticesApiFactory api) : StaffNoticesTests(api), IClassFixture<SqliteStaffNoticesApiFactory>;

public sealed class PostgresStaffNoticesTests(PostgresStaffNoticesApiFactory api) : StaffNoticesTests(api), IClassFixture<PostgresStaffNoticesApiFactory>;
