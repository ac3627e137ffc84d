using HotlineDispatch.Deadlines;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Tickets;

/// <summary>A ticket in a list or a queue: no caller, no history; times in the centre's offset.</summary>
public sealed record SummaryView(
    string Id,
    string Number,
    TicketState State,
    TicketChannel Channel,
    TicketType Type,
    bool Urgent,
    string? Lead,
    IReadOnlyList<string> Co,
    IReadOnlyList<string> CoSigned,
    string? GridCell,
    string Address,
    string Excerpt,
    DateTimeOffset AcceptedAt,
    DateTimeOffset? SignBy,
    DateTimeOffset? ReplyBy,
    IReadOnlyList<string> YellowFor,
    IReadOnlyList<string> RedFor,
    bool Supervised,
    int Urged)
{
    public static SummaryView Of(TicketSummary s, WorkingCalendar calendar) => new(
        s.Id, s.Id, s.State, s.Channel, s.Type, s.Urgent, s.Lead, s.Co, s.CoSigned, s.GridCell, s.Address, s.Excerpt,
        calendar.ToLocal(s.AcceptedAt),
        s.SignBy is { } sign ? calendar.ToLocal(sign) : null,
        s.ReplyBy is { } reply ? calendar.ToLocal(reply) : null,
        s.YellowFor, s.RedFor, s.Supervised, s.Urged);
}
