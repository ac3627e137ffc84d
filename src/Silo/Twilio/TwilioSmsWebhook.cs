using System.Globalization;
using HotlineDispatch.Channels.Twilio;
using HotlineDispatch.Residents;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Tickets;
using HotlineDispatch.Webhooks;
using Twilio.TwiML;

namespace HotlineDispatch.Silo.Twilio;

/// <summary>
/// <c>POST /channels/twilio/sms</c>: a resident's SMS, answered with TwiML. The message grain answers
/// each <c>MessageSid</c> once and repeats that answer to Twilio's retries; a retry carrying the same
/// <c>I-Twilio-Idempotency-Token</c> is treated as the message the token first came with.
/// </summary>
public static class TwilioSmsWebhook
{
    public const int MaxBody = 1600;
    private const int MaxMedia = 10;

    public static async Task<IResult> Receive(HttpContext http, IGrainFactory grains)
    {
        var form = TwilioWebhook.Form(http);
        if (TwilioFields.MessageSid(form, out var sid) is { } badSid)
        {
            return badSid;
        }

        if (TwilioFields.Require(form, "From", 64, out var from) is { } bad)
        {
            return bad;
        }

        var body = form["Body"];
        if (body?.Length > MaxBody)
        {
            return Problems.Invalid("Body", $"Body is longer than Twilio's {MaxBody} characters.");
        }

        var media = new List<string>();
        var numMedia = form["NumMedia"];
        if (numMedia is not null)
        {
            if (!int.TryParse(numMedia, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > MaxMedia)
            {
                return Problems.Invalid("NumMedia", $"NumMedia must be a whole number from 0 to {MaxMedia}.");
            }

            for (var i = 0; i < count; i++)
            {
                var url = form[$"MediaUrl{i}"];
                if (!TwilioFields.IsUrl(url))
                {
                    return Problems.Invalid($"MediaUrl{i}", $"MediaUrl{i} must be the absolute URL of media {i + 1} of {count}.");
                }

                media.Add(url!);
            }
        }

        var key = ResidentMessages.Key(TicketChannel.Sms, sid);
        if (http.Request.Headers[TwilioWebhook.IdempotencyHeader].ToString() is { Length: > 0 } token)
        {
            key = await grains.GetGrain<IIdempotencyTokenGrain>(IdempotencyTokens.Key("twilio", token)).Claim(key);
        }

        var message = new ResidentMessage(TicketChannel.Sms, $"sms:{from}", from, body, media, sid);
        var answer = await grains.GetGrain<IResidentMessageGrain>(key).Answer(message);
        return TwilioWebhook.Twiml(new MessagingResponse().Message(answer));
    }
}
