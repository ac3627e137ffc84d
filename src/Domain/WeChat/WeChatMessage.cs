namespace HotlineDispatch.WeChat;

/// <summary>
/// One message a resident sent to the official account, as the server protocol delivers it
/// (docs/channels.md): who, when, what kind, and the fields of that kind. Already authenticated and,
/// in safe mode, decrypted.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.wechat-message.v1")]
public sealed record WeChatMessage(
    [property: Id(0)] string Account,
    [property: Id(1)] string OpenId,
    [property: Id(2)] long CreateTime,
    [property: Id(3)] string MsgType,
    [property: Id(4)] string? MsgId)
{
    [Id(5)] public string? Content { get; init; }

    /// <summary>WeChat's speech-to-text of a voice message, when the account has it switched on.</summary>
    [Id(6)] public string? Recognition { get; init; }

    [Id(7)] public string? PicUrl { get; init; }

    [Id(8)] public string? MediaId { get; init; }

    /// <summary><c>Location_X</c>: the latitude, as sent.</summary>
    [Id(9)] public string? Latitude { get; init; }

    /// <summary><c>Location_Y</c>: the longitude, as sent.</summary>
    [Id(10)] public string? Longitude { get; init; }

    [Id(11)] public string? Label { get; init; }

    [Id(12)] public string? Event { get; init; }

    public bool IsEvent => MsgType == "event";

    /// <summary>Where answers to this resident go through the outbox.</summary>
    public string ReplyTo => $"wechat:{OpenId}";

    /// <summary>
    /// The key WeChat's retries share: <c>MsgId</c> for messages, sender and <c>CreateTime</c> for
    /// events (which have no MsgId). Prefixed, so it never parses as a hex number.
    /// </summary>
    public string DeduplicationKey => IsEvent ? $"wechat-event-{OpenId}-{CreateTime}" : $"wechat-msg-{MsgId}";
}
