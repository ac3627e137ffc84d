namespace HotlineDispatch.Outbox;

/// <summary>
/// A message to a resident or a resident group. <see cref="ReplyTo"/> is <c>scheme:address</c>
/// (<c>sms:+8613812345678</c>, <c>wechat:&lt;openid&gt;</c>, <c>group:&lt;groupId&gt;</c>); the scheme picks the sender.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.outbound-message.v1")]
public sealed record OutboundMessage(
    [property: Id(0)] string ReplyTo,
    [property: Id(1)] string Text,
    [property: Id(2)] string Kind,
    [property: Id(3)] string? TicketId);
