using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Knowledge;

/// <summary>The knowledge base over HTTP: admin-managed entries, Chinese search, and answers at intake that link the entry used.</summary>
public abstract class KnowledgeApiTests(HotlineApiFactory api)
{
    private HttpClient Admin => api.ClientWithToken(TestUsers.AdminToken);

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string> Add(string question, string answer, string? department, params string[] tags) =>
        (await Ok(await Admin.PostAsJsonAsync("/api/v1/knowledge", new { question, answer, department, tags }))).GetProperty("id").GetString()!;

    private async Task<List<string>> Search(string query, string? department = null)
    {
        var url = $"/api/v1/knowledge?q={Uri.EscapeDataString(query)}" + (department is null ? "" : $"&department={department}");
        var found = await Ok(await api.ClientFor(TestUsers.Operator).GetAsync(url));
        return found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    [Fact]
    public async Task Chinese_questions_find_the_entry_that_answers_them_and_only_admins_change_the_base()
    {
        var card = await Add("社保卡丢失了在哪里补办？", "携带身份证到区政务服务中心社保窗口补办，也可在“我的社保”小程序申请。", "RSJ", "社保卡", "补办");
        var lamp = await Add("路灯不亮找谁？", "道路路灯由城市管理局维护，我们将为您派单。", "CGJ", "路灯");
        var water = await Add("停水了什么时候恢复？", "计划停水信息可查询水务局公告；临时停水请说明地址，我们派单处理。", "SWJ");

        var hits = await Search("我的社保卡掉了，要去哪里补办");
        Assert.Equal(card, hits.First());
        Assert.DoesNotContain(water, hits);
        Assert.Equal([lamp], await Search("小区门口的路灯坏了"));
        Assert.Empty(await Search("社保卡", department: "CGJ"));

        var byOperator = await api.ClientFor(TestUsers.Operator).PostAsJsonAsync("/api/v1/knowledge", new { question = "q", answer = "a" });
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        var missing = await Admin.PostAsJsonAsync("/api/v1/knowledge", new { question = "只有问题" });
        Assert.Equal("answer", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        await Ok(await Admin.PutAsJsonAsync($"/api/v1/knowledge/{water}", new { question = "自来水水压太低怎么办？", answer = "请说明地址，我们派单给水务局。", department = "SWJ" }));
        Assert.Empty(await Search("停水恢复"));
        Assert.Equal([water], await Search("水压低"));
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/v1/knowledge/{water}")).StatusCode);
        Assert.Empty(await Search("水压低"));
    }

    [Fact]
    public async Task An_answer_at_intake_links_the_entry_and_counts_in_the_knowledge_share()
    {
        var entry = await Add("公积金怎么提取？", "携带身份证和银行卡到公积金中心办理，或在线上提取。", null, "公积金");
        var operatorClient = api.ClientFor(TestUsers.Operator);

        async Task<string> Resolve(string? knowledgeEntry)
        {
            var created = await Ok(await operatorClient.PostAsJsonAsync("/api/v1/tickets",
                new { channel = "web", caller = new { phone = "13600000000" }, content = "公积金提取咨询", type = "consultation" }));
            var id = created.GetProperty("id").GetString()!;
            var resolved = await Ok(await operatorClient.PostAsJsonAsync($"/api/v1/tickets/{id}/resolve-now",
                new { answer = "到公积金中心办理", knowledgeEntry }));
            Assert.Equal(knowledgeEntry, resolved.GetProperty("knowledgeEntry").GetString());
            return id;
        }

        async Task<(long Resolved, long Linked, double? Share)> WebStats()
        {
            var stats = await Ok(await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/stats?by=channel"));
            var web = stats.GetProperty("rows").EnumerateArray().SingleOrDefault(r => r.GetProperty("key").GetString() == "web");
            return web.ValueKind == JsonValueKind.Undefined
                ? (0, 0, null)
                : (web.GetProperty("resolved").GetInt64(), web.GetProperty("resolvedWithKnowledge").GetInt64(),
                    web.GetProperty("knowledgeShare").ValueKind == JsonValueKind.Null ? null : web.GetProperty("knowledgeShare").GetDouble());
        }

        var before = await WebStats();
        await Resolve(entry);
        await Resolve(entry);
        await Resolve(null);
        var after = await WebStats();
        Assert.Equal((before.Resolved + 3, before.Linked + 2), (after.Resolved, after.Linked));
        Assert.Equal(Math.Round((double)after.Linked / after.Resolved, 6), Math.Round(after.Share!.Value, 6));

        var created = await Ok(await operatorClient.PostAsJsonAsync("/api/v1/tickets",
            new { channel = "web", caller = new { phone = "13600000000" }, content = "咨询", type = "consultation" }));
        var unknown = await operatorClient.PostAsJsonAsync($"/api/v1/tickets/{created.GetProperty("id").GetString()}/resolve-now",
            new { answer = "x", knowledgeEntry = "kb-nope" });
        Assert.Equal("knowledgeEntry", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }
}

public sealed class SqliteKnowledgeApiTests(SqliteApiFactory api) : KnowledgeApiTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresKnowledgeApiTests(PostgresApiFactory api) : KnowledgeApiTests(api), IClassFixture<PostgresApiFactory>;
