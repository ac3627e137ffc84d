using HotlineDispatch.Channels.Twilio;
using HotlineDispatch.Silo.Outbox;
using Twilio.TwiML;

namespace HotlineDispatch.Silo.Twilio;

/// <summary>
/// <c>POST /channels/twilio/status?outbox=…</c>: Twilio's delivery report for an SMS the outbox sent
/// (<c>MessageSid</c>, <c>MessageStatus</c>, <c>ErrorCode</c>). Reports only move a row forward, so
/// repeats and late arrivals change nothing.
/// </summary>
public static class TwilioMessageStatusWebhook
{
    public static async Task<IResult> Receive(HttpContext http, OutboxTransitions transitions,
        [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        var form = TwilioWebhook.Form(http);
        if (TwilioFields.MessageSid(form, out var sid) is { } badSid)
        {
            return badSid;
        }

        if (TwilioFields.Require(form, "MessageStatus", 32, out var status) is { } bad)
        {
            return bad;
        }

        var outboxId = http.Request.Query[TwilioRoutes.OutboxQuery].ToString();
        if (State(status) is { } state)
        {
            var error = form["ErrorCode"] is { Length: > 0 } code ? $"Twilio error {code}" : null;
            await transitions.ReportAsync(outboxId.Length > 0 ? outboxId : null, sid, state, status, error, time.GetUtcNow(), cancellationToken);
        }

        return TwilioWebhook.Twiml(new MessagingResponse());
    }

    /// <summary>Twilio's message status as an outbox state; null for a status that says nothing new (receiving, say).</summary>
    private static string? State(string status) => status switch
    {
        "accepted" or "scheduled" or "queued" or "sending" or "sent" => OutboxStates.Sent,
        "delivered" or "read" => OutboxStates.Delivered,
        "undelivered" => OutboxStates.Undelivered,
        "failed" or "canceled" => OutboxStates.Failed,
        _ => null,
    };
}
