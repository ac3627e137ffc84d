using HotlineDispatch.Alerts;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;

using HotlineDispatch.Silo.Routing;

namespace HotlineDispatch.Silo.Alerts;

/// <summary>
/// Puts a ticket accepted as urgent on the alert board in the projection's transaction. Raised after the
/// accept, in a commit of its own, the alert was lost if the silo died in between, and a third of the
/// bench's reports paid a commit each for it; here it is durable with the accept's read-model row.
/// </summary>
public sealed class UrgentAlertProjection : ITicketProjectionPart
{
    public ProjectionWrite? Capture(TicketSnapshot ticket, IReadOnlyList<TicketEvent> newEvents)
    {
        if (!ticket.Urgent || newEvents is not [{ Seq: 1 }, ..])
        {
            return null;
        }

        var alert = Alert.ForUrgentTicket(ticket);
        return (connection, transaction, storedSeq) => storedSeq == 0 ? SqlAlertBoard.InsertAsync(connection, transaction, alert) : Task.CompletedTask;
    }
}
