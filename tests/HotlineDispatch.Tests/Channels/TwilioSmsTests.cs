using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Storage;
using HotlineDispatch.Tests.Infrastructure;
using static HotlineDispatch.Tests.Channels.TwilioTesting;

namespace HotlineDispatch.Tests.Channels;

/// <summary><c>POST /channels/twilio/sms</c> end to end, once per storage back end.</summary>
public abstract partial class TwilioSmsTests(TwilioApiFactory api)
{
    private const string Path = "/channels/twilio/sms";

    private HttpClient Twilio => api.CreateClient();

    private async Task<(string Number, string Reply)> Report(string from, string body = "春晖路3号门口的路灯坏了一周了", params (string, string)[] more)
    {
        var reply = await MessageText(await PostAsync(Twilio, Path, Sms(MessageSid(), from, body, more)));
        return (NumberShape().Match(reply).Value, reply);
    }

    private async Task Replied(string number)
    {
        await Json(await Step(api, TestUsers.Dispatcher, number, "dispatch", new { lead = "CGJ", co = Array.Empty<string>() }));
        await Json(await Step(api, TestUsers.Cgj, number, "sign", new { department = "CGJ" }));
        await Json(await Step(api, TestUsers.Cgj, number, "reply", new { department = "CGJ", result = "已更换灯泡，恢复照明" }));
    }

    [Fact]
    public async Task A_signed_sms_becomes_a_ticket_and_the_twiml_carries_its_number()
    {
        var from = Phone();
        var (number, reply) = await Report(from, "春晖路3号门口的路灯坏了一周了",
            ("NumMedia", "1"), ("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"),
            ("MediaContentType0", "image/jpeg"));

        Assert.Contains("已受理", reply);
        var ticket = await Json(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/tickets/{number}"));
        Assert.Equal("sms", ticket.GetProperty("channel").GetString());
        Assert.Equal("accepted", ticket.GetProperty("state").GetString());
        Assert.Equal(from, ticket.GetProperty("caller").GetProperty("phone").GetString());
        Assert.Equal("春晖路3号门口的路灯坏了一周了", ticket.GetProperty("content").GetString());
        Assert.Equal(["https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"],
            ticket.GetProperty("attachments").EnumerateArray().Select(a => a.GetString()));
        Assert.StartsWith("SM", ticket.GetProperty("sourceRef").GetString());

        // The receipt went out in the TwiML answer, so the outbox records it as sent, to the sender.
        var receipt = Assert.Single(await OutboxRows(api, $"ticket={number}"));
        Assert.Equal(("receipt", "sent", $"sms:{from}"),
            (receipt.GetProperty("kind").GetString(), receipt.GetProperty("state").GetString(), receipt.GetProperty("replyTo").GetString()));
        Assert.Equal(reply, receipt.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_retry_of_the_same_message_gets_the_same_answer_and_creates_nothing()
    {
        var fields = Sms(MessageSid(), Phone(), "滨江路井盖缺失");
        var first = await MessageText(await PostAsync(Twilio, Path, fields));
        var count = await TicketCount(api);

        var again = await MessageText(await PostAsync(Twilio, Path, fields));
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ => await MessageText(await PostAsync(Twilio, Path, fields))));

        Assert.Equal(first, again);
        Assert.All(concurrent, answer => Assert.Equal(first, answer));
        Assert.Equal(count, await TicketCount(api));
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_token_gets_the_same_answer()
    {
        var from = Phone();
        var token = Guid.NewGuid().ToString();
        var first = await MessageText(await PostAsync(Twilio, Path, Sms(MessageSid(), from, "噪音扰民"), idempotencyToken: token));
        var count = await TicketCount(api);

        var retry = await MessageText(await PostAsync(Twilio, Path, Sms(MessageSid(), from, "噪音扰民"), idempotencyToken: token));

        Assert.Equal(first, retry);
        Assert.Equal(count, await TicketCount(api));
    }

    [Fact]
    public async Task A_forged_or_missing_signature_is_403_and_creates_nothing()
    {
        var count = await TicketCount(api);
        var fields = Sms(MessageSid(), Phone(), "伪造的短信");

        await Problem(await PostAsync(Twilio, Path, fields, signature: IndependentTwilioSigner.Sign("wrong-token", PublicBaseUrl + Path, fields)),
            HttpStatusCode.Forbidden);
        await Problem(await PostAsync(Twilio, Path, fields, signature: ""), HttpStatusCode.Forbidden);
        // Signed for the address the silo itself listens on, not the public one Twilio is configured with.
        await Problem(await PostAsync(Twilio, Path, fields, signature: IndependentTwilioSigner.Sign(AuthToken, "http://localhost" + Path, fields)),
            HttpStatusCode.Forbidden);
        // A field changed after signing.
        var signature = IndependentTwilioSigner.Sign(AuthToken, PublicBaseUrl + Path, fields);
        var tampered = fields.Select(f => f.Item1 == "Body" ? (f.Item1, "改过的内容") : f).ToArray();
        await Problem(await PostAsync(Twilio, Path, tampered, signature), HttpStatusCode.Forbidden);

        Assert.Equal(count, await TicketCount(api));
        // The genuine message is still taken afterwards: the refusals left nothing behind under its MessageSid.
        Assert.Contains("已受理", await MessageText(await PostAsync(Twilio, Path, fields)));
    }

    /// <summary>
    /// Signatures made by Twilio's own Node library (twilio 5.13.1, <c>getExpectedTwilioSignature</c>) with
    /// the tests' auth token, over the public URL without and with its default port: a producer of
    /// signatures that shares no code with ours.
    /// </summary>
    [Fact]
    public async Task An_sms_signed_by_twilios_own_library_becomes_a_ticket_with_or_without_the_default_port_and_a_changed_one_is_403()
    {
        (string, string)[] Signed(string sid, string body) =>
            [("MessageSid", sid), ("SmsSid", sid), ("AccountSid", "AC" + new string('0', 32)), ("From", "+8613800000001"), ("To", "+8612345"),
                ("Body", body), ("NumMedia", "0")];
        var withoutPort = Signed("SM" + new string('1', 32), "东湖路12号的路灯一直不亮");
        const string withoutPortSignature = "3Zxbj/8Nkg/8q1MKAcsL+l9wxTc=";
        var withPort = Signed("SM" + new string('2', 32), "东湖路12号的井盖松动");
        const string withPortSignature = "aCOPlf89iYCY1DIEl5orImht46Y=";
        var count = await TicketCount(api);

        var changed = withoutPort.Select(f => f.Item1 == "Body" ? (f.Item1, "东湖路12号的路灯一直很亮") : f);
        await Problem(await PostAsync(Twilio, Path, changed, withoutPortSignature), HttpStatusCode.Forbidden);
        Assert.Equal(count, await TicketCount(api));

        foreach (var (fields, signature) in new[] { (withoutPort, withoutPortSignature), (withPort, withPortSignature) })
        {
            var reply = await MessageText(await PostAsync(Twilio, Path, fields, signature));
            var ticket = await Json(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/tickets/{NumberShape().Match(reply).Value}"));
            Assert.Equal(fields.Single(f => f.Item1 == "Body").Item2, ticket.GetProperty("content").GetString());
        }

        Assert.Equal(count + 2, await TicketCount(api));
    }

    [Fact]
    public async Task A_query_answers_the_state_of_the_senders_own_ticket_only()
    {
        var from = Phone();
        var (number, _) = await Report(from);
        await Json(await Step(api, TestUsers.Dispatcher, number, "dispatch", new { lead = "CGJ", co = Array.Empty<string>() }));

        var own = await MessageText(await PostAsync(Twilio, Path, Sms(MessageSid(), from, $"查询 {number}")));
        Assert.Contains(number, own);
        Assert.Contains("已转交", own);
        Assert.Contains("办理时限", own);

        var other = await MessageText(await PostAsync(Twilio, Path, Sms(MessageSid(), Phone(), $"查询 {number}")));
        var missing = await MessageText(await PostAsync(Twilio, Path, Sms(MessageSid(), from, "查询 19990101-000001")));
        Assert.Equal(other.Replace(number, "N"), missing.Replace("19990101-000001", "N"));
        Assert.DoesNotContain("转交", other);

        var help = await MessageText(await PostAsync(Twilio, Path, Sms(MessageSid(), from, "查询 我的")));
        Assert.Contains("查询 工单号", help);
    }

    [Fact]
    public async Task A_query_by_sms_finds_a_ticket_an_operator_logged_with_the_same_phone()
    {
        var phone = Phone();
        var created = await Json(await api.ClientFor(TestUsers.Operator).PostAsync("/api/v1/tickets", JsonContent(new
        {
            channel = "call", caller = new { name = "王五", phone = phone[3..] }, address = "春晖路", content = "路面塌陷", type = "report",
        })));
        var number = created.GetProperty("id").GetString()!;

        var answer = await MessageText(await PostAsync(Twilio, Path, Sms(MessageSid(), phone, $"查询{number}")));
        Assert.Contains("已受理", answer);
    }

    [Fact]
    public async Task A_survey_answer_by_sms_rates_the_senders_latest_replied_ticket()
    {
        var from = Phone();
        var (older, _) = await Report(from, "第一件事");
        var (latest, _) = await Report(from, "第二件事");
        await Replied(older);
        await Replied(latest);

        var kinds = (await OutboxRows(api, $"ticket={latest}")).Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("state").GetString()));
        Assert.Contains(("result", "pending"), kinds);
        Assert.Contains(("survey", "pending"), kinds);

        var thanks = await MessageText(await PostAsync(Twilio, Path, Sms(MessageSid(), from, "1")));
        Assert.Contains("感谢", thanks);
        var rated = await Json(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/tickets/{latest}"));
        Assert.Equal("satisfied", rated.GetProperty("rating").GetString());

        var reopen = await MessageText(await PostAsync(Twilio, Path, Sms(MessageSid(), from, "３")));
        Assert.Contains("重新办理", reopen);
        var reopened = await Json(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/tickets/{older}"));
        Assert.Equal("reopened", reopened.GetProperty("state").GetString());
        Assert.Equal("dissatisfied", reopened.GetProperty("rating").GetString());
        Assert.Contains(await OutboxRows(api, $"ticket={older}"), r => r.GetProperty("kind").GetString() == "status" && r.GetProperty("text").GetString()!.Contains("重新办理"));

        var none = await MessageText(await PostAsync(Twilio, Path, Sms(MessageSid(), from, "2")));
        Assert.Contains("没有待评价", none);

        // Another resident's "1" rates nothing of theirs.
        var stranger = await MessageText(await PostAsync(Twilio, Path, Sms(MessageSid(), Phone(), "1")));
        Assert.Contains("没有待评价", stranger);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("\u3000\n")]
    public async Task An_unusable_message_gets_help_and_no_ticket(string? body)
    {
        var count = await TicketCount(api);
        var help = await MessageText(await PostAsync(Twilio, Path, Sms(MessageSid(), Phone(), body)));

        Assert.Contains("12345", help);
        Assert.Contains("查询", help);
        Assert.Equal(count, await TicketCount(api));
    }

    [Fact]
    public async Task A_photo_without_text_becomes_a_ticket_that_keeps_it()
    {
        var media = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM2/Media/ME2";
        var (number, reply) = await Report(Phone(), "", ("NumMedia", "1"), ("MediaUrl0", media), ("MediaContentType0", "image/jpeg"));

        Assert.Contains("已受理", reply);
        var ticket = await Json(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/tickets/{number}"));
        Assert.Equal([media], ticket.GetProperty("attachments").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("附件", ticket.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Malformed_and_oversize_requests_are_refused_clearly()
    {
        var count = await TicketCount(api);

        var json = await Twilio.PostAsync(Path, new StringContent("{\"Body\":\"x\"}", Encoding.UTF8, "application/json"));
        Assert.Contains("x-www-form-urlencoded", await Problem(json, HttpStatusCode.UnsupportedMediaType));

        var huge = new StringContent("Body=" + new string('a', 70_000), Encoding.UTF8, "application/x-www-form-urlencoded");
        await Problem(await Twilio.PostAsync(Path, huge), HttpStatusCode.RequestEntityTooLarge);

        var badUtf8 = new ByteArrayContent([0x42, 0x6F, 0x64, 0x79, 0x3D, 0xFF, 0xFE]);
        badUtf8.Headers.ContentType = new("application/x-www-form-urlencoded");
        Assert.Contains("UTF-8", await Problem(await Twilio.PostAsync(Path, badUtf8), HttpStatusCode.BadRequest));

        async Task<string> Field((string, string)[] fields) =>
            System.Text.Json.JsonDocument.Parse(await Problem(await PostAsync(Twilio, Path, fields), HttpStatusCode.BadRequest))
                .RootElement.GetProperty("field").GetString()!;

        Assert.Equal("MessageSid", await Field([("MessageSid", "SM123"), ("From", Phone()), ("Body", "x")]));
        Assert.Equal("MessageSid", await Field([("From", Phone()), ("Body", "x")]));
        Assert.Equal("From", await Field([("MessageSid", MessageSid()), ("Body", "x")]));
        Assert.Equal("Body", await Field(Sms(MessageSid(), Phone(), new string('长', 1601))));
        Assert.Equal("NumMedia", await Field([("MessageSid", MessageSid()), ("From", Phone()), ("Body", "x"), ("NumMedia", "many")]));
        Assert.Equal("MediaUrl0", await Field([("MessageSid", MessageSid()), ("From", Phone()), ("Body", "x"), ("NumMedia", "1"), ("MediaUrl0", "file:///etc/passwd")]));

        Assert.Equal(count, await TicketCount(api));
    }

    [Fact]
    public async Task Only_the_call_centre_reads_the_outbox()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Cgj).GetAsync("/api/v1/outbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/outbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync("/api/v1/outbox")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.ClientFor(TestUsers.Supervisor).GetAsync("/api/v1/outbox?state=pending")).StatusCode);
        await Problem(await api.ClientFor(TestUsers.Dispatcher).GetAsync("/api/v1/outbox?state=lost"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Message_and_idempotency_states_are_deleted_once_no_retry_can_come_and_tickets_stay()
    {
        var storage = api.Service<HotlineStorage>();
        var (oldNumber, _) = await Report(Phone(), "春晖路3号门口的路灯坏了一周了", ("NumMedia", "0"));
        await using (var connection = await OpenStorage(storage))
        {
            var ago = storage.IsPostgres ? "now() - interval '3 days'" : "datetime('now', '-3 days')";
            await Execute(connection, $"UPDATE orleans_storage SET modified_on = {ago} WHERE grain_type IN ({Kept})");
        }

        var (token, from) = (Guid.NewGuid().ToString("N"), Phone());
        var fields = Sms(MessageSid(), from, "小区门口噪音扰民");
        var reply = await MessageText(await PostAsync(Twilio, Path, fields, idempotencyToken: token));

        Assert.True(await api.Service<MessageStateSweep>().SweepAsync(CancellationToken.None) >= 2);
        await using (var connection = await OpenStorage(storage))
        {
            Assert.Equal(2L, Convert.ToInt64(await Execute(connection, $"SELECT COUNT(*) FROM orleans_storage WHERE grain_type IN ({Kept})")));
        }

        Assert.Equal(reply, await MessageText(await PostAsync(Twilio, Path, fields, idempotencyToken: token)));
        await Json(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/tickets/{oldNumber}"));
    }

    private static string Kept => string.Join(", ", MessageStateSweep.StateNames.Select(n => $"'{n}'"));

    private static async Task<System.Data.Common.DbConnection> OpenStorage(HotlineStorage storage)
    {
        System.Data.Common.DbConnection connection = storage.IsPostgres
            ? new Npgsql.NpgsqlConnection(storage.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(storage.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<object?> Execute(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static StringContent JsonContent(object value) =>
        new(System.Text.Json.JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    [GeneratedRegex(@"\d{8}-\d{6}")]
    private static partial Regex NumberShape();
}

public sealed class SqliteTwilioSmsTests(SqliteTwilioApiFactory api) : TwilioSmsTests(api), IClassFixture<SqliteTwilioApiFactory>;

public sealed class PostgresTwilioSmsTests(PostgresTwilioApiFactory api) : TwilioSmsTests(api), IClassFixture<PostgresTwilioApiFactory>;
