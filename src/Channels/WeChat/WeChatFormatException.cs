namespace HotlineDispatch.Channels.WeChat;

/// <summary>A WeChat body that is not a message this server can read; <see cref="Field"/> names what is wrong.</summary>
public sealed class WeChatFormatException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
