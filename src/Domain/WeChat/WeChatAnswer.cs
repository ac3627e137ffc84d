namespace HotlineDispatch.WeChat;

/// <summary>
/// What goes back to WeChat for a message: a passive text reply, or, when <see cref="Text"/> is
/// null, the bare <c>success</c> that tells WeChat not to retry (nothing to say now, or the answer
/// follows later through the outbox).
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.wechat-answer.v1")]
public sealed record WeChatAnswer([property: Id(0)] string? Text)
{
    public static WeChatAnswer Success { get; } = new((string?)null);
}
