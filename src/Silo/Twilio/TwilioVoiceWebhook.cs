using System.Globalization;
using HotlineDispatch.Channels.Twilio;
using HotlineDispatch.Residents;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Voice;

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

    public static async Task<IResult> Greet(HttpRequest request, TwilioWebhook webhook, TwilioUrls urls, CancellationToken cancellationToken)
    {
        var (call, refusal) = await ReadCallAsync(request, webhook, cancellationToken);
        return call is null ? refusal! : TwilioWebhook.Twiml(Twiml.Response(
            Twiml.SpeechGather(urls.Absolute(request, TwilioRoutes.VoiceGather), Twiml.Say(ResidentTexts.VoiceGreeting)),
            // Reached only when the gather heard nothing.
            Twiml.Say(ResidentTexts.VoiceRecordPrompt),
            Twiml.Record(urls.Absolute(request, TwilioRoutes.VoiceRecording), MaxRecordingSeconds),
            Twiml.Hangup()));
    }

    public static async Task<IResult> Gathered(HttpRequest request, TwilioWebhook webhook, TwilioUrls urls, SqlCallDrafts drafts,
        [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        var (call, refusal) = await ReadCallAsync(request, webhook, cancellationToken);
        if (call is null)
        {
            return refusal!;
        }

        var speech = call.Form["SpeechResult"]?.Trim();
        if (speech?.Length > MaxSpeech)
        {
            return Problems.BadRequest("SpeechResult", $"SpeechResult is longer than {MaxSpeech} characters.");
        }

        double? confidence = null;
        if (call.Form["Confidence"] is { Length: > 0 } given)
        {
            if (!TwilioFields.TryNumber(given, out var value) || value is < 0 or > 1)
            {
                return Problems.BadRequest("Confidence", "Confidence must be a number from 0 to 1.");
            }

            confidence = value;
        }

        if (string.IsNullOrEmpty(speech))
        {
            return TwilioWebhook.Twiml(Twiml.Response(
                Twiml.Say(ResidentTexts.VoiceRecordPrompt),
                Twiml.Record(urls.Absolute(request, TwilioRoutes.VoiceRecording), MaxRecordingSeconds),
                Twiml.Hangup()));
        }

        await drafts.SpeechAsync(call.Sid, call.From, call.To, speech, confidence, time.GetUtcNow(), cancellationToken);
        return Goodbye();
    }

    public static async Task<IResult> Recorded(HttpRequest request, TwilioWebhook webhook, SqlCallDrafts drafts,
        [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        var (call, refusal) = await ReadCallAsync(request, webhook, cancellationToken);
        if (call is null)
        {
            return refusal!;
        }

        var url = call.Form["RecordingUrl"];
        if (!TwilioFields.IsUrl(url))
        {
            return Problems.BadRequest("RecordingUrl", "RecordingUrl must be the absolute URL of the recording.");
        }

        int? seconds = null;
        if (call.Form["RecordingDuration"] is { Length: > 0 } duration)
        {
            if (!int.TryParse(duration, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return Problems.BadRequest("RecordingDuration", "RecordingDuration must be a whole number of seconds.");
            }

            seconds = value;
        }

        await drafts.RecordingAsync(call.Sid, call.From, call.To, url!, seconds, time.GetUtcNow(), cancellationToken);
        return Goodbye();
    }

    public static async Task<IResult> StatusChanged(HttpRequest request, TwilioWebhook webhook, SqlMissedCalls missedCalls,
        [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        var (call, refusal) = await ReadCallAsync(request, webhook, cancellationToken);
        if (call is null)
        {
            return refusal!;
        }

        if (TwilioFields.Require(call.Form, "CallStatus", 32, out var status) is { } badStatus)
        {
            return badStatus;
        }

        if (MissedCall.MissedStatuses.Contains(status))
        {
            await missedCalls.AddAsync(call.Sid, call.From, call.To, status, time.GetUtcNow(), cancellationToken);
        }

        return TwilioWebhook.Twiml(Twiml.Response());
    }

    private static IResult Goodbye() => TwilioWebhook.Twiml(Twiml.Response(Twiml.Say(ResidentTexts.VoiceTaken), Twiml.Hangup()));

    private static async Task<(VoiceCall? Call, IResult? Refusal)> ReadCallAsync(HttpRequest request, TwilioWebhook webhook, CancellationToken cancellationToken)
    {
        var (form, refusal) = await webhook.ReadAsync(request, cancellationToken);
        if (form is null)
        {
            return (null, refusal);
        }

        var sid = form["CallSid"];
        if (!TwilioFields.IsSid(sid, "CA"))
        {
            return (null, Problems.BadRequest("CallSid", "CallSid must be a Twilio call id: CA and 32 hex digits."));
        }

        string? Party(string field) => form[field] is { Length: > 0 and <= 64 } value ? value : null;
        return (new VoiceCall(form, sid!, Party("From"), Party("To")), null);
    }

    private sealed record VoiceCall(TwilioForm Form, string Sid, string? From, string? To);
}
