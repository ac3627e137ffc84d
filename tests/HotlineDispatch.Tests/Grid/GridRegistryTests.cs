using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;
using static HotlineDispatch.Tests.Routing.RoutingHttp;

namespace HotlineDispatch.Tests.Grid;

/// <summary>
/// The grid registry through HTTP, on both databases: the source district's 805 cells in 60 communities and 8 streets
/// load in one request, a bad line loads nothing and is named, groups register in bulk, and the statistics by street
/// and by community add up exactly to the cells' own.
/// </summary>
public abstract class GridRegistryTests(HotlineApiFactory api)
{
    private HttpClient Admin => api.ClientWithToken(TestUsers.AdminToken);

    private static string Street(int community) => $"第{community % 8 + 1}街道";

    private static string Community(int cell) => $"第{cell % 60 + 1}社区";

    private static string Cell(int cell) => $"R-{cell + 1:D4}";

    private static string RegistryCsv(Func<int, string?>? lineFor = null)
    {
        var csv = new StringBuilder("district,street,community,cell,name,gridWorkers\r\n");
        for (var i = 0; i < 805; i++)
        {
            csv.Append(lineFor?.Invoke(i) ?? $"江滨区,{Street(i % 60)},{Community(i)},{Cell(i)},\"{Community(i)}{i / 60 + 1}网格\",网格员{i + 1}\r\n");
        }

        return csv.ToString();
    }

    private Task<HttpResponseMessage> Put(string path, string csv) =>
        Admin.PutAsync(path, new StringContent(csv, Encoding.UTF8, "text/csv"));

    [Fact]
    public async Task The_registry_loads_in_one_request_a_bad_line_loads_nothing_and_stats_roll_up_exactly()
    {
        // The other test of the class may have loaded the registry already: what counts is that these uploads change nothing.
        var before = await RegistryTotal();

        // Line 1 is the header, so cell i is on line i + 2: the cell on line 400 repeats the first one.
        var bad = await Put("/api/v1/grid/registry", RegistryCsv(i => i == 398 ? $"江滨区,{Street(0)},{Community(0)},{Cell(0)},重复,某人\r\n" : null));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(400, Assert.Single(errors.EnumerateArray()).GetProperty("line").GetInt32());
        Assert.Equal(before, await RegistryTotal());

        var dry = await Ok(await Put("/api/v1/grid/registry?dryRun=true", RegistryCsv()));
        Assert.Equal((805, 60, 8), (dry.GetProperty("cells").GetInt32(), dry.GetProperty("communities").GetInt32(), dry.GetProperty("streets").GetInt32()));
        Assert.Equal(before, await RegistryTotal());

        var loaded = await Ok(await Put("/api/v1/grid/registry", RegistryCsv()));
        Assert.Equal((805, 60, 8), (loaded.GetProperty("cells").GetInt32(), loaded.GetProperty("communities").GetInt32(), loaded.GetProperty("streets").GetInt32()));
        Assert.Equal(805, await RegistryTotal());
        var cell = await Ok(await Admin.GetAsync($"/api/v1/grid/{Cell(61)}"));
        Assert.Equal((Street(1), Community(61), "网格员62"), (cell.GetProperty("street").GetString(), cell.GetProperty("community").GetString(),
            cell.GetProperty("registeredWorkers")[0].GetString()));

        // Tickets in a spread of cells, some dispatched and answered, one in no cell at all.
        foreach (var i in new[] { 0, 1, 60, 61, 119, 200, 333, 480, 804, 804 })
        {
            var created = await Ok(await Admin.PostAsJsonAsync("/api/v1/tickets", new
            {
                channel = "call", caller = new { name = "王五", phone = "13900001111" }, address = "江滨路", gridCell = Cell(i),
                content = "楼道灯不亮", type = "help", dispatch = i % 2 == 0 ? new { lead = "ZJJ" } : null,
            }));
            Assert.Equal(Street(i % 60), created.GetProperty("street").GetString());
            Assert.Equal(Community(i), created.GetProperty("community").GetString());
        }

        await Ok(await Admin.PostAsJsonAsync("/api/v1/tickets", new
        {
            channel = "call", caller = new { name = "王五", phone = "13900001111" }, address = "无名路", content = "噪音扰民", type = "complaint",
        }));

        var cells = await Rows("gridCell");
        foreach (var by in new[] { "street", "community" })
        {
            var rolled = await Rows(by);
            foreach (var measure in new[] { "accepted", "dispatched" })
            {
                Assert.Equal(cells.Sum(r => r.GetProperty(measure).GetInt64()), rolled.Sum(r => r.GetProperty(measure).GetInt64()));
                Assert.Equal(cells.Where(r => r.GetProperty("key").GetString() == "(none)").Sum(r => r.GetProperty(measure).GetInt64()),
                    rolled.Where(r => r.GetProperty("key").GetString() == "(none)").Sum(r => r.GetProperty(measure).GetInt64()));
            }
        }

        var streets = await Rows("street");
        var first = streets.Single(r => r.GetProperty("key").GetString() == Street(0));
        var ofFirst = cells.Where(r => r.GetProperty("key").GetString() is { } key && key.StartsWith("R-", StringComparison.Ordinal)
            && Street((int.Parse(key[2..], System.Globalization.CultureInfo.InvariantCulture) - 1) % 60) == Street(0));
        Assert.Equal(ofFirst.Sum(r => r.GetProperty("accepted").GetInt64()), first.GetProperty("accepted").GetInt64());
    }

    [Fact]
    public async Task Groups_register_in_bulk_and_a_group_in_an_unknown_cell_registers_none()
    {
        await Ok(await Put("/api/v1/grid/registry", RegistryCsv()));

        var bad = await Put("/api/v1/groups", $"groupId,name,gridCell\nbulk-1,东湖一群,{Cell(0)}\nbulk-2,东湖二群,X-9999\n");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(3, JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0].GetProperty("line").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/api/v1/groups/bulk-1")).StatusCode);

        var done = await Ok(await Put("/api/v1/groups", $"groupId,name,gridCell\nbulk-1,东湖一群,{Cell(0)}\nbulk-2,东湖二群,{Cell(1)}\n"));
        Assert.Equal(2, done.GetProperty("groups").GetInt32());
        Assert.Equal(Cell(1), (await Ok(await Admin.GetAsync("/api/v1/groups/bulk-2"))).GetProperty("gridCell").GetString());
    }

    private async Task<int> RegistryTotal() => (await Ok(await Admin.GetAsync("/api/v1/grid/registry"))).GetProperty("total").GetInt32();

    private async Task<List<JsonElement>> Rows(string by) =>
        (await Ok(await api.ClientFor(TestUsers.Leader).GetAsync($"/api/v1/stats?by={by}"))).GetProperty("rows").EnumerateArray().ToList();
}

public sealed class SqliteGridRegistryTests(SqliteApiFactory api) : GridRegistryTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresGridRegistryTests(PostgresApiFactory api) : GridRegistryTests(api), IClassFixture<PostgresApiFactory>;
