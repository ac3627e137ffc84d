namespace HotlineDispatch.Outbox;

/// <summary>The durable outbox of every message to residents; senders deliver from it.</summary>
public interface IOutbox
{
    /// <summary>Stores the message for delivery; it is durable when this returns. Returns the outbox row's id.</summary>
    Task<string> EnqueueAsync(OutboundMessage message, CancellationToken cancellationToken = default);
}
