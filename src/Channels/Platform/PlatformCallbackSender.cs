using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using HotlineDispatch.Channels.Http;
using HotlineDispatch.Channels.Outbox;

namespace HotlineDispatch.Channels.Platform;

/// <summary>
/// Delivers <c>platform:</c> outbox rows, each the JSON of one callback, to <c>Hotline:Platform:CallbackUrl</c>,
/// signed as the pushes are, with the callback URL's path. A 2xx answer settles the row; 429, 5xx and a refused
/// connection put it back for the outbox's back-off; no answer leaves it unknown, never sent twice.
/// </summary>
public sealed class PlatformCallbackSender(HttpClient http, PlatformOptions options, TimeProvider time) : IOutboundSender
{
    public string Scheme => "platform";

    /// <summary>A callback is one JSON document and must never be split; a ticket's longest texts fit well inside this.</summary>
    public MessageLimit Limit { get; } = MessageLimit.Utf16Chars(1_000_000);

    public bool CanSend(string address) => options.CanCallBack;

    public TimeSpan Wait(string address) => TimeSpan.Zero;

    public async Task<SendOutcome> SendAsync(OutboundDelivery delivery, CancellationToken cancellationToken)
    {
        var url = new Uri(options.CallbackUrl!);
        var body = Encoding.UTF8.GetBytes(delivery.Text);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(HotlineSignature.TimestampHeader, timestamp);
        request.Headers.Add(HotlineSignature.SignatureHeader, HotlineSignature.Compute(options.Secret!, timestamp, "POST", url.AbsolutePath, body));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new SendOutcome.Sent(null, $"HTTP {(int)response.StatusCode}");
            }

            var status = $"HTTP {(int)response.StatusCode}";
            return OutboundHttp.IsRetryable(response.StatusCode)
                ? new SendOutcome.Retry(OutboundHttp.RetryAfter(response.Headers, time.GetUtcNow()), status)
                : new SendOutcome.Failed(status);
        }
        catch (HttpRequestException ex)
        {
            return OutboundHttp.FromException(ex);
        }
    }
}
