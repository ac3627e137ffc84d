namespace HotlineDispatch.Channels.WeChat;

/// <summary>WeChat would not issue an access token, so nothing could be sent.</summary>
public sealed class WeChatTokenException(string message) : Exception(message);
