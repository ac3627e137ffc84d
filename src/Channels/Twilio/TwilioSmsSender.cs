using System.Net;
using HotlineDispatch.Channels.Outbox;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace HotlineDispatch.Channels.Twilio;

/// <summary>
/// Sends <c>sms:</c> messages through the Twilio library's Messages resource, from <c>FromNumber</c> or the
/// messaging service, with a <c>StatusCallback</c> naming the outbox row when the public URL is known. The
/// API has no idempotency key: one call is one message.
/// </summary>
/// <param name="http">
/// A fresh client per send from the factory (its handlers pooled): cancelling its pending request is how a
/// stopping silo or the outbox's timeout reaches the library's call, which takes no token itself.
/// </param>
public sealed class TwilioSmsSender(Func<System.Net.Http.HttpClient> http, TwilioSettings settings, string? publicBaseUrl, TimeProvider time)
    : IOutboundSender
{
    public string Scheme => "sms";

    /// <summary>Twilio's limit for one message body: it concatenates the SMS segments of up to 1600 characters itself.</summary>
    public MessageLimit Limit { get; } = MessageLimit.Utf16Chars(1600);

    public bool CanSend(string address) => address.Length > 0;

    // Twilio queues what exceeds a number's rate itself, and answers 429 only past its queue.
    public TimeSpan Wait(string address) => TimeSpan.Zero;

    public async Task<SendOutcome> SendAsync(OutboundDelivery delivery, CancellationToken cancellationToken)
    {
        var options = new CreateMessageOptions(new PhoneNumber(delivery.Address)) { Body = delivery.Text };
        if (string.IsNullOrWhiteSpace(settings.MessagingServiceSid))
        {
            options.From = new PhoneNumber(settings.FromNumber);
        }
        else
        {
            options.MessagingServiceSid = settings.MessagingServiceSid;
        }

        if (!string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            options.StatusCallback = new Uri(
                $"{publicBaseUrl.TrimEnd('/')}{TwilioRoutes.MessageStatus}?{TwilioRoutes.OutboxQuery}={Uri.EscapeDataString(delivery.OutboxId)}");
        }

        using var client = http();
        using var cancel = cancellationToken.Register(client.CancelPendingRequests);
        // One wrapper per send, so its LastResponse is this send's answer: the library's exceptions drop the headers.
        var transport = new SystemNetHttpClient(client);
        try
        {
            var sent = await MessageResource.CreateAsync(options, new TwilioRestClient(settings.AccountSid, settings.AuthToken, httpClient: transport));
            return new SendOutcome.Sent(sent.Sid, sent.Status?.ToString());
        }
        catch (ApiConnectionException ex)
        {
            return ex.InnerException switch
            {
                HttpRequestException request => OutboundHttp.FromException(request),
                // A timeout or the silo's stop: the outbox makes the first unknown, and the second leaves the row sending.
                OperationCanceledException cancelled => throw cancelled,
                _ => new SendOutcome.Unknown(ex.Message),
            };
        }
        catch (TwilioException ex) when (transport.LastResponse is { } response)
        {
            return Refused(response, ex);
        }
    }

    private SendOutcome Refused(Response response, TwilioException exception)
    {
        if (response.StatusCode is >= HttpStatusCode.OK and < HttpStatusCode.BadRequest)
        {
            // Taken, though the library could not read its answer: sending again would send it twice.
            return new SendOutcome.Sent(null, null);
        }

        var code = exception switch
        {
            ApiException api => api.Code,
            ApiStandardException standard => standard.Code,
            _ => 0,
        };
        var detail = $"{(int)response.StatusCode} {code}: {exception.Message}";
        // 401 is a configuration fault, not the message's: it is retried until the credentials are fixed or the attempts run out.
        return OutboundHttp.IsRetryable(response.StatusCode) || response.StatusCode == HttpStatusCode.Unauthorized
            ? new SendOutcome.Retry(OutboundHttp.RetryAfter(response.Headers, time.GetUtcNow()), detail)
            : new SendOutcome.Failed(detail);
    }
}
