using System.Net;
using System.Net.Http.Json;
using HotlineDispatch.Tests.Infrastructure;
using HotlineDispatch.Tests.Tickets;
using static HotlineDispatch.Tests.Routing.RoutingHttp;

namespace HotlineDispatch.Tests.Grid;

/// <summary>
/// What the console's grid pages read, counted and paged by the server: the overdue tickets of each cell for the
/// leader's map, and a cell's open tickets one page at a time. On the clock the paused-overdue tests start from, in a
/// silo of its own.
/// </summary>
public abstract class GridCountsTests(ClockedApiFactory api)
{
    private static DateTimeOffset Start => PausedOverdueTests.Start;

    private HttpClient Admin => api.ClientWithToken(TestUsers.AdminToken);

    private async Task<string> Create(string cell, string content, string? lead)
    {
        var created = await Ok(await Admin.PostAsJsonAsync("/api/v1/tickets", new
        {
            channel = "call", caller = new { name = "王五", phone = "13900001111" }, address = "人民路1号", gridCell = cell, content,
            type = "consultation", dispatch = lead is null ? null : new { lead },
        }));
        return created.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task The_server_counts_each_cells_overdue_tickets_and_pages_a_cells_open_tickets()
    {
        // A consultation has one working day: the dispatched ones are overdue from Tue 11-03 09:00.
        var late = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            late.Add(await Create("G-31", $"医保报销进度咨询 {i}", "YBJ"));
            api.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await Create("G-32", "医保卡挂失咨询", null);
        api.Clock.SetUtcNow(Start.AddDays(3));

        var rows = (await Ok(await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/stats/overdue-by-cell"))).GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("key").GetString(), r.GetProperty("overdue").GetInt32())).ToList();
        Assert.Equal([("G-31", 3)], rows);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Cgj).GetAsync("/api/v1/stats/overdue-by-cell")).StatusCode);

        var second = (await Ok(await Admin.GetAsync("/api/v1/grid/G-31?page=2&pageSize=2"))).GetProperty("openTickets");
        Assert.Equal(3, second.GetProperty("total").GetInt32());
        Assert.Equal([late[2]], second.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.GetAsync("/api/v1/grid/G-31?page=0")).StatusCode);
    }
}

public sealed class SqliteGridCountsTests(SqlitePausedOverdueApiFactory api) : GridCountsTests(api), IClassFixture<SqlitePausedOverdueApiFactory>;

public sealed class PostgresGridCountsTests(PostgresPausedOverdueApiFactory api) : GridCountsTests(api), IClassFixture<PostgresPausedOverdueApiFactory>;
