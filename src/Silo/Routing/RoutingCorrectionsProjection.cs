using HotlineDispatch.Routing;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Routing;

/// <summary>
/// A dispatch that overrides the router's suggestion or follows a return becomes a correction, recorded
/// in the projection's transaction and so exactly once per history event.
/// </summary>
public sealed class RoutingCorrectionsProjection(SqlRoutingCorrections corrections) : ITicketProjectionPart
{
    public ProjectionWrite? Capture(TicketSnapshot ticket, IReadOnlyList<TicketEvent> newEvents)
    {
        var firstNew = ticket.History.Length - newEvents.Count;
        var found = Enumerable.Range(firstNew, newEvents.Count)
            .Select(i => RoutingCorrection.Of(ticket, i))
            .OfType<RoutingCorrection>()
            .ToList();
        return found.Count == 0
            ? null
            : (connection, transaction, storedSeq) => corrections.RecordAsync(connection, transaction, found.Where(c => c.Seq > storedSeq));
    }
}
