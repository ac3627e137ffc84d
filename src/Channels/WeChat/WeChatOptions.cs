namespace HotlineDispatch.Channels.WeChat;

/// <summary><c>Hotline:WeChat</c>: the official account's server settings (docs/api.md). Safe mode when <see cref="EncodingAESKey"/> is set.</summary>
public sealed class WeChatOptions
{
    public const string Section = "Hotline:WeChat";

    public string? Token { get; set; }

    public string? EncodingAESKey { get; set; }

    public string? AppId { get; set; }

    /// <summary>
    /// How long intake may take before WeChat is answered <c>success</c> and the reply follows through
    /// the outbox. WeChat gives up after 5 s, and the network takes its share of those.
    /// </summary>
    public TimeSpan ReplyBudget { get; set; } = TimeSpan.FromSeconds(4);

    public bool SafeMode => !string.IsNullOrEmpty(EncodingAESKey);
}
