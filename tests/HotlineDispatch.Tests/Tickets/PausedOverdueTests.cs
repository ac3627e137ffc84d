using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;
using static HotlineDispatch.Tests.Routing.RoutingHttp;

namespace HotlineDispatch.Tests.Tickets;

public sealed class SqlitePausedOverdueApiFactory() : ClockedApiFactory(TestStorage.Sqlite, PausedOverdueTests.Start);

public sealed class PostgresPausedOverdueApiFactory() : ClockedApiFactory(TestStorage.Postgres, PausedOverdueTests.Start);

/// <summary>
/// Waiting for the resident stops the clock, but it must not hide a ticket that was already late: the
/// overdue list and the department's count keep it, and keep out one paused in time.
/// </summary>
public abstract class PausedOverdueTests(ClockedApiFactory api)
{
    public static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-02T09:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture);

    private HttpClient Admin => api.ClientWithToken(TestUsers.AdminToken);

    private async Task<string> Signed(string content)
    {
        var created = await Ok(await Admin.PostAsJsonAsync("/api/v1/tickets", new
        {
            channel = "call", caller = new { name = "王五", phone = "13900001111" }, address = "人民路1号", content, type = "consultation",
        }));
        var id = created.GetProperty("id").GetString()!;
        await Ok(await Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/dispatch", new { lead = "YBJ" }));
        await Ok(await Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/sign", new { department = "YBJ" }));
        return id;
    }

    private async Task Pause(string id) =>
        await Ok(await Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/await-resident", new { text = "请提供医保卡号" }));

    [Fact]
    public async Task A_ticket_paused_after_its_deadline_stays_overdue_and_one_paused_in_time_does_not_become_so()
    {
        // A consultation has one working day: both are due Tue 11-03 09:00.
        var inTime = await Signed("医保报销进度咨询");
        var late = await Signed("医保卡挂失咨询");
        api.Clock.SetUtcNow(Start.AddHours(2));
        await Pause(inTime);
        api.Clock.SetUtcNow(Start.AddDays(1).AddHours(2));
        await Pause(late);
        api.Clock.SetUtcNow(Start.AddDays(3));

        var overdue = (await Ok(await Admin.GetAsync("/api/v1/tickets?overdue=true&department=YBJ"))).GetProperty("items").EnumerateArray()
            .Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Equal([late], overdue);
        var ybj = (await Ok(await Admin.GetAsync("/api/v1/departments"))).EnumerateArray().Single(d => d.GetProperty("code").GetString() == "YBJ");
        Assert.Equal(1, ybj.GetProperty("overdue").GetInt32());
    }
}

public sealed class SqlitePausedOverdueTests(SqlitePausedOverdueApiFactory api) : PausedOverdueTests(api), IClassFixture<SqlitePausedOverdueApiFactory>;

public sealed class PostgresPausedOverdueTests(PostgresPausedOverdueApiFactory api) : PausedOverdueTests(api), IClassFixture<PostgresPausedOverdueApiFactory>;
