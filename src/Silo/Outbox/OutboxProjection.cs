using HotlineDispatch.Residents;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Outbox;

/// <summary>
/// Writes the messages a ticket's events owe its resident into the outbox, in the projection's
/// transaction: an event is projected exactly once, so its messages are created exactly once (and the
/// row id, made of ticket, event and kind, would keep a second write from adding one anyway).
/// </summary>
public sealed class OutboxProjection(TicketNotices notices, [FromKeyedServices(HotlineTime.Key)] TimeProvider time) : ITicketProjectionPart
{
    public ProjectionWrite? Capture(TicketSnapshot ticket, IReadOnlyList<TicketEvent> newEvents)
    {
        var owed = notices.For(ticket, newEvents).ToList();
        if (owed.Count == 0 || SqlOutbox.SchemeOf(ticket.ReplyTo) is not { } scheme)
        {
            return null;
        }

        var anonymous = ticket.Caller.Anonymous;
        var knownTo = ticket.Caller.KnownTo;
        return async (connection, transaction, storedSeq) =>
        {
            if (anonymous)
            {
                await connection.Command("""
                    INSERT INTO hotline_outbox_anonymous (ticket_id, known_to) VALUES (@ticket_id, @known_to)
                    ON CONFLICT (ticket_id) DO NOTHING
                    """, transaction)
                    .With("ticket_id", ticket.Id).With("known_to", knownTo).RunAsync();
            }

            var now = time.GetUtcNow();
            foreach (var notice in owed.Where(n => n.Seq > storedSeq))
            {
                await SqlOutbox.InsertAsync(connection, transaction, $"t-{notice.TicketId}-{notice.Seq:D6}-{notice.Kind}", notice.ReplyTo,
                    scheme, notice.Kind, notice.Text, notice.TicketId, notice.Inline ? OutboxStates.Sent : OutboxStates.Pending, now);
            }
        };
    }
}
