namespace HotlineDispatch.Channels.WeChat;

/// <summary>
/// The official account's API credentials (<c>Hotline:WeChat:AppId</c>, <c>AppSecret</c>), used to send
/// customer-service messages; <see cref="ApiBaseUrl"/> is configurable so tests can point it at a local server.
/// </summary>
public sealed class WeChatApiSettings
{
    public const string Section = "Hotline:WeChat";

    public string? AppId { get; set; }

    public string? AppSecret { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.weixin.qq.com";

    public bool CanSend => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppSecret);
}
