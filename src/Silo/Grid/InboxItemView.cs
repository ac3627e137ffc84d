using HotlineDispatch.Deadlines;
using HotlineDispatch.Grid;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Grid;

/// <summary>A request in a cell's inbox as docs/api.md shows it: times in the centre's offset, and how long it has waited.</summary>
public sealed record InboxItemView(
    string MessageId,
    string GroupId,
    string GroupName,
    string SenderName,
    string Text,
    DateTimeOffset SentAt,
    DateTimeOffset ReceivedAt,
    long WaitingSeconds,
    string? SuggestedDepartment,
    TicketType SuggestedType,
    bool Urgent,
    string? TicketId)
{
    public static InboxItemView Of(InboxItem item, DateTimeOffset now, WorkingCalendar calendar) => new(
        item.MessageId,
        item.Group.GroupId,
        item.Group.Name,
        item.Message.SenderName,
        item.Message.Text,
        calendar.ToLocal(item.Message.SentAt),
        calendar.ToLocal(item.ReceivedAt),
        (long)(now - item.ReceivedAt).TotalSeconds,
        item.SuggestedDepartment,
        item.SuggestedType,
        item.Urgent,
        item.TicketId);
}
