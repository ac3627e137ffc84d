using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HotlineDispatch.Channels.Outbox;

namespace HotlineDispatch.Channels.Twilio;

/// <summary>
/// Sends <c>sms:</c> messages through Twilio's Messages resource:
/// <c>POST {ApiBaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json</c>, Basic auth, form fields
/// <c>To</c>, <c>From</c> (or <c>MessagingServiceSid</c>), <c>Body</c> and, when the public URL is known,
/// <c>StatusCallback</c> naming the outbox row. The API has no idempotency key: one call is one message.
/// </summary>
public sealed class TwilioSmsSender(HttpClient http, TwilioSettings settings, string? publicBaseUrl, TimeProvider time) : IOutboundSender
{
    public string Scheme => "sms";

    /// <summary>Twilio's limit for one message body: it concatenates the SMS segments of up to 1600 characters itself.</summary>
    public MessageLimit Limit { get; } = MessageLimit.Utf16Chars(1600);

    public bool CanSend(string address) => address.Length > 0;

    // Twilio queues what exceeds a number's rate itself, and answers 429 only past its queue.
    public TimeSpan Wait(string address) => TimeSpan.Zero;

    public async Task<SendOutcome> SendAsync(OutboundDelivery delivery, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>> { new("To", delivery.Address) };
        fields.Add(string.IsNullOrWhiteSpace(settings.MessagingServiceSid)
            ? new("From", settings.FromNumber!)
            : new("MessagingServiceSid", settings.MessagingServiceSid));
        fields.Add(new("Body", delivery.Text));
        if (!string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            fields.Add(new("StatusCallback",
                $"{publicBaseUrl.TrimEnd('/')}{TwilioRoutes.MessageStatus}?{TwilioRoutes.OutboxQuery}={Uri.EscapeDataString(delivery.OutboxId)}"));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{settings.ApiBaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid!)}/Messages.json")
        {
            Content = new FormUrlEncodedContent(fields),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return OutboundHttp.FromException(ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var sent = OutboundHttp.Json(body);
                return new SendOutcome.Sent(OutboundHttp.Text(sent, "sid"), OutboundHttp.Text(sent, "status"));
            }

            var error = OutboundHttp.Json(body);
            var detail = $"{(int)response.StatusCode} {OutboundHttp.Text(error, "code")}: {OutboundHttp.Text(error, "message") ?? response.ReasonPhrase}";
            // 401 is a configuration fault, not the message's: it is retried until the credentials are fixed or the attempts run out.
            return OutboundHttp.IsRetryable(response.StatusCode) || response.StatusCode == HttpStatusCode.Unauthorized
                ? new SendOutcome.Retry(OutboundHttp.RetryAfter(response.Headers, time.GetUtcNow()), detail)
                : new SendOutcome.Failed(detail);
        }
    }
}
