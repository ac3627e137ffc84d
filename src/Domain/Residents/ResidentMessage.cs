using HotlineDispatch.Tickets;

namespace HotlineDispatch.Residents;

/// <summary>
/// A message from a resident as a channel received it. <see cref="ReplyTo"/> (<c>sms:+86…</c>) is who
/// sent it and where answers go; <see cref="Phone"/> the sender's number when the channel has one;
/// <see cref="SourceRef"/> the provider's message id.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.resident-message.v1")]
public sealed record ResidentMessage(
    [property: Id(0)] TicketChannel Channel,
    [property: Id(1)] string ReplyTo,
    [property: Id(2)] string? Phone,
    [property: Id(3)] string? Text,
    [property: Id(4)] IReadOnlyList<string> Attachments,
    [property: Id(5)] string SourceRef);
