using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Assessment;

public sealed class SqliteAssessmentApiFactory() : ClockedApiFactory(TestStorage.Sqlite, AssessmentApiTests.MonthStart,
    ("Hotline:Assessment:MinimumCases", "3"));

public sealed class PostgresAssessmentApiFactory() : ClockedApiFactory(TestStorage.Postgres, AssessmentApiTests.MonthStart,
    ("Hotline:Assessment:MinimumCases", "3"));

/// <summary>
/// A month of events (November 2026, the default 9–12 / 13–17 working calendar) driven through the API
/// on a fake clock, and the assessment table computed by hand from them:
/// <code>
/// dept  cases done  overdue (uncapped)                                completion        rating        complaint  score  rank
/// CGJ   4     3     T2 2 days, T3 16 days: 36 → capped 15             75% → −12.5       3/3 好 +2     −3         71.5   3
/// JTJ   4     4     none                                              100% → 0          3/4 较差 −2    —          98     1
/// SWJ   3     3     W2 1 day: −2 (W3 returned: not counted)           100% → 0          none 0        —          98     1
/// ZJJ   1     1     none                                              100% → 0          1/1 好 +2     —          102    not ranked (1 &lt; 3)
/// </code>
/// T2 was due Fri 11-06 17:00 and answered Tue 11-10 10:30: 8.5 working hours late, so two working days
/// begun. T3 was never answered: late every working day from Mon 11-09 to Mon 11-30, 16 days. W2 waited
/// for the resident from Tue 11-03 09:00 to Mon 11-09 09:00 with 28 working hours left, so its deadline
/// moved to Thu 11-12 17:00, and it was answered Fri 11-13 09:30. W1's approved two-day extension made
/// its Mon 11-09 answer on time. J3's dissatisfied survey reopened it: a second case, answered in time.
/// </summary>
public abstract class AssessmentApiTests(ClockedApiFactory api)
{
    public static readonly DateTimeOffset MonthStart = At(2, "09:00");

    private static DateTimeOffset At(int day, string time) =>
        DateTimeOffset.Parse($"2026-11-{day:00}T{time}:00+08:00", System.Globalization.CultureInfo.InvariantCulture);

    private HttpClient Admin => api.ClientWithToken(TestUsers.AdminToken);

    private void SetClock(int day, string time) => api.Clock.SetUtcNow(At(day, time));

    private async Task<JsonElement> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private Task<JsonElement> Step(string id, string step, object body) =>
        Ok(Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/{step}", body));

    private async Task<string> Dispatched(string department)
    {
        var created = await Ok(Admin.PostAsJsonAsync("/api/v1/tickets", new
        {
            channel = "call", caller = new { name = "王五", phone = "13900001111" }, address = "人民路1号",
            content = "考核样例", type = "complaint",
        }));
        var id = created.GetProperty("id").GetString()!;
        await Step(id, "dispatch", new { lead = department });
        await Step(id, "sign", new { department });
        return id;
    }

    [Fact]
    public async Task A_month_of_seeded_events_gives_the_hand_computed_table()
    {
        SetClock(2, "09:00");
        var t = new List<string>();
        for (var i = 0; i < 4; i++) t.Add(await Dispatched("CGJ"));
        var j = new List<string>();
        for (var i = 0; i < 3; i++) j.Add(await Dispatched("JTJ"));
        var z1 = await Dispatched("ZJJ");
        var w = new List<string>();
        for (var i = 0; i < 4; i++) w.Add(await Dispatched("SWJ"));

        SetClock(2, "10:00");
        await Step(w[2], "return", new { department = "SWJ", reason = "不属于本单位职责" });

        SetClock(3, "09:00");
        await Step(w[1], "await-resident", new { text = "请提供具体位置" });
        SetClock(3, "10:00");
        foreach (var id in j) await Step(id, "reply", new { department = "JTJ", result = "已处理" });

        SetClock(4, "09:00");
        await Step(j[0], "survey", new { rating = "satisfied" });
        await Step(j[1], "survey", new { rating = "satisfied" });
        await Step(j[2], "survey", new { rating = "dissatisfied" });
        SetClock(4, "10:00");
        await Step(t[0], "reply", new { department = "CGJ", result = "已处理" });
        await Step(w[3], "reply", new { department = "SWJ", result = "已处理" });
        await Step(z1, "reply", new { department = "ZJJ", result = "已处理" });

        SetClock(5, "09:00");
        await Step(t[3], "reply", new { department = "CGJ", result = "已处理" });
        await Step(w[0], "extension", new { department = "SWJ", extra = "2.00:00:00", reason = "需协调施工单位" });
        await Step(w[0], "extension/decision", new { approve = true });
        await Step(j[2], "reply", new { department = "JTJ", result = "已重新处理" });

        SetClock(6, "09:00");
        await Step(j[2], "survey", new { rating = "satisfied" });
        await Step(t[0], "survey", new { rating = "satisfied" });
        await Step(t[3], "survey", new { rating = "basic" });
        await Step(z1, "survey", new { rating = "satisfied" });

        SetClock(9, "09:00");
        await Step(w[1], "resident-info", new { text = "在3号楼东侧" });
        var resumed = await Ok(Admin.GetAsync($"/api/v1/tickets/{w[1]}"));
        Assert.Equal("2026-11-12T17:00:00+08:00", resumed.GetProperty("replyBy").GetString());
        await Step(w[0], "reply", new { department = "SWJ", result = "已处理" });

        SetClock(10, "10:30");
        await Step(t[1], "reply", new { department = "CGJ", result = "已处理" });
        SetClock(11, "09:00");
        await Step(t[1], "survey", new { rating = "satisfied" });
        SetClock(13, "09:30");
        await Step(w[1], "reply", new { department = "SWJ", result = "已处理" });

        SetClock(30, "09:00");
        await Dispatched("CGJ");
        var complaint = await api.ClientFor(TestUsers.Supervisor).PostAsJsonAsync("/api/v1/assessment/complaints",
            new { department = "CGJ", month = "2026-11", ticketId = t[1], note = "经核查，经办人推诿属实", points = 3 });
        Assert.Equal(HttpStatusCode.Created, complaint.StatusCode);

        api.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-01T10:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture));
        var table = await Ok(api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/assessment?month=2026-11"));
        Assert.True(table.GetProperty("final").GetBoolean());
        var rows = table.GetProperty("departments").EnumerateArray().ToDictionary(r => r.GetProperty("department").GetString()!);

        void Expect(string code, double score, int? rank, int cases, double overdue, double completion, string rating, double complaints)
        {
            var row = rows[code];
            var deductions = row.GetProperty("deductions");
            Assert.Equal((code, score, rank, cases), (code, row.GetProperty("score").GetDouble(),
                row.GetProperty("rank").ValueKind == JsonValueKind.Null ? null : row.GetProperty("rank").GetInt32(),
                row.GetProperty("cases").GetInt32()));
            Assert.Equal((code, overdue, completion, rating, complaints), (code,
                deductions.GetProperty("overdue").GetProperty("points").GetDouble(),
                deductions.GetProperty("completion").GetProperty("points").GetDouble(),
                row.GetProperty("ratingLabel").GetString()!,
                deductions.GetProperty("complaints").EnumerateArray().Sum(c => c.GetProperty("points").GetDouble())));
        }

        Expect("CGJ", 71.5, 3, 4, 15, 12.5, "好", 3);
        Expect("JTJ", 98, 1, 4, 0, 0, "较差", 0);
        Expect("SWJ", 98, 1, 3, 2, 0, "无评议", 0);
        Expect("ZJJ", 102, null, 1, 0, 0, "好", 0);
        Assert.Equal(JsonValueKind.String, rows["ZJJ"].GetProperty("notRankedBecause").ValueKind);

        var cgjOverdue = rows["CGJ"].GetProperty("deductions").GetProperty("overdue");
        Assert.Equal(36, cgjOverdue.GetProperty("uncapped").GetDouble());
        var late = cgjOverdue.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("ticketId").GetString()!, c => c.GetProperty("days").GetInt32());
        Assert.Equal(new Dictionary<string, int> { [t[2]] = 16, [t[1]] = 2 }, late);
        var swjLate = rows["SWJ"].GetProperty("deductions").GetProperty("overdue").GetProperty("cases").EnumerateArray().Single();
        Assert.Equal((w[1], 1), (swjLate.GetProperty("ticketId").GetString(), swjLate.GetProperty("days").GetInt32()));

        var order = table.GetProperty("departments").EnumerateArray().Select(r => r.GetProperty("department").GetString()).Take(3);
        Assert.Equal(["JTJ", "SWJ", "CGJ"], order);
        Assert.Equal(0.75, rows["CGJ"].GetProperty("deductions").GetProperty("completion").GetProperty("rate").GetDouble());
    }

    [Fact]
    public async Task Only_leaders_supervisors_and_admins_read_it_and_only_supervisors_and_admins_record_complaints()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Dispatcher).GetAsync("/api/v1/assessment")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.ClientFor(TestUsers.Supervisor).GetAsync("/api/v1/assessment")).StatusCode);
        var byLeader = await api.ClientFor(TestUsers.Leader).PostAsJsonAsync("/api/v1/assessment/complaints",
            new { department = "CGJ", note = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, byLeader.StatusCode);

        var bad = await api.ClientFor(TestUsers.Supervisor).PostAsJsonAsync("/api/v1/assessment/complaints", new { department = "NOPE", note = "x" });
        Assert.Equal("department", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        var badMonth = await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/assessment?month=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);

        var created = await api.ClientFor(TestUsers.Supervisor).PostAsJsonAsync("/api/v1/assessment/complaints",
            new { department = "JJ", note = "查实：态度生硬" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await api.ClientWithToken(TestUsers.AdminToken).DeleteAsync($"/api/v1/assessment/complaints/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.ClientWithToken(TestUsers.AdminToken).DeleteAsync($"/api/v1/assessment/complaints/{id}")).StatusCode);
    }
}

public sealed class SqliteAssessmentApiTests(SqliteAssessmentApiFactory api) : AssessmentApiTests(api), IClassFixture<SqliteAssessmentApiFactory>;

public sealed class PostgresAssessmentApiTests(PostgresAssessmentApiFactory api) : AssessmentApiTests(api), IClassFixture<PostgresAssessmentApiFactory>;
