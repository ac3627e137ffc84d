using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using HotlineDispatch.Tests.Infrastructure;
using static HotlineDispatch.Tests.Channels.TwilioTesting;

namespace HotlineDispatch.Tests.Channels;

/// <summary>The unattended voice channel: greeting, speech or recording into a call draft, missed calls. Once per back end.</summary>
public abstract class TwilioVoiceTests(TwilioApiFactory api)
{
    private const string RecordingUrl = "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE0123456789abcdef0123456789abcdef";

    private HttpClient Twilio => api.CreateClient();

    private async Task<JsonElement> Draft(string sid) => await Json(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/call-drafts/{sid}"));

    private async Task<List<JsonElement>> Missed(string query = "") =>
        (await Json(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/missed-calls?pageSize=500&{query}")))
        .GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task The_greeting_is_chinese_with_a_speech_gather_and_a_recording_fallback()
    {
        var twiml = await Twiml(await PostAsync(Twilio, "/channels/twilio/voice", Call(CallSid(), Phone(), ("CallStatus", "ringing"))));

        var verbs = twiml.Elements().ToList();
        Assert.Equal(["Gather", "Say", "Record", "Hangup"], verbs.Select(v => v.Name.LocalName));
        var gather = verbs[0];
        Assert.Equal(("speech", "zh-CN", "auto", $"{PublicBaseUrl}/channels/twilio/voice/gather"),
            ((string?)gather.Attribute("input"), (string?)gather.Attribute("language"), (string?)gather.Attribute("speechTimeout"), (string?)gather.Attribute("action")));
        var greeting = Assert.Single(gather.Elements("Say"));
        Assert.Equal("zh-CN", (string?)greeting.Attribute("language"));
        Assert.Contains("12345", greeting.Value);
        Assert.Equal($"{PublicBaseUrl}/channels/twilio/voice/recording", (string?)verbs[2].Attribute("action"));
    }

    [Fact]
    public async Task Only_a_caller_whose_number_came_through_is_promised_an_sms()
    {
        var shown = await Twiml(await PostAsync(Twilio, "/channels/twilio/voice/gather", Call(CallSid(), Phone(), ("SpeechResult", "路灯不亮"))));
        Assert.Contains("短信", shown.Element("Say")!.Value);

        // Twilio sends a withheld caller ID as "Anonymous" or leaves From empty.
        foreach (var from in new[] { "Anonymous", "" })
        {
            var withheld = await Twiml(await PostAsync(Twilio, "/channels/twilio/voice/gather", Call(CallSid(), from, ("SpeechResult", "路灯不亮"))));
            Assert.DoesNotContain("短信", withheld.Element("Say")!.Value);
            Assert.Contains("再次来电", withheld.Element("Say")!.Value);
        }
    }

    [Fact]
    public async Task Speech_becomes_one_draft_however_often_twilio_retries()
    {
        var sid = CallSid();
        var from = Phone();
        var fields = Call(sid, from, ("SpeechResult", "滨江路一号门口的井盖丢了"), ("Confidence", "0.87"));

        var first = await Twiml(await PostAsync(Twilio, "/channels/twilio/voice/gather", fields));
        var again = await Twiml(await PostAsync(Twilio, "/channels/twilio/voice/gather", fields));
        var changed = Call(sid, from, ("SpeechResult", "重试时识别成了别的"), ("Confidence", "0.2"));
        await Twiml(await PostAsync(Twilio, "/channels/twilio/voice/gather", changed));

        Assert.Equal(first.ToString(), again.ToString());
        Assert.Equal(["Say", "Hangup"], first.Elements().Select(v => v.Name.LocalName));
        var draft = await Draft(sid);
        Assert.Equal(("滨江路一号门口的井盖丢了", 0.87, "open", from),
            (draft.GetProperty("transcript").GetString(), draft.GetProperty("confidence").GetDouble(), draft.GetProperty("state").GetString(),
                draft.GetProperty("from").GetString()));
        var open = (await Json(await api.ClientFor(TestUsers.Operator).GetAsync("/api/v1/call-drafts?state=open&pageSize=500")))
            .GetProperty("items").EnumerateArray().Count(d => d.GetProperty("id").GetString() == sid);
        Assert.Equal(1, open);
    }

    [Fact]
    public async Task No_speech_asks_for_a_recording_whose_url_is_kept_and_becomes_the_tickets_attachment()
    {
        var sid = CallSid();
        var from = Phone();
        var fallback = await Twiml(await PostAsync(Twilio, "/channels/twilio/voice/gather", Call(sid, from, ("SpeechResult", ""))));
        Assert.Equal(["Say", "Record", "Hangup"], fallback.Elements().Select(v => v.Name.LocalName));
        Assert.Equal(HttpStatusCode.NotFound, (await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/call-drafts/{sid}")).StatusCode);

        var recorded = Call(sid, from, ("RecordingUrl", RecordingUrl), ("RecordingDuration", "14"), ("RecordingSid", "RE1"));
        await Twiml(await PostAsync(Twilio, "/channels/twilio/voice/recording", recorded));
        await Twiml(await PostAsync(Twilio, "/channels/twilio/voice/recording", recorded));
        var draft = await Draft(sid);
        Assert.Equal((RecordingUrl, 14), (draft.GetProperty("recordingUrl").GetString(), draft.GetProperty("recordingSeconds").GetInt32()));

        var operatorClient = api.ClientFor(TestUsers.Operator);
        var noContent = await operatorClient.PostAsJsonAsync($"/api/v1/call-drafts/{sid}/accept", new { type = "complaint" });
        Assert.Contains("content", await Problem(noContent, HttpStatusCode.BadRequest));

        var accepted = await operatorClient.PostAsJsonAsync($"/api/v1/call-drafts/{sid}/accept",
            new { type = "complaint", content = "录音：小区垃圾三天没人清运", address = "春晖小区", gridCell = "G-7" });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var ticket = await Json(accepted);
        var number = ticket.GetProperty("id").GetString()!;
        Assert.Equal(("call", from, sid), (ticket.GetProperty("channel").GetString(), ticket.GetProperty("caller").GetProperty("phone").GetString(),
            ticket.GetProperty("sourceRef").GetString()));
        Assert.Equal([RecordingUrl], ticket.GetProperty("attachments").EnumerateArray().Select(a => a.GetString()));

        var settled = await Draft(sid);
        Assert.Equal(("accepted", number), (settled.GetProperty("state").GetString(), settled.GetProperty("ticketId").GetString()));
        var twice = await operatorClient.PostAsJsonAsync($"/api/v1/call-drafts/{sid}/accept", new { type = "complaint", content = "again" });
        Assert.Contains(number, await Problem(twice, HttpStatusCode.Conflict));

        // The caller gets the receipt by SMS, since the call itself could not tell them the number.
        var receipt = Assert.Single(await OutboxRows(api, $"ticket={number}"));
        Assert.Equal(("receipt", "pending", $"sms:{from}"),
            (receipt.GetProperty("kind").GetString(), receipt.GetProperty("state").GetString(), receipt.GetProperty("replyTo").GetString()));
    }

    [Fact]
    public async Task An_anonymous_callers_number_and_voice_reach_only_the_operator_who_took_the_call()
    {
        var sid = CallSid();
        var from = Phone();
        await Twiml(await PostAsync(Twilio, "/channels/twilio/voice/gather", Call(sid, from, ("SpeechResult", "隔壁工地夜里施工"))));
        await Twiml(await PostAsync(Twilio, "/channels/twilio/voice/recording",
            Call(sid, from, ("RecordingUrl", RecordingUrl), ("RecordingDuration", "9"), ("RecordingSid", "RE2"))));
        var accepted = await api.ClientFor(TestUsers.Operator).PostAsJsonAsync($"/api/v1/call-drafts/{sid}/accept",
            new { type = "complaint", gridCell = "G-7", anonymous = true });
        var number = (await Json(accepted)).GetProperty("id").GetString()!;

        foreach (var other in new[] { TestUsers.Operator, TestUsers.Operator2, TestUsers.Dispatcher, TestUsers.Supervisor })
        {
            var draft = await Json(await api.ClientFor(other).GetAsync($"/api/v1/call-drafts/{sid}"));
            Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (draft.GetProperty("from").ValueKind, draft.GetProperty("recordingUrl").ValueKind));
        }

        foreach (var other in new[] { TestUsers.Operator2, TestUsers.Dispatcher, TestUsers.Supervisor, TestUsers.GridWorker })
        {
            var seen = await Json(await api.ClientFor(other).GetAsync($"/api/v1/tickets/{number}"));
            Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, 0), (seen.GetProperty("caller").GetProperty("phone").ValueKind,
                seen.GetProperty("sourceRef").ValueKind, seen.GetProperty("attachments").GetArrayLength()));
            if (other != TestUsers.GridWorker)
            {
                Assert.Equal("sms:anonymous", Assert.Single(await OutboxRows(api, $"ticket={number}", other)).GetProperty("replyTo").GetString());
                Assert.Empty(await OutboxRows(api, $"replyTo=sms:{Uri.EscapeDataString(from)}", other));
            }
        }

        var own = await Json(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/tickets/{number}"));
        Assert.Equal((from, sid, RecordingUrl), (own.GetProperty("caller").GetProperty("phone").GetString(), own.GetProperty("sourceRef").GetString(),
            own.GetProperty("attachments")[0].GetString()));
        Assert.Equal($"sms:{from}", Assert.Single(await OutboxRows(api, $"ticket={number}")).GetProperty("replyTo").GetString());
    }

    [Fact]
    public async Task A_draft_can_be_discarded_with_a_reason_and_then_not_accepted()
    {
        var sid = CallSid();
        await Twiml(await PostAsync(Twilio, "/channels/twilio/voice/gather", Call(sid, Phone(), ("SpeechResult", "打错了"), ("Confidence", "0.9"))));
        var client = api.ClientFor(TestUsers.Operator);

        await Problem(await client.PostAsJsonAsync($"/api/v1/call-drafts/{sid}/discard", new { reason = " " }), HttpStatusCode.BadRequest);
        await Json(await client.PostAsJsonAsync($"/api/v1/call-drafts/{sid}/discard", new { reason = "来电者拨错号码" }));
        await Problem(await client.PostAsJsonAsync($"/api/v1/call-drafts/{sid}/accept", new { type = "help" }), HttpStatusCode.Conflict);
        await Problem(await client.PostAsJsonAsync($"/api/v1/call-drafts/{CallSid()}/discard", new { reason = "x" }), HttpStatusCode.NotFound);
        await Problem(await api.ClientFor(TestUsers.Cgj).PostAsJsonAsync($"/api/v1/call-drafts/{sid}/accept", new { type = "help" }),
            HttpStatusCode.Forbidden);
        Assert.Equal("discarded", (await Draft(sid)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Unanswered_calls_go_on_the_missed_call_list_once_and_are_called_back()
    {
        var busy = CallSid();
        var spoke = CallSid();
        var hungUp = CallSid();
        var from = Phone();
        await Twiml(await PostAsync(Twilio, "/channels/twilio/voice/gather", Call(spoke, from, ("SpeechResult", "小区停电了"), ("Confidence", "0.9"))));
        foreach (var (sid, status) in new[] { (busy, "busy"), (busy, "busy"), (spoke, "completed"), (hungUp, "completed"), (CallSid(), "in-progress") })
        {
            await Twiml(await PostAsync(Twilio, "/channels/twilio/voice/status", Call(sid, from, ("CallStatus", status))));
        }

        // A call that ended with what was said is a draft to act on; one that ended with nothing must be called back.
        var missedFrom = (await Missed("state=open")).Where(c => c.GetProperty("from").GetString() == from).ToList();
        Assert.Equal(new[] { (busy, "busy"), (hungUp, "completed") },
            missedFrom.Select(c => (c.GetProperty("id").GetString()!, c.GetProperty("callStatus").GetString()!)).OrderBy(c => c.Item2));
        var missed = missedFrom.Single(c => c.GetProperty("id").GetString() == busy);
        Assert.Equal(0, missed.GetProperty("attempts").GetInt32());

        var client = api.ClientFor(TestUsers.Operator);
        var noAnswer = await Json(await client.PostAsJsonAsync($"/api/v1/missed-calls/{busy}/callback", new { outcome = "noAnswer", note = "无人接听" }));
        Assert.Equal(("open", 1), (noAnswer.GetProperty("state").GetString(), noAnswer.GetProperty("attempts").GetInt32()));
        var reached = await Json(await api.ClientFor(TestUsers.Supervisor).PostAsJsonAsync($"/api/v1/missed-calls/{busy}/callback",
            new { outcome = "reached", note = "已回电，市民咨询社保" }));
        Assert.Equal(("done", 2, "reached", "sup1"), (reached.GetProperty("state").GetString(), reached.GetProperty("attempts").GetInt32(),
            reached.GetProperty("outcome").GetString(), reached.GetProperty("calledBackBy").GetString()));
        Assert.DoesNotContain(await Missed("state=open"), c => c.GetProperty("id").GetString() == busy);

        await Problem(await client.PostAsJsonAsync($"/api/v1/missed-calls/{busy}/callback", new { outcome = "reached" }), HttpStatusCode.Conflict);
        await Problem(await client.PostAsJsonAsync($"/api/v1/missed-calls/{busy}/callback", new { outcome = "maybe" }), HttpStatusCode.BadRequest);
        await Problem(await client.PostAsJsonAsync($"/api/v1/missed-calls/{CallSid()}/callback", new { outcome = "reached" }), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Cgj).GetAsync("/api/v1/missed-calls")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/missed-calls")).StatusCode);
    }

    [Fact]
    public async Task A_recording_that_arrives_after_the_calls_end_takes_it_off_the_missed_call_list()
    {
        var late = CallSid();
        var calledBack = CallSid();
        var from = Phone();
        foreach (var sid in new[] { late, calledBack })
        {
            await Twiml(await PostAsync(Twilio, "/channels/twilio/voice/status", Call(sid, from, ("CallStatus", "completed"))));
        }

        var client = api.ClientFor(TestUsers.Operator);
        await Json(await client.PostAsJsonAsync($"/api/v1/missed-calls/{calledBack}/callback", new { outcome = "noAnswer" }));
        Assert.Equal(new[] { late, calledBack }.Order(),
            (await Missed("state=open")).Select(c => c.GetProperty("id").GetString()).Where(id => id == late || id == calledBack).Order());

        foreach (var sid in new[] { late, calledBack })
        {
            await Twiml(await PostAsync(Twilio, "/channels/twilio/voice/recording", Call(sid, from, ("RecordingUrl", RecordingUrl))));
        }

        // The late message is a draft to act on, not a call to return; a call-back already made stays on record.
        Assert.Equal([calledBack], (await Missed()).Select(c => c.GetProperty("id").GetString()).Where(id => id == late || id == calledBack));
        await Problem(await client.PostAsJsonAsync($"/api/v1/missed-calls/{late}/callback", new { outcome = "reached" }), HttpStatusCode.NotFound);
        Assert.Equal(RecordingUrl, (await Draft(late)).GetProperty("recordingUrl").GetString());
    }

    [Theory]
    [InlineData("/channels/twilio/voice")]
    [InlineData("/channels/twilio/voice/gather")]
    [InlineData("/channels/twilio/voice/recording")]
    [InlineData("/channels/twilio/voice/status")]
    public async Task Every_voice_route_refuses_forged_and_malformed_requests(string path)
    {
        var sid = CallSid();
        var fields = Call(sid, Phone(), ("SpeechResult", "伪造"), ("RecordingUrl", RecordingUrl), ("CallStatus", "no-answer"));
        await Problem(await PostAsync(Twilio, path, fields, signature: IndependentTwilioSigner.Sign("forged", PublicBaseUrl + path, fields)),
            HttpStatusCode.Forbidden);
        await Problem(await PostAsync(Twilio, path, Call("CA-not-a-sid", Phone(), ("CallStatus", "busy"))), HttpStatusCode.BadRequest);
        await Problem(await Twilio.PostAsync(path, new StringContent("<Call/>", System.Text.Encoding.UTF8, "application/xml")),
            HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(HttpStatusCode.NotFound, (await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/call-drafts/{sid}")).StatusCode);
        Assert.DoesNotContain(await Missed(), c => c.GetProperty("id").GetString() == sid);
    }

    [Fact]
    public async Task Bad_voice_fields_name_the_field()
    {
        async Task<string> Field(string path, params (string, string)[] more) =>
            JsonDocument.Parse(await Problem(await PostAsync(Twilio, path, Call(CallSid(), Phone(), more)), HttpStatusCode.BadRequest))
                .RootElement.GetProperty("field").GetString()!;

        Assert.Equal("Confidence", await Field("/channels/twilio/voice/gather", ("SpeechResult", "你好"), ("Confidence", "high")));
        Assert.Equal("Confidence", await Field("/channels/twilio/voice/gather", ("SpeechResult", "你好"), ("Confidence", "1.5")));
        Assert.Equal("RecordingUrl", await Field("/channels/twilio/voice/recording", ("RecordingUrl", "not a url")));
        Assert.Equal("RecordingDuration", await Field("/channels/twilio/voice/recording", ("RecordingUrl", RecordingUrl), ("RecordingDuration", "-3")));
        Assert.Equal("CallStatus", await Field("/channels/twilio/voice/status"));
    }
}

public sealed class SqliteTwilioVoiceTests(SqliteTwilioApiFactory api) : TwilioVoiceTests(api), IClassFixture<SqliteTwilioApiFactory>;

public sealed class PostgresTwilioVoiceTests(PostgresTwilioApiFactory api) : TwilioVoiceTests(api), IClassFixture<PostgresTwilioApiFactory>;
