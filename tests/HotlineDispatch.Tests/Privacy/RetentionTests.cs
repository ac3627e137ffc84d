using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Grid;
using HotlineDispatch.Outbox;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Privacy;
using HotlineDispatch.Silo.Voice;
using HotlineDispatch.Tests.Infrastructure;
using HotlineDispatch.WeChat;

namespace HotlineDispatch.Tests.Privacy;

/// <summary>The retention job over HTTP, with every period one second long.</summary>
public abstract class RetentionTests(PrivacyApiFactory api)
{
    [Fact]
    public async Task Past_their_periods_closed_callers_calls_messages_and_logs_are_gone_while_tickets_and_measures_stay()
    {
        const string phone = "13855556666";
        const string stillOpen = "13955557777";
        var operatorClient = api.ClientFor(TestUsers.Operator);
        var closed = await PrivacyApi.CreateAsync(operatorClient, PrivacyApi.Ticket(phone, content: $"井盖丢了，联系{phone}"));
        var open = await PrivacyApi.CreateAsync(operatorClient, PrivacyApi.Ticket(stillOpen));
        await PrivacyApi.StepAsync(api, TestUsers.Dispatcher, closed, "dispatch", new { lead = "CGJ" });
        await PrivacyApi.StepAsync(api, TestUsers.Cgj, closed, "sign", new { department = "CGJ" });
        await PrivacyApi.StepAsync(api, TestUsers.Cgj, closed, "reply", new { department = "CGJ", result = "已补装井盖" });
        await PrivacyApi.StepAsync(api, TestUsers.Operator, closed, "survey", new { rating = "satisfied" });
        await PrivacyApi.StepAsync(api, TestUsers.Supervisor, closed, "close", new { });
        await api.Service<IOutbox>().EnqueueAsync(new OutboundMessage($"sms:+86{phone}", "您的工单已办结", "result", closed));
        await api.Service<SqlMissedCalls>().AddAsync("CA-ret-missed", $"+86{phone}", "+8612345", "busy", DateTimeOffset.UtcNow, default);
        await api.Service<SqlCallDrafts>().RecordingAsync("CA-ret-draft", $"+86{phone}", "+8612345", "https://api.twilio.com/rec/RE1", 12, DateTimeOffset.UtcNow, default);
        var grains = api.Service<IGrainFactory>();
        var message = new WeChatMessage("gh_test", "oWx-retention-0001", 1_790_000_000, "text", "62000000001") { Content = "小区垃圾没人清运" };
        await grains.GetGrain<IWeChatMessageGrain>(message.DeduplicationKey).Take(message, TimeSpan.FromSeconds(30));
        var group = grains.GetGrain<IChatGroupGrain>(GridKeys.Group("retention-group"));
        await group.Register("春晖社区3网格群", "G-7");
        await group.Receive(new GroupMessage("gm-1", "wxid_resident9", "老王", "大家早上好", DateTimeOffset.UtcNow));
        var measures = await PrivacyApi.MeasuresAsync(api);
        await Task.Delay(TimeSpan.FromSeconds(2.2));

        var removed = await PrivacyApi.Ok(await api.ClientWithToken(TestUsers.AdminToken).PostAsync("/api/v1/admin/retention", null));

        Assert.Equal(1, removed.GetProperty("callers").GetInt32());
        Assert.True(removed.GetProperty("wechatMessages").GetInt32() >= 1);
        Assert.Equal(1, removed.GetProperty("groupMessages").GetInt32());
        Assert.Equal([], await DatabaseTrace.FindAsync(api.Service<HotlineStorage>(), phone));
        Assert.DoesNotContain(phone, api.Logs.Text);
        Assert.NotEmpty(await DatabaseTrace.FindAsync(api.Service<HotlineStorage>(), stillOpen));
        Assert.Null(await grains.GetGrain<IWeChatMessageGrain>(message.DeduplicationKey).Recorded());
        Assert.Empty(await group.RecentLog());

        var ticket = await PrivacyApi.Ok(await api.ClientWithToken(TestUsers.AdminToken).GetAsync($"/api/v1/tickets/{closed}"));
        Assert.Equal(JsonValueKind.Null, ticket.GetProperty("caller").GetProperty("name").ValueKind);
        Assert.Equal("井盖丢了，联系[已删除]", ticket.GetProperty("content").GetString());
        Assert.Equal("eraseCaller", ticket.GetProperty("history").EnumerateArray().Last().GetProperty("action").GetString());
        Assert.Equal(measures, await PrivacyApi.MeasuresAsync(api));

        var again = await api.Service<RetentionJob>().RunAsync(default);
        Assert.Equal(0, again["callers"]);
        Assert.Equal(stillOpen, (await PrivacyApi.Ok(await api.ClientWithToken(TestUsers.AdminToken).GetAsync($"/api/v1/tickets/{open}")))
            .GetProperty("caller").GetProperty("phone").GetString());
    }

    [Fact]
    public async Task One_silo_of_many_takes_the_daily_job_and_nobody_again_until_the_interval_has_passed()
    {
        var sql = api.Service<SqlRetention>();
        var now = DateTimeOffset.UtcNow;
        var day = TimeSpan.FromDays(1);
        var hour = TimeSpan.FromHours(1);
        var takers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => sql.TryLeaseAsync("test-job", $"silo-{i}", now, day, hour, default)));
        Assert.Single(takers, taken => taken);
        var holder = $"silo-{Array.IndexOf(takers, true)}";

        Assert.False(await sql.TryLeaseAsync("test-job", "silo-late", now + TimeSpan.FromMinutes(30), day, hour, default));
        await sql.DoneAsync("test-job", holder, now + TimeSpan.FromMinutes(40), default);
        Assert.False(await sql.TryLeaseAsync("test-job", "silo-late", now + TimeSpan.FromHours(5), day, hour, default));
        Assert.True(await sql.TryLeaseAsync("test-job", "silo-late", now + TimeSpan.FromDays(1.1), day, hour, default));
        Assert.True(await sql.TryLeaseAsync("test-job", "silo-other", now + TimeSpan.FromDays(1.2), day, hour, default));
    }
}

public sealed class SqliteRetentionTests(SqliteRetentionApiFactory api) : RetentionTests(api), IClassFixture<SqliteRetentionApiFactory>;

public sealed class PostgresRetentionTests(PostgresRetentionApiFactory api) : RetentionTests(api), IClassFixture<PostgresRetentionApiFactory>;
