namespace HotlineDispatch.Channels.Outbox;

/// <summary>One outbox row being delivered: its id (for status callbacks), the address after the scheme, and the text.</summary>
public sealed record OutboundDelivery(string OutboxId, string Address, string Text);
