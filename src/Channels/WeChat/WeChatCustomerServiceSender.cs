using HotlineDispatch.Channels.Outbox;

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
    public string Scheme => "wechat";

    public MessageLimit Limit { get; } = MessageLimit.Utf8Bytes(2048);

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
        var message = new { touser = delivery.Address, msgtype = "text", text = new { content = delivery.Text } };
        var (outcome, json) = await OutboundHttp.PostJsonAsync(http, url, message, time.GetUtcNow(), cancellationToken);
        if (outcome is not null)
        {
            return outcome;
        }

        var code = OutboundHttp.Text(json, "errcode");
        var detail = $"{code}: {OutboundHttp.Text(json, "errmsg")}";
        switch (code)
        {
            case null:
                return new SendOutcome.Unknown("WeChat answered without an errcode.");
            case "0":
                return new SendOutcome.Sent(OutboundHttp.Text(json, "msgid"), "ok");
            case var refused when WeChatApiError.IsTokenRefused(refused):
                // The token was refused, so the message was not sent; the next attempt fetches a new one.
                token.Refused(accessToken);
                return new SendOutcome.Retry(TimeSpan.Zero, detail);
            default:
                return WeChatApiError.IsTransient(code) ? new SendOutcome.Retry(null, detail) : new SendOutcome.Failed(detail);
        }
    }
}
