using System.Globalization;
using System.Net.Http.Json;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Tests.Infrastructure;
using static HotlineDispatch.Tests.Routing.RoutingHttp;

namespace HotlineDispatch.Tests.Tickets;

public sealed class SqliteDepartmentListCountApiFactory() : ClockedApiFactory(TestStorage.Sqlite, DepartmentListCountTests.Start);

public sealed class PostgresDepartmentListCountApiFactory() : ClockedApiFactory(TestStorage.Postgres, DepartmentListCountTests.Start);

/// <summary>
/// A department's list filtered by state and period is counted from day counts the projection moves, and the index
/// only for the hours at the period's ends: on tickets accepted over a fortnight, led and co-handled, some signed, the
/// count of every period (whole days, parts of days, less than a day, open at either end) and state must be the rows
/// its pages list, as the projection keeps the counts and again once an upgraded database's start-up has built them.
/// </summary>
public abstract class DepartmentListCountTests(ClockedApiFactory api)
{
    public static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-10-05T07:30:00+08:00", CultureInfo.InvariantCulture);

    private HttpClient Admin => api.ClientWithToken(TestUsers.AdminToken);

    [Fact]
    public async Task A_departments_count_by_state_and_period_is_the_number_of_rows_its_list_holds()
    {
        var random = new Random(20261207);
        for (var i = 0; i < 24; i++)
        {
            var coHandled = i % 3 == 0;
            var created = await Ok(await Admin.PostAsJsonAsync("/api/v1/tickets", new
            {
                channel = "call", caller = new { name = "赵六", phone = "13900002222" }, address = "人民路9号", gridCell = "G-41",
                content = $"部门计数 {i}", type = "complaint",
                dispatch = coHandled ? new { lead = "CGJ", co = new[] { "SWJ" } } : (object)new { lead = "SWJ" },
            }));
            if (random.Next(2) == 0)
            {
                await Ok(await Admin.PostAsJsonAsync($"/api/v1/tickets/{created.GetProperty("id").GetString()}/sign",
                    new { department = coHandled ? "CGJ" : "SWJ" }));
            }

            api.Clock.Advance(TimeSpan.FromMinutes(random.Next(3 * 60, 30 * 60)));
        }

        await AssertCountsAsync(random);

        await using (var connection = await api.Service<ReadModelDatabase>().OpenAsync(CancellationToken.None))
        {
            await connection.Command("DELETE FROM hotline_ticket_department_day; DELETE FROM hotline_ticket_department_day_filled").RunAsync();
        }

        await api.Service<HotlineStorage>().EnsureSchemaAsync(CancellationToken.None);
        await AssertCountsAsync(random);
    }

    private async Task AssertCountsAsync(Random random)
    {
        var end = api.Clock.GetUtcNow();
        string Instant(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));
        DateTimeOffset Between() => Start.AddMinutes(random.Next(-600, (int)(end - Start).TotalMinutes + 600));
        var periods = new List<string> { "", $"&from={Instant(Start.AddHours(3))}", $"&to={Instant(end.AddHours(-40))}", "&from=2026-10-07&to=2026-10-12" };
        for (var i = 0; i < 12; i++)
        {
            var (a, b) = (Between(), Between());
            var (from, to) = a < b ? (a, b) : (b, a);
            // Every fourth period is shorter than a day, and one in three starts at a UTC midnight.
            to = i % 4 == 0 ? from.AddHours(random.Next(1, 23)) : to;
            from = i % 3 == 0 ? new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero) : from;
            periods.Add($"&from={Instant(from)}&to={Instant(to)}");
        }

        foreach (var period in periods)
        {
            foreach (var state in new[] { "", "&state=dispatched", "&state=inProgress" })
            {
                var page = await Ok(await api.ClientFor(TestUsers.Supervisor).GetAsync($"/api/v1/tickets?department=SWJ{state}{period}&pageSize=100"));
                Assert.True(page.GetProperty("items").GetArrayLength() == page.GetProperty("total").GetInt32(), $"{state}{period}: {page}");
            }
        }

        var all = await Ok(await api.ClientFor(TestUsers.Supervisor).GetAsync("/api/v1/tickets?department=SWJ&pageSize=100"));
        Assert.Equal(24, all.GetProperty("total").GetInt32());
    }
}

public sealed class SqliteDepartmentListCountTests(SqliteDepartmentListCountApiFactory api)
    : DepartmentListCountTests(api), IClassFixture<SqliteDepartmentListCountApiFactory>;

public sealed class PostgresDepartmentListCountTests(PostgresDepartmentListCountApiFactory api)
    : DepartmentListCountTests(api), IClassFixture<PostgresDepartmentListCountApiFactory>;
