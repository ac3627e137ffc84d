using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Privacy;

/// <summary>Notes when each ticket closes, in the projection's transaction: the caller's retention runs from then.</summary>
public sealed class ClosedTicketsProjection : ITicketProjectionPart
{
    public ProjectionWrite? Capture(TicketSnapshot ticket, IReadOnlyList<TicketEvent> newEvents)
    {
        if (newEvents.LastOrDefault(e => e.Action == TicketActions.Close) is not { } close)
        {
            return null;
        }

        return (connection, transaction, _) => connection.Command("""
            INSERT INTO hotline_ticket_closed (ticket_id, closed_at) VALUES (@id, @at)
            ON CONFLICT (ticket_id) DO NOTHING
            """, transaction)
            .With("id", ticket.Id).With("at", close.At.ToUnixTimeMilliseconds())
            .RunAsync();
    }
}
