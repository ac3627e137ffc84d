using HotlineDispatch.Deadlines;
using HotlineDispatch.Notifications;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Notifications;

/// <summary>
/// Tells departments of the events that concern them, in the projection's transaction: each event is projected once,
/// so each notice is written once, however often the silo crashes before or after.
/// </summary>
public sealed class StaffNoticeProjection(SqlStaffNotices notices, StaffContacts contacts, SlaPolicy sla,
    [FromKeyedServices(HotlineTime.Key)] TimeProvider time) : ITicketProjectionPart
{
    public ProjectionWrite? Capture(TicketSnapshot ticket, IReadOnlyList<TicketEvent> newEvents)
    {
        if (contacts.IsEmpty)
        {
            return null;
        }

        var owed = StaffNotices.For(ticket, newEvents, sla.Calendar).Where(n => contacts.Of(n.Audience).Count > 0).ToList();
        return owed.Count == 0
            ? null
            : (connection, transaction, storedSeq) =>
                notices.WriteAsync(connection, transaction, owed.Where(n => n.Seq > storedSeq), time.GetUtcNow(), batch: true);
    }
}
