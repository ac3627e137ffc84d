using System.Data.Common;
using HotlineDispatch.Alerts;
using HotlineDispatch.Disputes;
using HotlineDispatch.Silo.Alerts;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;
using static HotlineDispatch.Silo.ReadModel.DbCommandExtensions;

namespace HotlineDispatch.Silo.Disputes;

/// <summary>
/// Keeps <c>hotline_dispute</c> and raises the alert of a dispute left unreviewed, in the projection's transaction,
/// so the queue and the alert follow the ticket's history exactly once.
/// </summary>
public sealed class DisputeProjection : ITicketProjectionPart
{
    private static readonly HashSet<string> DisputeActions =
    [
        TicketActions.Dispute, TicketActions.ReturnRequest, TicketActions.DisputeUpheld, TicketActions.DisputeRejected,
        TicketActions.ReturnApproved, TicketActions.ReturnRefused, TicketActions.DisputeOverdue,
    ];

    public ProjectionWrite? Capture(TicketSnapshot ticket, IReadOnlyList<TicketEvent> newEvents)
    {
        if (!newEvents.Any(e => DisputeActions.Contains(e.Action)))
        {
            return null;
        }

        // The disputes as they stand now: a row written from a later state than its events is only more current.
        var disputes = ticket.Disputes.ToList();
        var overdue = newEvents.Where(e => e.Action == TicketActions.DisputeOverdue)
            .Select(e => (e.Seq, Alert: Alert.ForOverdueDispute(ticket, disputes.Last(d => d.Seq < e.Seq))))
            .ToList();
        return async (connection, transaction, storedSeq) =>
        {
            foreach (var dispute in disputes)
            {
                await Upsert(connection, transaction, ticket.Id, dispute);
            }

            foreach (var (_, alert) in overdue.Where(o => o.Seq > storedSeq))
            {
                await SqlAlertBoard.InsertAsync(connection, transaction, alert);
            }
        };
    }

    private static async Task Upsert(DbConnection connection, DbTransaction transaction, string ticketId, Dispute d)
    {
        await using var command = connection.Command("""
            INSERT INTO hotline_dispute (ticket_id, seq, kind, department, reason, suggested, raised_at, review_by, overdue, upheld,
                decided_by, decided_at, note, new_lead)
            VALUES (@ticket, @seq, @kind, @department, @reason, @suggested, @raised_at, @review_by, @overdue, @upheld,
                @decided_by, @decided_at, @note, @new_lead)
            ON CONFLICT (ticket_id, seq) DO UPDATE SET overdue = excluded.overdue, upheld = excluded.upheld,
                decided_by = excluded.decided_by, decided_at = excluded.decided_at, note = excluded.note, new_lead = excluded.new_lead
            """, transaction)
            .With("ticket", ticketId)
            .With("seq", d.Seq)
            .With("kind", DisputeView.KindName(d.Kind))
            .With("department", d.Department)
            .With("reason", d.Reason)
            .With("suggested", d.Suggested)
            .With("raised_at", Millis(d.RaisedAt))
            .With("review_by", Millis(d.ReviewBy))
            .With("overdue", d.Overdue ? 1 : 0)
            .With("upheld", d.Upheld is { } upheld ? (upheld ? 1 : 0) : null)
            .With("decided_by", d.DecidedBy)
            .With("decided_at", Millis(d.DecidedAt))
            .With("note", d.Note)
            .With("new_lead", d.NewLead);
        await command.ExecuteNonQueryAsync();
    }
}
