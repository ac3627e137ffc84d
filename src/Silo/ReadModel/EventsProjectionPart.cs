using System.Data.Common;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>
/// A projection part that works from the ticket's summary and the events not projected before: the
/// summary is taken when the ticket is captured, the events are cut at the stored mark in the transaction.
/// </summary>
public abstract class EventsProjectionPart : ITicketProjectionPart
{
    public ProjectionWrite? Capture(TicketSnapshot ticket, IReadOnlyList<TicketEvent> newEvents)
    {
        var summary = TicketSummary.Of(ticket);
        return (connection, transaction, storedSeq) =>
            ApplyAsync(connection, transaction, summary, newEvents.Where(e => e.Seq > storedSeq).ToList());
    }

    protected abstract Task ApplyAsync(DbConnection connection, DbTransaction transaction, TicketSummary summary, IReadOnlyList<TicketEvent> events);
}
