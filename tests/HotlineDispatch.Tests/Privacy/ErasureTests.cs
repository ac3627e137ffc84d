using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Outbox;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Voice;
using HotlineDispatch.Tests.Infrastructure;
using HotlineDispatch.WeChat;

namespace HotlineDispatch.Tests.Privacy;

/// <summary>A resident's request for access and erasure, answered by an admin over HTTP.</summary>
public abstract class ErasureTests(PrivacyApiFactory api)
{
    private HttpClient Admin => api.ClientWithToken(TestUsers.AdminToken);

    [Fact]
    public async Task Erasure_leaves_no_trace_of_the_number_in_any_table_or_log_and_keeps_every_ticket_and_measure()
    {
        const string phone = "13766668888";
        var operatorClient = api.ClientFor(TestUsers.Operator);
        var answered = await PrivacyApi.CreateAsync(operatorClient, PrivacyApi.Ticket(phone, content: $"楼道灯坏了，请回电{phone}"));
        var anonymous = await PrivacyApi.CreateAsync(operatorClient, PrivacyApi.Ticket($"+86 {phone}", anonymous: true));
        var other = await PrivacyApi.CreateAsync(operatorClient, PrivacyApi.Ticket("13500001111"));
        await PrivacyApi.StepAsync(api, TestUsers.Dispatcher, answered, "dispatch", new { lead = "CGJ" });
        await PrivacyApi.StepAsync(api, TestUsers.Cgj, answered, "sign", new { department = "CGJ" });
        await PrivacyApi.StepAsync(api, TestUsers.Cgj, answered, "reply", new { department = "CGJ", result = "已修复" });
        await PrivacyApi.StepAsync(api, TestUsers.Operator, answered, "survey", new { rating = "satisfied" });
        await api.Service<IOutbox>().EnqueueAsync(new OutboundMessage($"sms:+86{phone}", "您的工单已办结", "result", answered));
        await api.Service<SqlMissedCalls>().AddAsync("CA-missed-1", $"+86{phone}", "+8612345", "no-answer", DateTimeOffset.UtcNow, default);
        await api.Service<SqlCallDrafts>().SpeechAsync("CA-draft-1", $"+86{phone}", "+8612345", "路灯不亮", 0.9, DateTimeOffset.UtcNow, default);
        var stats = await PrivacyApi.MeasuresAsync(api);

        var held = await PrivacyApi.Ok(await Admin.GetAsync($"/api/v1/privacy/subjects?phone={phone}"));
        Assert.Equal($$"""{"phone":"{{phone}}"}""", held.GetProperty("subject").GetRawText());
        Assert.All(held.GetProperty("tickets").EnumerateArray(), t => Assert.True(t.TryGetProperty("replyTo", out _)));
        Assert.Equal([answered, anonymous], held.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("ticket").GetProperty("id").GetString()).Order());
        Assert.Equal(phone, held.GetProperty("tickets")[0].GetProperty("caller").GetProperty("phone").GetString());
        var records = held.GetProperty("records");
        Assert.Subset(records.EnumerateObject().Select(p => p.Name).ToHashSet(), new HashSet<string> { "hotline_call_draft", "hotline_missed_call", "hotline_outbox" });

        var erased = await PrivacyApi.Ok(await Admin.PostAsJsonAsync("/api/v1/privacy/subjects/erase", new { phone, reason = "居民申请删除（编号 A-17）" }));
        Assert.Equal(2, erased.GetProperty("tickets").GetArrayLength());
        Assert.Empty(erased.GetProperty("remaining").EnumerateArray());

        Assert.Empty(await DatabaseTrace.FindAsync(api.Service<HotlineStorage>(), phone));
        Assert.DoesNotContain(phone, api.Logs.Text);
        Assert.Contains("Erased resident 137****8888", api.Logs.Text);

        var ticket = await PrivacyApi.Ok(await Admin.GetAsync($"/api/v1/tickets/{answered}"));
        Assert.Equal(JsonValueKind.Null, ticket.GetProperty("caller").GetProperty("phone").ValueKind);
        Assert.Equal("楼道灯坏了，请回电[已删除]", ticket.GetProperty("content").GetString());
        Assert.Equal(["accept", "dispatch", "sign", "reply", "survey", "eraseCaller"],
            ticket.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("13500001111", (await PrivacyApi.Ok(await Admin.GetAsync($"/api/v1/tickets/{other}"))).GetProperty("caller").GetProperty("phone").GetString());
        Assert.Equal(stats, await PrivacyApi.MeasuresAsync(api));

        var again = await PrivacyApi.Ok(await Admin.PostAsJsonAsync("/api/v1/privacy/subjects/erase", new { phone, reason = "重复申请" }));
        Assert.Empty(again.GetProperty("tickets").EnumerateArray());
        Assert.Equal(2, (await PrivacyApi.AuditAsync(api, "action=erase&subject=137****8888")).Count);
        Assert.Contains("137****8888", (await PrivacyApi.AuditAsync(api, "action=export")).Select(r => r.GetProperty("subject").GetString()));
    }

    [Fact]
    public async Task Delete_erases_too_and_requests_without_one_subject_or_a_reason_are_refused()
    {
        const string phone = "13677779999";
        var id = await PrivacyApi.CreateAsync(api.ClientFor(TestUsers.Operator), PrivacyApi.Ticket(phone));

        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.DeleteAsync($"/api/v1/privacy/subjects?phone={phone}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.GetAsync($"/api/v1/privacy/subjects?phone={phone}&openid=o-abcdefgh")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.GetAsync("/api/v1/privacy/subjects")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Supervisor).GetAsync($"/api/v1/privacy/subjects?phone={phone}")).StatusCode);

        var erased = await PrivacyApi.Ok(await Admin.DeleteAsync($"/api/v1/privacy/subjects?phone={phone}&reason=request"));
        Assert.Equal([id], erased.GetProperty("tickets").EnumerateArray().Select(t => t.GetString()));
        Assert.Empty(await DatabaseTrace.FindAsync(api.Service<HotlineStorage>(), phone));
    }

    [Fact]
    public async Task A_WeChat_resident_is_found_and_erased_by_openid_with_the_message_record_forgotten()
    {
        const string openId = "oWx-privacy-test-0001";
        var message = new WeChatMessage("gh_test", openId, 1_790_000_000, "text", "61000000001") { Content = "路口红绿灯不亮了" };
        var grains = api.Service<IGrainFactory>();
        await grains.GetGrain<IWeChatMessageGrain>(message.DeduplicationKey).Take(message, TimeSpan.FromSeconds(30));

        var held = await PrivacyApi.Ok(await Admin.GetAsync($"/api/v1/privacy/subjects?openid={openId}"));
        Assert.Equal($$"""{"openid":"{{openId}}"}""", held.GetProperty("subject").GetRawText());
        var ticketId = Assert.Single(held.GetProperty("tickets").EnumerateArray()).GetProperty("ticket").GetProperty("id").GetString()!;
        Assert.Equal("路口红绿灯不亮了", Assert.Single(held.GetProperty("wechatMessages").EnumerateArray()).GetProperty("message").GetProperty("content").GetString());

        var erased = await PrivacyApi.Ok(await Admin.PostAsJsonAsync("/api/v1/privacy/subjects/erase", new { openid = openId, reason = "居民申请" }));
        Assert.Equal(1, erased.GetProperty("weChatMessages").GetInt32());
        Assert.Empty(await DatabaseTrace.FindAsync(api.Service<HotlineStorage>(), openId));
        Assert.Null(await grains.GetGrain<IWeChatMessageGrain>(message.DeduplicationKey).Recorded());
        Assert.Equal("路口红绿灯不亮了", (await PrivacyApi.Ok(await Admin.GetAsync($"/api/v1/tickets/{ticketId}"))).GetProperty("content").GetString());
    }
}

public sealed class SqliteErasureTests(SqlitePrivacyApiFactory api) : ErasureTests(api), IClassFixture<SqlitePrivacyApiFactory>;

public sealed class PostgresErasureTests(PostgresPrivacyApiFactory api) : ErasureTests(api), IClassFixture<PostgresPrivacyApiFactory>;
