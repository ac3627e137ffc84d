using System.Net.Http.Json;
using HotlineDispatch.Channels.Outbound;

namespace HotlineDispatch.Channels.WeChat;

/// <summary>
/// Sends <c>wechat:</c> messages as customer-service text messages:
/// <c>POST {ApiBaseUrl}/cgi-bin/message/custom/send?access_token=…</c> with
/// <c>{"touser":openid,"msgtype":"text","text":{"content":…}}</c>. WeChat answers HTTP 200 with an
/// <c>errcode</c>; 0 means sent.
/// </summary>
public sealed class WeChatCustomerServiceSender(HttpClient http, WeChatApiSettings settings, WeChatAccessToken token, TimeProvider time)
    : IOutboundSender
{
    private const int MaxContentBytes = 2048;

    public string Scheme => "wechat";

    public bool CanSend(string address) => address.Length > 0;

    public TimeSpan Wait(string address) => TimeSpan.Zero;

    public async Task<SendOutcome> SendAsync(OutboundDelivery delivery, CancellationToken cancellationToken)
    {
        string accessToken;
        try
        {
            accessToken = await token.GetAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is WeChatTokenException or HttpRequestException)
        {
            return new SendOutcome.Retry(null, ex.Message);
        }

        var url = $"{settings.ApiBaseUrl.TrimEnd('/')}/cgi-bin/message/custom/send?access_token={Uri.EscapeDataString(accessToken)}";
        var message = new { touser = delivery.Address, msgtype = "text", text = new { content = OutboundHttp.TruncateUtf8(delivery.Text, MaxContentBytes) } };
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(url, message, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return OutboundHttp.FromException(ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var status = $"HTTP {(int)response.StatusCode}";
                return OutboundHttp.IsRetryable(response.StatusCode)
                    ? new SendOutcome.Retry(OutboundHttp.RetryAfter(response.Headers, time.GetUtcNow()), status)
                    : new SendOutcome.Failed(status);
            }

            var json = OutboundHttp.Json(await response.Content.ReadAsStringAsync(cancellationToken));
            var code = OutboundHttp.Text(json, "errcode");
            var detail = $"{code}: {OutboundHttp.Text(json, "errmsg")}";
            if (code is null)
            {
                return new SendOutcome.Unknown("WeChat answered without an errcode.");
            }

            if (code == "0")
            {
                return new SendOutcome.Sent(OutboundHttp.Text(json, "msgid"), "ok");
            }

            if (WeChatApiError.IsTokenRefused(code))
            {
                // The token was refused, so the message was not sent; the next attempt fetches a new one.
                token.Refused(accessToken);
                return new SendOutcome.Retry(TimeSpan.Zero, detail);
            }

            return WeChatApiError.IsTransient(code) ? new SendOutcome.Retry(null, detail) : new SendOutcome.Failed(detail);
        }
    }
}
