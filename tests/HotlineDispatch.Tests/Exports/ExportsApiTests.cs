using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Exports;

/// <summary>CSV exports over HTTP: UTF-8 with BOM, the list's filters and scoping, and the stats' rows.</summary>
public abstract class ExportsApiTests(HotlineApiFactory api)
{
    private async Task<string> Dispatched(string lead, string content)
    {
        var created = await api.ClientFor(TestUsers.Operator).PostAsJsonAsync("/api/v1/tickets", new
        {
            channel = "sms", caller = new { phone = "13812345678" }, address = "建设路8号", gridCell = "G-EXP", content, type = "complaint",
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var dispatched = await api.ClientFor(TestUsers.Dispatcher).PostAsJsonAsync($"/api/v1/tickets/{id}/dispatch", new { lead });
        Assert.Equal(HttpStatusCode.OK, dispatched.StatusCode);
        return id;
    }

    private static async Task<List<string>> Lines(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    [Fact]
    public async Task Tickets_export_with_the_list_filters_and_a_department_sees_only_its_own()
    {
        var cgj = await Dispatched("CGJ", "占道经营，\"早市\"堵路");
        var jtj = await Dispatched("JTJ", "=1+2 公交站牌损坏");

        var all = await Lines(await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/exports/tickets.csv?gridCell=G-EXP"));
        Assert.StartsWith("工单编号,状态,渠道,类型", all[0]);
        Assert.Contains(all, l => l.StartsWith($"{cgj},已派单,短信,投诉,否,CGJ,城市管理局,", StringComparison.Ordinal)
                                  && l.Contains("\"占道经营，\"\"早市\"\"堵路\"", StringComparison.Ordinal));
        Assert.Contains(all, l => l.StartsWith(jtj, StringComparison.Ordinal) && l.Contains(",'=1+2 公交站牌损坏,", StringComparison.Ordinal));

        var own = await Lines(await api.ClientFor(TestUsers.Cgj).GetAsync("/api/v1/exports/tickets.csv?gridCell=G-EXP"));
        Assert.Contains(own, l => l.StartsWith(cgj, StringComparison.Ordinal));
        Assert.DoesNotContain(own, l => l.StartsWith(jtj, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Cgj).GetAsync("/api/v1/exports/tickets.csv?department=JTJ")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/exports/tickets.csv?state=lost")).StatusCode);
    }

    [Fact]
    public async Task Stats_export_has_a_row_per_group_with_rates_as_percentages()
    {
        await Dispatched("SWJ", "水管爆裂");
        var lines = await Lines(await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/exports/stats.csv?by=department"));
        Assert.StartsWith("分组(department),名称,受理量", lines[0]);
        var swj = lines.Single(l => l.StartsWith("SWJ,水务局,", StringComparison.Ordinal)).Split(',');
        Assert.True(int.Parse(swj[5]) >= 1);
        Assert.Equal("0%", swj[18]);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Cgj).GetAsync("/api/v1/exports/stats.csv")).StatusCode);
        Assert.Equal("by", (await (await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/exports/stats.csv?by=x"))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }
}

public sealed class SqliteExportsApiTests(SqliteApiFactory api) : ExportsApiTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresExportsApiTests(PostgresApiFactory api) : ExportsApiTests(api), IClassFixture<PostgresApiFactory>;
