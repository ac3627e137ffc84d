using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>
/// A table kept from tickets' history in the projection's own transaction, so it sees each new event
/// exactly once, just like the ticket index and the counters.
/// </summary>
public interface ITicketProjectionPart
{
    /// <summary>
    /// Takes what the part needs from the ticket now (the grain goes on changing it) and returns the
    /// write to run in the transaction, or null when the part has nothing to do for these events.
    /// </summary>
    ProjectionWrite? Capture(TicketSnapshot ticket, IReadOnlyList<TicketEvent> newEvents);
}
