namespace HotlineDispatch.Channels.WeChat;

/// <summary>A safe-mode message that cannot be authentic for this account.</summary>
public sealed class WeChatCryptoException(string message) : Exception(message);
