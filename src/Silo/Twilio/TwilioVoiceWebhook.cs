using System.Globalization;
using HotlineDispatch.Channels.Twilio;
using HotlineDispatch.Residents;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Voice;
using Twilio.TwiML;
using Twilio.TwiML.Voice;
using HttpMethod = Twilio.Http.HttpMethod;

namespace HotlineDispatch.Silo.Twilio;

/// <summary>
/// The unattended voice channel. <c>/voice</c> greets the caller in Chinese and gathers speech
/// (zh-CN); the gather's action turns what was said into a call draft; when nothing was said the caller
/// is asked to leave a recording, whose URL goes on the draft. The call's status callback puts calls
/// nobody took on the missed-call list. Every step writes once per CallSid, so retries change nothing.
/// </summary>
public static class TwilioVoiceWebhook
{
    public const int MaxRecordingSeconds = 120;
    private const int MaxSpeech = 4000;
    private const string ZhCn = "zh-CN";

    public static IResult Greet(HttpContext http, TwilioUrls urls) =>
        Call(http, out _) ?? TwilioWebhook.Twiml(AskForRecording(http, urls, new VoiceResponse().Append(
            new Gather(input: [Gather.InputEnum.Speech], language: ZhCn, action: new Uri(urls.Absolute(http.Request, TwilioRoutes.VoiceGather)),
                    method: HttpMethod.Post, speechTimeout: "auto")
                .Say(ResidentTexts.VoiceGreeting, language: ZhCn))));

    public static async Task<IResult> Gathered(HttpContext http, TwilioUrls urls, SqlCallDrafts drafts,
        [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        if (Call(http, out var call) is { } bad)
        {
            return bad;
        }

        var speech = call.Form["SpeechResult"]?.Trim();
        if (speech?.Length > MaxSpeech)
        {
            return Problems.Invalid("SpeechResult", $"SpeechResult is longer than {MaxSpeech} characters.");
        }

        if (Optional(call.Form, "Confidence", "a number from 0 to 1", TryConfidence, out var confidence) is { } badConfidence)
        {
            return badConfidence;
        }

        if (string.IsNullOrEmpty(speech))
        {
            return TwilioWebhook.Twiml(AskForRecording(http, urls, new VoiceResponse()));
        }

        await drafts.SpeechAsync(call.Sid, call.From, call.To, speech, confidence, time.GetUtcNow(), cancellationToken);
        return Goodbye(call);
    }

    public static async Task<IResult> Recorded(HttpContext http, SqlCallDrafts drafts,
        [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        if (Call(http, out var call) is { } bad)
        {
            return bad;
        }

        var url = call.Form["RecordingUrl"];
        if (!TwilioFields.IsUrl(url))
        {
            return Problems.Invalid("RecordingUrl", "RecordingUrl must be the absolute URL of the recording.");
        }

        if (Optional(call.Form, "RecordingDuration", "a whole number of seconds", TrySeconds, out var seconds) is { } badDuration)
        {
            return badDuration;
        }

        await drafts.RecordingAsync(call.Sid, call.From, call.To, url!, (int?)seconds, time.GetUtcNow(), cancellationToken);
        return Goodbye(call);
    }

    public static async Task<IResult> StatusChanged(HttpContext http, SqlMissedCalls missedCalls, SqlCallDrafts drafts,
        [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        if (Call(http, out var call) is { } bad)
        {
            return bad;
        }

        if (TwilioFields.Require(call.Form, "CallStatus", 32, out var status) is { } badStatus)
        {
            return badStatus;
        }

        // A caller who hung up before saying anything or leaving a recording was answered by nobody either.
        var leftNothing = status == MissedCall.Completed && await drafts.FindAsync(call.Sid, cancellationToken) is null;
        if (MissedCall.MissedStatuses.Contains(status) || leftNothing)
        {
            await missedCalls.AddAsync(call.Sid, call.From, call.To, status, time.GetUtcNow(), cancellationToken);
        }

        return TwilioWebhook.Twiml(new VoiceResponse());
    }

    /// <summary>Asks for a recording posted to the recording route; after a greeting, reached only when the gather heard nothing.</summary>
    private static VoiceResponse AskForRecording(HttpContext http, TwilioUrls urls, VoiceResponse response) => response
        .Say(ResidentTexts.VoiceRecordPrompt, language: ZhCn)
        .Record(new Uri(urls.Absolute(http.Request, TwilioRoutes.VoiceRecording)), HttpMethod.Post, maxLength: MaxRecordingSeconds, finishOnKey: "#", playBeep: true)
        .Hangup();

    /// <summary>Only a caller whose number came through (the same test the call draft's acceptance makes) can be promised the SMS with the ticket's number.</summary>
    private static IResult Goodbye(VoiceCall call) => TwilioWebhook.Twiml(new VoiceResponse()
        .Say(TwilioFields.IsPhone(call.From) ? ResidentTexts.VoiceTaken : ResidentTexts.VoiceTakenWithoutNumber, language: ZhCn).Hangup());

    /// <summary>The verified call, or the 400 for a missing or malformed CallSid.</summary>
    private static IResult? Call(HttpContext http, out VoiceCall call)
    {
        var form = TwilioWebhook.Form(http);
        string? Party(string field) => form[field] is { Length: > 0 and <= 64 } value ? value : null;
        call = new VoiceCall(form, form["CallSid"] ?? "", Party("From"), Party("To"));
        return TwilioFields.IsSid(call.Sid, "CA") ? null : Problems.Invalid("CallSid", "CallSid must be a Twilio call id: CA and 32 hex digits.");
    }

    /// <summary>An optional numeric field: absent is null, present must parse.</summary>
    private static IResult? Optional(TwilioForm form, string field, string shape, Func<string, double?> parse, out double? value)
    {
        value = null;
        if (form[field] is not { Length: > 0 } given)
        {
            return null;
        }

        value = parse(given);
        return value is null ? Problems.Invalid(field, $"{field} must be {shape}.") : null;
    }

    private static double? TryConfidence(string value) => TwilioFields.TryNumber(value, out var n) && n is >= 0 and <= 1 ? n : null;

    private static double? TrySeconds(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= TimeSpan.FromDays(1).TotalSeconds ? n : null;

    private sealed record VoiceCall(TwilioForm Form, string Sid, string? From, string? To);
}
