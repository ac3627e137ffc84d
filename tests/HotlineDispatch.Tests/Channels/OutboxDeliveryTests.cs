using System.Net;
using System.Text;
using System.Text.Json;
using HotlineDispatch.Outbox;
using HotlineDispatch.Residents;
using HotlineDispatch.Tests.Infrastructure;
using static HotlineDispatch.Tests.Channels.TwilioTesting;

namespace HotlineDispatch.Tests.Channels;

/// <summary>
/// The outbox sending through provider APIs played by a local server: the exact requests each provider
/// documents, one send per row, retries on 429, and no second send after a crash. Once per back end.
/// </summary>
public abstract class OutboxDeliveryTests(string storageKind)
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string FromNumber = "+15005550006";
    private const string MessagesPath = $"/2010-04-01/Accounts/{AccountSid}/Messages.json";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static (string, string)[] TwilioSending(FakeProviderServer server, params (string, string)[] more) =>
        Settings([
            ("Hotline:Twilio:AccountSid", AccountSid), ("Hotline:Twilio:FromNumber", FromNumber), ("Hotline:Twilio:ApiBaseUrl", server.BaseUrl),
            ("Hotline:Outbox:PollInterval", "00:00:00.100"), ("Hotline:Outbox:RetryBase", "00:00:00.200"), .. more,
        ]);

    private static string Created(string sid) =>
        JsonSerializer.Serialize(new { sid, status = "queued", to = "+86", from = FromNumber, body = "…", error_code = (int?)null, date_created = "Mon, 23 Nov 2026 01:00:00 +0000" });

    /// <summary>A ticket from an SMS, then dispatched: the dispatch notice is the first message the outbox must send.</summary>
    private static async Task<(string Number, string From)> DispatchedSmsTicket(HotlineApiFactory api)
    {
        var from = Phone();
        var reply = await MessageText(await PostAsync(api.CreateClient(), "/channels/twilio/sms", Sms(MessageSid(), from, "春晖路积水严重")));
        var number = System.Text.RegularExpressions.Regex.Match(reply, @"\d{8}-\d{6}").Value;
        await Json(await Step(api, TestUsers.Dispatcher, number, "dispatch", new { lead = "CGJ", co = Array.Empty<string>() }));
        return (number, from);
    }

    /// <summary>One part of a text sent in several, without the marker it must end with.</summary>
    private static string Unmarked(string part, string marker)
    {
        Assert.EndsWith(marker, part);
        return part[..^marker.Length];
    }

    private static async Task<JsonElement> Row(HotlineApiFactory api, string number, string kind, Func<JsonElement, bool> until)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var row = (await OutboxRows(api, $"ticket={number}")).SingleOrDefault(r => r.GetProperty("kind").GetString() == kind);
            if (row.ValueKind == JsonValueKind.Object && until(row))
            {
                return row;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the {kind} row of {number} did not get there: {row}");
            await Task.Delay(100);
        }
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what);
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Twilio_gets_the_documented_request_once_after_a_429_and_the_status_callback_updates_delivery()
    {
        using var sends = new RecordedMeasurements("hotline.outbox.sends");
        await using var twilio = await FakeProviderServer.StartAsync();
        var messageSid = MessageSid();
        twilio.Respond = (_, earlier) => Task.FromResult(earlier == 0
            ? new FakeResponse(429, """{"code":20429,"message":"Too Many Requests","more_info":"https://www.twilio.com/docs/errors/20429","status":429}""", "0")
            : new FakeResponse(201, Created(messageSid)));
        await using var api = await ChannelApiFactory.StartAsync(storageKind, TwilioSending(twilio));

        var (number, from) = await DispatchedSmsTicket(api);
        var row = await Row(api, number, "status", r => r.GetProperty("state").GetString() == "sent");
        var rowId = row.GetProperty("id").GetString()!;

        var requests = twilio.To(MessagesPath);
        Assert.Equal(2, requests.Count);
        foreach (var request in requests)
        {
            Assert.Equal("POST", request.Method);
            Assert.StartsWith("twilio-csharp/", request.Headers["User-Agent"]);
            Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{TwilioTesting.AuthToken}")), request.Headers["Authorization"]);
            Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"]);
            // Exactly these fields, in whatever order the Twilio library writes them.
            Assert.Equal(
                new[]
                {
                    KeyValuePair.Create("To", from), KeyValuePair.Create("From", FromNumber), KeyValuePair.Create("Body", row.GetProperty("text").GetString()!),
                    KeyValuePair.Create("StatusCallback", $"{PublicBaseUrl}/channels/twilio/status?outbox={Uri.EscapeDataString(rowId)}"),
                }.OrderBy(f => f.Key, StringComparer.Ordinal),
                request.Form().OrderBy(f => f.Key, StringComparer.Ordinal));
        }

        Assert.Equal((messageSid, "queued", 2), (row.GetProperty("providerId").GetString(), row.GetProperty("providerStatus").GetString(), row.GetProperty("attempts").GetInt32()));
        // Counted just after the row settles, which the row's reader can see first.
        await Eventually(() => sends.Tags("scheme", "outcome") is var ends && ends.Contains("sms/retry") && ends.Contains("sms/sent"),
            "the 429 and the send were not both counted");
        // The receipt was given in the TwiML answer and is never sent again by REST.
        await Task.Delay(500);
        Assert.Equal(2, twilio.To(MessagesPath).Count);

        var callbackPath = $"/channels/twilio/status?outbox={Uri.EscapeDataString(rowId)}";
        (string, string)[] Status(string status) =>
            [("MessageSid", messageSid), ("MessageStatus", status), ("AccountSid", AccountSid), ("From", FromNumber), ("To", from), ("ApiVersion", "2010-04-01")];
        await Problem(await PostAsync(api.CreateClient(), callbackPath, Status("failed"), signature: "forged"), HttpStatusCode.Forbidden);
        // A callback URL without our row id (configured in the console, say) is matched by Twilio's message id.
        await Twiml(await PostAsync(api.CreateClient(), "/channels/twilio/status", Status("delivered")));
        // Late and repeated reports never move a row back.
        await Twiml(await PostAsync(api.CreateClient(), callbackPath, Status("sent")));
        await Twiml(await PostAsync(api.CreateClient(), callbackPath, Status("delivered")));
        await Problem(await PostAsync(api.CreateClient(), callbackPath, [("MessageSid", messageSid)]), HttpStatusCode.BadRequest);

        var delivered = await Row(api, number, "status", r => true);
        Assert.Equal(("delivered", "delivered"), (delivered.GetProperty("state").GetString(), delivered.GetProperty("providerStatus").GetString()));
    }

    [Fact]
    public async Task A_long_result_by_sms_goes_in_parts_within_twilios_1600_characters_and_the_survey_prompt_follows_them()
    {
        await using var twilio = await FakeProviderServer.StartAsync();
        twilio.Respond = (_, _) => Task.FromResult(new FakeResponse(201, Created(MessageSid())));
        await using var api = await ChannelApiFactory.StartAsync(storageKind, TwilioSending(twilio));

        var (number, _) = await DispatchedSmsTicket(api);
        var result = string.Concat(Enumerable.Range(1, 80).Select(i => $"第{i}处破损路面已修补完毕，并设置了警示标志。"));
        await Json(await Step(api, TestUsers.Cgj, number, "sign", new { department = "CGJ" }));
        await Json(await Step(api, TestUsers.Cgj, number, "reply", new { department = "CGJ", result }));

        // The result and its survey prompt are written in one instant: the result's second part still goes before the prompt.
        await Eventually(() => twilio.To(MessagesPath).Count == 4, "the status, the result's two parts and the survey prompt were not all sent");
        var bodies = twilio.To(MessagesPath).Select(request => request.Form().Single(field => field.Key == "Body").Value).ToList();
        Assert.All(bodies, body => Assert.True(body.Length <= 1600, $"{body.Length} characters"));
        Assert.Equal(ResidentTexts.Result(number, result), Unmarked(bodies[1], "（1/2）") + Unmarked(bodies[2], "（2/2）"));
        Assert.Equal(ResidentTexts.SurveyPrompt(number), bodies[3]);
    }

    [Fact]
    public async Task A_refused_message_is_not_retried_and_says_why()
    {
        using var sends = new RecordedMeasurements("hotline.outbox.sends");
        await using var twilio = await FakeProviderServer.StartAsync();
        twilio.Respond = (_, _) => Task.FromResult(new FakeResponse(400,
            """{"code":21211,"message":"The 'To' number is not a valid phone number.","more_info":"https://www.twilio.com/docs/errors/21211","status":400}"""));
        await using var api = await ChannelApiFactory.StartAsync(storageKind, TwilioSending(twilio));

        var (number, _) = await DispatchedSmsTicket(api);
        var row = await Row(api, number, "status", r => r.GetProperty("state").GetString() == "failed");

        Assert.Contains("21211", row.GetProperty("error").GetString());
        await Eventually(() => sends.Tags("scheme", "outcome").Contains("sms/failed"), "the refusal was not counted");
        await Task.Delay(500);
        Assert.Single(twilio.To(MessagesPath));
    }

    [Fact]
    public async Task A_crash_between_sending_and_twilios_answer_never_sends_the_row_again()
    {
        await using var twilio = await FakeProviderServer.StartAsync();
        var hold = new TaskCompletionSource<FakeResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        twilio.Respond = (_, _) => hold.Task;
        var shared = storageKind == TestStorage.Postgres
            ? ("ConnectionStrings:Hotline", await TestPostgres.CreateDatabaseAsync("crash"))
            : ("Hotline:DataDir", TestStorage.TempDirectory());
        (string, string)[] settings = TwilioSending(twilio, shared, ("Hotline:Outbox:SendingLease", "00:00:01"));

        string number;
        var first = await ChannelApiFactory.StartAsync(storageKind, settings);
        try
        {
            (number, _) = await DispatchedSmsTicket(first);
            await Eventually(() => twilio.To(MessagesPath).Count == 1, "Twilio never got the send");
            var sending = await Row(first, number, "status", _ => true);
            Assert.Equal("sending", sending.GetProperty("state").GetString());
        }
        finally
        {
            // Twilio got the request and its answer is lost: the silo stops before it arrives.
            await first.DisposeAsync();
        }

        hold.SetResult(new FakeResponse(201, Created(MessageSid())));
        await using var second = await ChannelApiFactory.StartAsync(storageKind, settings);
        var row = await Row(second, number, "status", r => r.GetProperty("state").GetString() == "unknown");

        // Unknown either way: the silo stopped first ("not sent again"), or a slow machine let the call time out first.
        Assert.Matches("not sent again|no answer", row.GetProperty("error").GetString());
        await Task.Delay(1000);
        Assert.Single(twilio.To(MessagesPath));
        Assert.Equal("unknown", (await Row(second, number, "status", _ => true)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task WeChat_customer_service_and_the_wecom_robot_send_what_tencent_documents()
    {
        await using var tencent = await FakeProviderServer.StartAsync();
        tencent.Respond = (request, earlier) => Task.FromResult(request.Path switch
        {
            "/cgi-bin/token" => new FakeResponse(200, $$"""{"access_token":"TOKEN{{earlier + 1}}","expires_in":7200}"""),
            "/cgi-bin/message/custom/send" when earlier == 0 => new FakeResponse(200, """{"errcode":42001,"errmsg":"access_token expired"}"""),
            _ => new FakeResponse(200, """{"errcode":0,"errmsg":"ok"}"""),
        });
        await using var api = await ChannelApiFactory.StartAsync(storageKind,
            ("Hotline:WeChat:AppId", "wx2c2769f8efd9abc2"), ("Hotline:WeChat:AppSecret", "app-secret"), ("Hotline:WeChat:ApiBaseUrl", tencent.BaseUrl),
            ("Hotline:Groups:RobotKeys:group-7", "KEY-7"), ("Hotline:Groups:RobotApiBaseUrl", tencent.BaseUrl),
            ("Hotline:Outbox:PollInterval", "00:00:00.100"));
        var outbox = api.Service<IOutbox>();

        var sinceFirstSend = System.Diagnostics.Stopwatch.StartNew();
        var wechat = await outbox.EnqueueAsync(new OutboundMessage("wechat:oOpenId_123", "您的工单已受理。", "receipt", null));
        var longText = string.Concat(Enumerable.Repeat("网格员已到现场处理。", 120));
        var group = await outbox.EnqueueAsync(new OutboundMessage("group:group-7", longText, "reply", null));

        // Sent before the burst is queued: rows of one instant go in any order, and these are checked below.
        await Eventually(() => tencent.To("/cgi-bin/webhook/send").Count == 2, "the long reply was not sent in two parts");
        var burst = new List<string>();
        for (var i = 0; i < 21; i++)
        {
            burst.Add(await outbox.EnqueueAsync(new OutboundMessage("group:group-7", $"第{i}条回复", "reply", null)));
        }

        var noRobot = await outbox.EnqueueAsync(new OutboundMessage("group:group-without-robot", "回复", "reply", null));
        var noTwilio = await outbox.EnqueueAsync(new OutboundMessage("sms:+8613900000000", "短信", "status", null));
        await Assert.ThrowsAsync<ArgumentException>(() => outbox.EnqueueAsync(new OutboundMessage("fax:123", "x", "status", null)));

        await Eventually(() => tencent.To("/cgi-bin/message/custom/send").Count == 2 && tencent.To("/cgi-bin/webhook/send").Count == PerMinute,
            "the messages were not sent");
        await Task.Delay(500);

        var tokens = tencent.To("/cgi-bin/token");
        Assert.Equal(2, tokens.Count);
        Assert.Equal("GET", tokens[0].Method);
        Assert.Equal("?grant_type=client_credential&appid=wx2c2769f8efd9abc2&secret=app-secret", tokens[0].Query);
        var sends = tencent.To("/cgi-bin/message/custom/send");
        Assert.Equal(["?access_token=TOKEN1", "?access_token=TOKEN2"], sends.Select(s => s.Query));
        var message = JsonDocument.Parse(sends[1].Body).RootElement;
        Assert.Equal(("oOpenId_123", "text", "您的工单已受理。"), (message.GetProperty("touser").GetString(), message.GetProperty("msgtype").GetString(),
            message.GetProperty("text").GetProperty("content").GetString()));

        var robot = tencent.To("/cgi-bin/webhook/send");
        Assert.All(robot, r => Assert.Equal("?key=KEY-7", r.Query));
        var parts = robot.Take(2).Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.All(parts, part => Assert.Equal("text", part.GetProperty("msgtype").GetString()));
        var contents = parts.Select(part => part.GetProperty("text").GetProperty("content").GetString()!).ToList();
        Assert.All(contents, content => Assert.True(Encoding.UTF8.GetByteCount(content) <= 2048));
        Assert.Equal(longText, Unmarked(contents[0], "（1/2）") + Unmarked(contents[1], "（2/2）"));

        async Task<string> State(string id) =>
            (await OutboxRows(api, "pageSize=500")).Single(r => r.GetProperty("id").GetString() == id).GetProperty("state").GetString()!;
        Assert.Equal("sent", await State(wechat));
        Assert.Equal("sent", await State(group));
        // Twenty a minute per robot, the long reply's two parts among them: the last three of the burst wait
        // for the minute to pass. On a slow machine the minute may already be over here, so the rule is
        // checked in both forms.
        var minutesStarted = 1 + (int)sinceFirstSend.Elapsed.TotalMinutes;
        Assert.True(tencent.To("/cgi-bin/webhook/send").Count <= PerMinute * minutesStarted, "the robot was sent more than 20 a minute");
        if (minutesStarted == 1)
        {
            // Rows enqueued in the same instant may go in any order, so it is three of the burst that wait.
            var states = new List<string>();
            foreach (var id in burst)
            {
                states.Add(await State(id));
            }

            Assert.Equal(3, states.Count(s => s == "pending"));
        }

        Assert.Equal("pending", await State(noRobot));
        Assert.Equal("pending", await State(noTwilio));
    }

    [Fact]
    public async Task A_long_answer_goes_out_in_parts_in_order_and_a_refused_part_is_sent_again_alone()
    {
        const string Sends = "/cgi-bin/message/custom/send";
        const string ReplyTo = "wechat:oOpenId_long";
        await using var tencent = await FakeProviderServer.StartAsync();
        tencent.Respond = (request, earlier) => Task.FromResult(request.Path switch
        {
            "/cgi-bin/token" => new FakeResponse(200, """{"access_token":"TOKEN","expires_in":7200}"""),
            Sends when earlier == 1 => new FakeResponse(200, """{"errcode":-1,"errmsg":"system error"}"""),
            _ => new FakeResponse(200, """{"errcode":0,"errmsg":"ok"}"""),
        });
        await using var api = await ChannelApiFactory.StartAsync(storageKind,
            ("Hotline:WeChat:AppId", "wx2c2769f8efd9abc2"), ("Hotline:WeChat:AppSecret", "app-secret"), ("Hotline:WeChat:ApiBaseUrl", tencent.BaseUrl),
            ("Hotline:Outbox:PollInterval", "00:00:00.100"), ("Hotline:Outbox:RetryBase", "00:00:00.200"));
        var outbox = api.Service<IOutbox>();

        var result = string.Concat(Enumerable.Range(1, 40).Select(i => $"第{i}项：经现场核查，春晖路{i}号门前积水系排水管道堵塞所致，我局已于当日安排疏通。"));
        var id = await outbox.EnqueueAsync(new OutboundMessage(ReplyTo, result, "result", null));
        // Enqueued once the first part is out, so later than the answer, all of whose parts must still go first.
        await Eventually(() => tencent.To(Sends).Count >= 1, "the first part was not sent");
        await outbox.EnqueueAsync(new OutboundMessage(ReplyTo, "如有疑问请致电12345。", "reply", null));

        await Eventually(() => tencent.To(Sends).Count == 5, "the parts and the next message were not all sent");
        var contents = tencent.To(Sends)
            .Select(send => JsonDocument.Parse(send.Body).RootElement.GetProperty("text").GetProperty("content").GetString()!).ToList();
        Assert.All(contents, content => Assert.True(Encoding.UTF8.GetByteCount(content) <= 2048));
        // The second part was refused as busy: it alone went again, and the third waited for it.
        Assert.Equal(contents[1], contents[2]);
        Assert.Equal(result, Unmarked(contents[0], "（1/3）") + Unmarked(contents[2], "（2/3）") + Unmarked(contents[3], "（3/3）"));
        Assert.Equal("如有疑问请致电12345。", contents[4]);

        var parts = (await OutboxRows(api, $"replyTo={ReplyTo}")).Where(row => row.GetProperty("kind").GetString() == "result")
            .OrderBy(row => row.GetProperty("id").GetString(), StringComparer.Ordinal)
            .Select(row => (row.GetProperty("id").GetString(), row.GetProperty("state").GetString(), row.GetProperty("attempts").GetInt32(), row.GetProperty("text").GetString()));
        Assert.Equal([(id, "sent", 1, contents[0]), ($"{id}-2", "sent", 2, contents[2]), ($"{id}-3", "sent", 1, contents[3])], parts);
    }

    private const int PerMinute = 20;
}

public sealed class SqliteOutboxDeliveryTests() : OutboxDeliveryTests(TestStorage.Sqlite);

public sealed class PostgresOutboxDeliveryTests() : OutboxDeliveryTests(TestStorage.Postgres);
