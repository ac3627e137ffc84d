using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;
using static HotlineDispatch.Tests.Routing.RoutingHttp;

namespace HotlineDispatch.Tests.Assessment;

public sealed class SqliteAssessmentPauseApiFactory() : ClockedApiFactory(TestStorage.Sqlite, AssessmentApiTests.MonthStart);

public sealed class PostgresAssessmentPauseApiFactory() : ClockedApiFactory(TestStorage.Postgres, AssessmentApiTests.MonthStart);

/// <summary>
/// An extension approved while the ticket waits for the resident moves the deadline but leaves the clock
/// stopped (docs/domain.md §4): the month's table must not charge days the department could not work.
/// </summary>
public abstract class AssessmentPauseTests(ClockedApiFactory api)
{
    private HttpClient Admin => api.ClientWithToken(TestUsers.AdminToken);

    private async Task<JsonElement> Step(string id, string step, object body) =>
        await Ok(await Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/{step}", body));

    private void SetClock(string at) => api.Clock.SetUtcNow(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task An_extension_approved_during_the_pause_does_not_restart_the_clock_for_the_assessment()
    {
        SetClock("2026-11-02T09:00:00+08:00");
        var created = await Ok(await Admin.PostAsJsonAsync("/api/v1/tickets", new
        {
            channel = "call", caller = new { name = "王五", phone = "13900001111" }, address = "人民路1号", content = "井盖缺失", type = "complaint",
        }));
        var id = created.GetProperty("id").GetString()!;
        await Step(id, "dispatch", new { lead = "SWJ" });
        await Step(id, "sign", new { department = "SWJ" });
        SetClock("2026-11-03T09:00:00+08:00");
        await Step(id, "extension", new { department = "SWJ", extra = "2.00:00:00", reason = "需协调施工单位" });
        SetClock("2026-11-04T09:00:00+08:00");
        await Step(id, "await-resident", new { text = "请提供具体位置" });
        SetClock("2026-11-05T09:00:00+08:00");
        await Step(id, "extension/decision", new { approve = true });

        SetClock("2026-12-01T10:00:00+08:00");
        var ticket = await Ok(await Admin.GetAsync($"/api/v1/tickets/{id}"));
        Assert.Equal("awaitingResident", ticket.GetProperty("state").GetString());
        var table = await Ok(await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/assessment?month=2026-11"));
        var swj = table.GetProperty("departments").EnumerateArray().Single(r => r.GetProperty("department").GetString() == "SWJ");
        var overdue = swj.GetProperty("deductions").GetProperty("overdue");
        Assert.Equal(0, overdue.GetProperty("cases").GetArrayLength());
        Assert.Equal(0, overdue.GetProperty("points").GetDouble());
    }
}

public sealed class SqliteAssessmentPauseTests(SqliteAssessmentPauseApiFactory api) : AssessmentPauseTests(api), IClassFixture<SqliteAssessmentPauseApiFactory>;

public sealed class PostgresAssessmentPauseTests(PostgresAssessmentPauseApiFactory api) : AssessmentPauseTests(api), IClassFixture<PostgresAssessmentPauseApiFactory>;
