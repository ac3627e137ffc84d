using HotlineDispatch.Deadlines;
using HotlineDispatch.Disputes;

namespace HotlineDispatch.Silo.Disputes;

/// <summary>A dispute as the queue and the ticket view show it, times in the centre's offset.</summary>
public sealed record DisputeView(
    string TicketId, int Seq, string Kind, string Department, string Reason, string? Suggested, DateTimeOffset RaisedAt,
    DateTimeOffset ReviewBy, bool Overdue, bool? Upheld, string? DecidedBy, DateTimeOffset? DecidedAt, string? Note, string? NewLead)
{
    public static string KindName(DisputeKind kind) => kind == DisputeKind.Dispatch ? "dispatch" : "return";

    public static DisputeView Of(string ticketId, Dispute d, WorkingCalendar calendar) =>
        new(ticketId, d.Seq, KindName(d.Kind), d.Department, d.Reason, d.Suggested, calendar.ToLocal(d.RaisedAt), calendar.ToLocal(d.ReviewBy),
            d.Overdue, d.Upheld, d.DecidedBy, d.DecidedAt is { } at ? calendar.ToLocal(at) : null, d.Note, d.NewLead);
}
