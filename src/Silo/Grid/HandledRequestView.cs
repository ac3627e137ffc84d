using HotlineDispatch.Deadlines;
using HotlineDispatch.Grid;

namespace HotlineDispatch.Silo.Grid;

/// <summary>
/// A request the cell answered, as its record shows it: how (a ticket, settled, or dismissed as no request, the note
/// saying what was done or why), by whom and in which role, and after how long it waited.
/// </summary>
public sealed record HandledRequestView(
    string MessageId,
    string GroupId,
    string GroupName,
    string SenderName,
    string Text,
    DateTimeOffset ReceivedAt,
    bool Settled,
    bool Dismissed,
    string? TicketId,
    string? Note,
    string HandledBy,
    string? HandledByRole,
    DateTimeOffset HandledAt,
    long WaitedSeconds)
{
    public static HandledRequestView Of(HandledRequest handled, WorkingCalendar calendar) => new(
        handled.Item.MessageId,
        handled.Item.Group.GroupId,
        handled.Item.Group.Name,
        handled.Item.Message.SenderName,
        handled.Item.Message.Text,
        calendar.ToLocal(handled.Item.ReceivedAt),
        handled.Settled,
        handled.Dismissed,
        handled.TicketId,
        handled.Note,
        handled.HandledBy,
        handled.HandledByRole,
        calendar.ToLocal(handled.HandledAt),
        (long)handled.Waited.TotalSeconds);
}
