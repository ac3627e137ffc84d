using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Residents;
using HotlineDispatch.Tests.Infrastructure;
using HotlineDispatch.Tickets;
using HotlineDispatch.WeChat;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using static HotlineDispatch.Tests.Channels.WeChatRequests;

namespace HotlineDispatch.Tests.Channels;

/// <summary>The official account in plain mode over HTTP, once per storage back end.</summary>
public abstract class WeChatChannelTests(ChannelsApiFactory api)
{
    private const string Token = ChannelsApiFactory.WeChatToken;

    private IGrainFactory Grains => api.Services.GetRequiredService<IGrainFactory>();

    private Task<HttpResponseMessage> Post(string xml, string? url = null) => api.CreateClient().PostAsync(url ?? Url(Token), Xml(xml));

    private async Task<JsonElement> Ticket(string id) =>
        await api.ClientFor(TestUsers.Operator).GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{id}");

    [Fact]
    public async Task The_url_check_echoes_echostr_and_a_forged_one_is_403()
    {
        var client = api.CreateClient();
        var ok = await client.GetAsync(Url(Token, extra: "&echostr=5928137462837461"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("5928137462837461", await ok.Content.ReadAsStringAsync());

        var forged = await client.GetAsync(Url("not-the-token", extra: "&echostr=1"));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/channels/wechat?echostr=1")).StatusCode);
    }

    [Fact]
    public async Task A_text_message_becomes_a_ticket_and_the_xml_reply_carries_its_number()
    {
        var openId = NewOpenId();
        var msgId = NextMsgId();
        var reply = await XmlReply(await Post(Text(openId, "春晖路3号门口的井盖不见了，晚上很危险", msgId)));

        Assert.Equal((openId, Account, "text"), (reply.Element("ToUserName")!.Value, reply.Element("FromUserName")!.Value, reply.Element("MsgType")!.Value));
        var content = reply.Element("Content")!.Value;
        Assert.Contains("已受理", content);
        var number = NumberIn(content);

        var ticket = await Ticket(number);
        Assert.Equal("wechat", ticket.GetProperty("channel").GetString());
        Assert.Equal("春晖路3号门口的井盖不见了，晚上很危险", ticket.GetProperty("content").GetString());
        Assert.Equal(msgId, ticket.GetProperty("sourceRef").GetString());
        Assert.Equal(JsonValueKind.Null, ticket.GetProperty("caller").GetProperty("phone").ValueKind);
        Assert.False(ticket.GetProperty("caller").GetProperty("anonymous").GetBoolean());
        Assert.Equal($"wechat:{openId}", (await Grains.GetGrain<ITicketGrain>(number).Get()).ReplyTo);
    }

    [Fact]
    public async Task A_retried_msgid_gets_the_same_reply_and_creates_nothing_even_after_its_grain_is_gone()
    {
        var xml = Text(NewOpenId(), "小区路灯不亮", NextMsgId());
        var first = (await XmlReply(await Post(xml))).Element("Content")!.Value;
        var count = await TicketCount(api);

        Assert.Equal(first, (await XmlReply(await Post(xml))).Element("Content")!.Value);
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(first, (await XmlReply(await Post(xml))).Element("Content")!.Value);

        Assert.Equal(count, await TicketCount(api));
    }

    [Fact]
    public async Task A_text_longer_than_a_ticket_holds_is_cut_and_both_the_reply_and_the_ticket_say_so()
    {
        var limit = HotlineDispatch.Tickets.Ticket.MaxText;
        var text = new string('长', limit) + "最后这部分没有记录";
        var reply = (await XmlReply(await Post(Text(NewOpenId(), text, NextMsgId())))).Element("Content")!.Value;

        Assert.Contains($"前{limit}字", reply);
        var ticket = await Ticket(NumberIn(reply));
        Assert.True(ticket.GetProperty("contentTruncated").GetBoolean());
        Assert.Equal(text[..limit], ticket.GetProperty("content").GetString());

        var whole = await Ticket(NumberIn((await XmlReply(await Post(Text(NewOpenId(), "路灯不亮", NextMsgId())))).Element("Content")!.Value));
        Assert.False(whole.GetProperty("contentTruncated").GetBoolean());
    }

    [Fact]
    public async Task Voice_image_and_location_become_tickets()
    {
        var openId = NewOpenId();
        var voice = await XmlReply(await Post(Message(openId, "voice", NextMsgId(),
            "<MediaId><![CDATA[m1]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[楼道里的灯坏了三天了]]></Recognition>")));
        Assert.Equal("楼道里的灯坏了三天了", (await Ticket(NumberIn(voice.Element("Content")!.Value))).GetProperty("content").GetString());

        var image = await XmlReply(await Post(Message(openId, "image", NextMsgId(),
            "<PicUrl><![CDATA[http://mmbiz.qpic.cn/abc/0]]></PicUrl><MediaId><![CDATA[m2]]></MediaId>")));
        var attachments = (await Ticket(NumberIn(image.Element("Content")!.Value))).GetProperty("attachments");
        Assert.Equal(["http://mmbiz.qpic.cn/abc/0"], attachments.EnumerateArray().Select(a => a.GetString()));

        var location = await XmlReply(await Post(Message(openId, "location", NextMsgId(),
            "<Location_X>28.2282</Location_X><Location_Y>112.9388</Location_Y><Scale>16</Scale><Label><![CDATA[江滨区春晖路3号]]></Label>")));
        var placed = await Ticket(NumberIn(location.Element("Content")!.Value));
        Assert.Equal("江滨区春晖路3号", placed.GetProperty("address").GetString());
        Assert.Contains("28.2282", placed.GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_message_that_fails_every_attempt_is_retried_ever_less_often_then_kept_and_handed_to_people_on_the_alert_board()
    {
        // No ticket holds an address this long, so taking this location in fails the same way every time.
        var label = "春晖路" + new string('号', HotlineDispatch.Tickets.Ticket.MaxText);
        var msgId = NextMsgId();
        var openId = NewOpenId();
        var xml = Message(openId, "location", msgId,
            $"<Location_X>28.2282</Location_X><Location_Y>112.9388</Location_Y><Scale>16</Scale><Label><![CDATA[{label}]]></Label>");
        var count = await TicketCount(api);
        Assert.Equal("success", await (await Post(xml)).Content.ReadAsStringAsync());

        var grain = Grains.GetGrain<IWeChatMessageGrain>($"wechat-msg-{msgId}");
        var reminders = api.Services.GetRequiredService<IReminderTable>();
        async Task<IList<ReminderEntry>> Reminders() => (await reminders.ReadRows(grain.GetGrainId())).Reminders;
        var first = Assert.Single(await Reminders()).Period;
        // Each reminder tick is one more attempt; the test plays them instead of waiting hours for them.
        await grain.AsReference<IRemindable>().ReceiveReminder("late-answer", default);
        Assert.True(Assert.Single(await Reminders()).Period > first);
        for (var attempt = 3; attempt <= WeChatRetry.MaxAttempts; attempt++)
        {
            await grain.AsReference<IRemindable>().ReceiveReminder("late-answer", default);
        }

        Assert.Empty(await Reminders());
        var alerts = await api.ClientFor(TestUsers.Supervisor).GetFromJsonAsync<JsonElement>("/api/v1/alerts?open=true");
        var alert = Assert.Single(alerts.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == $"failed-wechat-msg-{msgId}");
        Assert.Equal(("failed-message", JsonValueKind.Null), (alert.GetProperty("kind").GetString(), alert.GetProperty("ticketId").ValueKind));
        Assert.Contains(label, alert.GetProperty("message").GetString()!);
        var leaders = await api.ClientFor(TestUsers.Leader).GetFromJsonAsync<JsonElement>("/api/v1/alerts?open=true&page=1&pageSize=500");
        var masked = Assert.Single(leaders.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == $"failed-wechat-msg-{msgId}")
            .GetProperty("message").GetString()!;
        Assert.DoesNotContain(openId, masked);
        Assert.DoesNotContain("春晖路", masked);
        var stored = new GrainState<WeChatMessageState>();
        await api.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Hotline).ReadStateAsync("wechat-message", grain.GetGrainId(), stored);
        var kept = stored.State!;
        Assert.Equal((label, true, WeChatRetry.MaxAttempts), (kept.Message?.Label, kept.Parked, kept.Failures));
        // The resident, who heard only WeChat's bare success, is told that people have the message now.
        var told = Assert.Single(api.Outbox.To($"wechat:{openId}"));
        Assert.Equal((NoticeKinds.HandedOver, ResidentTexts.HandedToStaff), (told.Kind, told.Text));

        // Parked is final: a stray tick or a repeat of the message starts nothing again.
        await grain.AsReference<IRemindable>().ReceiveReminder("late-answer", default);
        Assert.Equal("success", await (await Post(xml)).Content.ReadAsStringAsync());
        Assert.Empty(await Reminders());
        Assert.Equal(count, await TicketCount(api));
    }

    [Fact]
    public async Task A_status_query_answers_the_senders_own_ticket_only()
    {
        var openId = NewOpenId();
        var number = NumberIn((await XmlReply(await Post(Text(openId, "垃圾桶三天没清了", NextMsgId())))).Element("Content")!.Value);
        var count = await TicketCount(api);

        var own = (await XmlReply(await Post(Text(openId, $"查询 {number}", NextMsgId())))).Element("Content")!.Value;
        Assert.Contains(number, own);
        Assert.Contains("已受理", own);

        var other = (await XmlReply(await Post(Text(NewOpenId(), $"查询 {number}", NextMsgId())))).Element("Content")!.Value;
        Assert.Contains("未查询到", other);
        Assert.Equal(count, await TicketCount(api));
    }

    [Fact]
    public async Task A_survey_answer_rates_the_senders_replied_ticket_and_a_bare_query_gets_help_instead_of_becoming_a_ticket()
    {
        var openId = NewOpenId();
        var number = NumberIn((await XmlReply(await Post(Text(openId, "楼道灯坏了一个星期", NextMsgId())))).Element("Content")!.Value);
        await TwilioTesting.Json(await TwilioTesting.Step(api, TestUsers.Dispatcher, number, "dispatch", new { lead = "CGJ", co = Array.Empty<string>() }));
        await TwilioTesting.Json(await TwilioTesting.Step(api, TestUsers.Cgj, number, "sign", new { department = "CGJ" }));
        await TwilioTesting.Json(await TwilioTesting.Step(api, TestUsers.Cgj, number, "reply", new { department = "CGJ", result = "已更换灯泡" }));
        var count = await TicketCount(api);

        var thanks = (await XmlReply(await Post(Text(openId, "1", NextMsgId())))).Element("Content")!.Value;
        Assert.Contains("感谢", thanks);
        Assert.Equal("satisfied", (await Ticket(number)).GetProperty("rating").GetString());
        var nothingLeft = (await XmlReply(await Post(Text(openId, "２ 基本满意", NextMsgId())))).Element("Content")!.Value;
        Assert.Contains("没有待评价", nothingLeft);
        var help = (await XmlReply(await Post(Text(openId, "查询", NextMsgId())))).Element("Content")!.Value;
        Assert.Contains("查询 工单号", help);
        Assert.Equal(count, await TicketCount(api));
    }

    [Fact]
    public async Task A_subscribe_event_gets_a_welcome_and_its_retry_the_same()
    {
        var xml = Message(NewOpenId(), "event", null, "<Event><![CDATA[subscribe]]></Event>");
        var welcome = (await XmlReply(await Post(xml))).Element("Content")!.Value;
        Assert.Contains("欢迎", welcome);
        Assert.Equal(welcome, (await XmlReply(await Post(xml))).Element("Content")!.Value);

        var other = await Post(Message(NewOpenId(), "event", null, "<Event><![CDATA[unsubscribe]]></Event>"));
        Assert.Equal("success", await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_forged_signature_is_403_and_creates_nothing()
    {
        var count = await TicketCount(api);
        var xml = Text(NewOpenId(), "伪造的消息", NextMsgId());

        Assert.Equal(HttpStatusCode.Forbidden, (await Post(xml, Url("forged-token"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(xml, "/channels/wechat")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(xml, Url(Token).Replace("timestamp=", "timestamp=9"))).StatusCode);
        Assert.Equal(count, await TicketCount(api));
    }

    [Fact]
    public async Task A_captured_query_signs_neither_another_body_nor_anything_once_stale()
    {
        var count = await TicketCount(api);
        var captured = Url(Token);
        var xml = Text(NewOpenId(), "小区门口垃圾堆积", NextMsgId());
        var first = (await XmlReply(await Post(xml, captured))).Element("Content")!.Value;
        Assert.Equal(first, (await XmlReply(await Post(xml, captured))).Element("Content")!.Value);

        Assert.Equal(HttpStatusCode.Forbidden, (await Post(Text(NewOpenId(), "查询", NextMsgId()), captured)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(Text(NewOpenId(), "又一处垃圾堆积", NextMsgId()), captured)).StatusCode);
        var stale = DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds().ToString();
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(Text(NewOpenId(), "旧的请求", NextMsgId()), Url(Token, timestamp: stale))).StatusCode);
        Assert.Equal(count + 1, await TicketCount(api));
    }

    [Fact]
    public async Task An_xxe_payload_is_refused_and_creates_nothing()
    {
        var count = await TicketCount(api);
        var response = await Post(WeChatXmlTests.Xxe);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync());
        Assert.Equal(count, await TicketCount(api));
    }

    [Fact]
    public async Task An_oversize_body_is_413_and_malformed_ones_are_400_naming_the_field()
    {
        var huge = await Post(Text(NewOpenId(), new string('长', 20_000), NextMsgId()));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        var noMsgId = await Post(Message(NewOpenId(), "text", null, "<Content>hi</Content>"));
        Assert.Equal(HttpStatusCode.BadRequest, noMsgId.StatusCode);
        Assert.Equal("MsgId", (await noMsgId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await Post("<xml><unclosed>")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(Text(NewOpenId(), "x", NextMsgId()), Url(Token, extra: "&encrypt_type=aes"))).StatusCode);
    }
}

[Collection(SqliteChannels.Name)]
public sealed class SqliteWeChatChannelTests(SqliteChannelsApiFactory api) : WeChatChannelTests(api);

[Collection(PostgresChannels.Name)]
public sealed class PostgresWeChatChannelTests(PostgresChannelsApiFactory api) : WeChatChannelTests(api);
