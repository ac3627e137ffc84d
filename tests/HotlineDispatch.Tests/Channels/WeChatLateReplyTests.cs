using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;
using HotlineDispatch.WeChat;
using Microsoft.Extensions.DependencyInjection;
using static HotlineDispatch.Tests.Channels.WeChatRequests;

namespace HotlineDispatch.Tests.Channels;

/// <summary>
/// A reply budget of zero makes every answer late: WeChat gets <c>success</c> at once, and the answer
/// follows through the outbox. The grain and the recorded outbox are the same on both back ends, so SQLite suffices.
/// </summary>
public sealed class WeChatLateReplyTests(LateReplyApiFactory api) : IClassFixture<LateReplyApiFactory>
{
    private async Task<string> PostText(string openId, string content, string msgId)
    {
        var response = await api.CreateClient().PostAsync(Url(ChannelsApiFactory.WeChatToken), Xml(Text(openId, content, msgId)));
        Assert.True(response.IsSuccessStatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<IReadOnlyList<HotlineDispatch.Outbox.OutboundMessage>> SentTo(string openId, int expected)
    {
        for (var attempt = 0; attempt < 100 && api.Outbox.To($"wechat:{openId}").Count < expected; attempt++)
        {
            await Task.Delay(100);
        }

        return api.Outbox.To($"wechat:{openId}");
    }

    [Fact]
    public async Task A_late_receipt_goes_through_the_outbox_and_a_retry_creates_nothing()
    {
        var openId = NewOpenId();
        var msgId = NextMsgId();
        Assert.Equal("success", await PostText(openId, "小区门口积水很深，走不过去", msgId));

        var receipt = Assert.Single(await SentTo(openId, 1));
        Assert.Equal("receipt", receipt.Kind);
        Assert.NotNull(receipt.TicketId);
        Assert.Contains(receipt.TicketId, receipt.Text);
        var ticket = await api.ClientFor(TestUsers.Operator).GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{receipt.TicketId}");
        Assert.Equal(msgId, ticket.GetProperty("sourceRef").GetString());

        var count = await TicketCount(api);
        Assert.Equal("success", await PostText(openId, "小区门口积水很深，走不过去", msgId));
        await Task.Delay(300);
        Assert.Single(api.Outbox.To($"wechat:{openId}"));
        Assert.Equal(count, await TicketCount(api));
    }

    [Fact]
    public async Task A_late_status_answer_goes_through_the_outbox_too()
    {
        var openId = NewOpenId();
        await PostText(openId, "路灯不亮", NextMsgId());
        var number = (await SentTo(openId, 1))[0].TicketId!;

        Assert.Equal("success", await PostText(openId, $"查询 {number}", NextMsgId()));

        var status = (await SentTo(openId, 2))[^1];
        Assert.Equal(("reply", null), (status.Kind, status.TicketId));
        Assert.Contains(number, status.Text);
    }

    [Fact]
    public async Task A_late_answer_the_outbox_keeps_refusing_goes_to_the_alert_board_after_the_last_attempt()
    {
        var openId = NewOpenId();
        api.Outbox.Refuse($"wechat:{openId}");
        var msgId = NextMsgId();
        Assert.Equal("success", await PostText(openId, "小区门口积水很深，走不过去", msgId));

        var grain = api.Services.GetRequiredService<IGrainFactory>().GetGrain<IWeChatMessageGrain>($"wechat-msg-{msgId}");
        // Each reminder tick is one more attempt; the test plays them instead of waiting hours for them.
        for (var attempt = 1; attempt <= WeChatRetry.MaxAttempts; attempt++)
        {
            await grain.AsReference<IRemindable>().ReceiveReminder("late-answer", default);
        }

        Assert.Empty((await api.Services.GetRequiredService<IReminderTable>().ReadRows(grain.GetGrainId())).Reminders);
        var alerts = await api.ClientFor(TestUsers.Supervisor).GetFromJsonAsync<JsonElement>("/api/v1/alerts?open=true");
        var alert = Assert.Single(alerts.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == $"failed-wechat-msg-{msgId}");
        Assert.Contains("小区门口积水很深，走不过去", alert.GetProperty("message").GetString()!);
        // The ticket was made; only its receipt never reached the outbox, so people can tell the resident its number.
        var ticket = await api.ClientFor(TestUsers.Operator).GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{alert.GetProperty("ticketId").GetString()}");
        Assert.Equal(msgId, ticket.GetProperty("sourceRef").GetString());
    }
}
