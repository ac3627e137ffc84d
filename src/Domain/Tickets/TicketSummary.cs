using HotlineDispatch.Deadlines;

namespace HotlineDispatch.Tickets;

/// <summary>
/// The row a ticket keeps in the read model: what lists, queues and filters need, without the history.
/// <see cref="Seq"/> is the history position it reflects, so an older summary never overwrites a newer one.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.ticket-summary.v1")]
public sealed record TicketSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] TicketState State,
    [property: Id(2)] TicketChannel Channel,
    [property: Id(3)] TicketType Type,
    [property: Id(4)] bool Urgent,
    [property: Id(5)] string? Lead,
    [property: Id(6)] IReadOnlyList<string> Co,
    [property: Id(7)] string? GridCell,
    [property: Id(8)] string Address,
    [property: Id(9)] string Excerpt,
    [property: Id(10)] DateTimeOffset AcceptedAt,
    [property: Id(11)] DateTimeOffset? SignBy,
    [property: Id(12)] DateTimeOffset? ReplyBy,
    [property: Id(13)] DateTimeOffset? NextCardAt,
    [property: Id(14)] IReadOnlyList<string> YellowFor,
    [property: Id(15)] IReadOnlyList<string> RedFor,
    [property: Id(16)] bool Supervised,
    [property: Id(17)] int Seq)
{
    private const int ExcerptLength = 60;

    /// <summary>The co-handlers that have signed, so a queue offers signing only to those that have not.</summary>
    [Id(18)] public IReadOnlyList<string> CoSigned { get; init; } = [];

    /// <summary>
    /// Waiting for the resident, and already past its reply deadline when the clock stopped. A flag rather
    /// than the pause's instant: department grains hold a summary of every open ticket.
    /// </summary>
    [Id(19)] public bool PausedLate { get; init; }

    /// <summary>How often the ticket was urged (催办), for the department's queue.</summary>
    [Id(30)] public int Urged { get; init; }

    /// <summary>
    /// From when the ticket counts as overdue: its reply deadline, except while it waits for the resident,
    /// when only one already overdue at the pause stays overdue — pausing must not hide a ticket that is late.
    /// </summary>
    public DateTimeOffset? OverdueFrom => State == TicketState.AwaitingResident && !PausedLate ? null : ReplyBy;

    /// <summary>Dispatched to a department and not yet answered by it: what a department queue holds.</summary>
    public bool IsWithDepartment =>
        State is TicketState.Dispatched or TicketState.InProgress or TicketState.AwaitingResident or TicketState.Reopened;

    /// <summary>
    /// Still being worked on: waiting for its dispatch or with a department. A ticket answered at intake or replied to
    /// waits only for the resident's survey, so the open tickets a grid worker follows leave it out.
    /// </summary>
    public static IReadOnlyList<TicketState> InWorkStates { get; } =
        [TicketState.Accepted, TicketState.Dispatched, TicketState.InProgress, TicketState.AwaitingResident, TicketState.Reopened];

    public bool IsAssignedTo(string department) => Lead == department || Co.Contains(department);

    /// <summary>Past its reply deadline while still with the department (see <see cref="OverdueFrom"/>).</summary>
    public bool IsOverdue(DateTimeOffset now) => IsWithDepartment && OverdueFrom < now;

    /// <summary>The deadline that matters most for ordering a queue: signing first, then the reply.</summary>
    public DateTimeOffset? UrgentDeadline => State == TicketState.Dispatched ? SignBy ?? ReplyBy : ReplyBy;

    public static TicketSummary Of(TicketSnapshot ticket)
    {
        var round = ticket.Cards.Where(c => c.Round == ticket.Round).ToList();
        var coSigned = ticket.Co.Where(c => c.SignedAt is not null).Select(c => c.Department).ToList();
        return new TicketSummary(
            ticket.Id,
            ticket.State,
            ticket.Channel,
            ticket.Type,
            ticket.Urgent,
            ticket.Lead,
            ticket.Co.Select(c => c.Department).ToList(),
            ticket.GridCell,
            ticket.Address,
            Excerpts.Of(ticket.Content, ExcerptLength),
            ticket.AcceptedAt,
            ticket.SignBy,
            ticket.ReplyBy,
            ticket.NextCardAt,
            round.Where(c => c.Kind == CardKind.Yellow).Select(c => c.Department).Distinct().ToList(),
            round.Where(c => c.Kind == CardKind.Red).Select(c => c.Department).Distinct().ToList(),
            ticket.Supervised,
            ticket.LastSeq)
        {
            // The shared empty list for the usual ticket with no co-handler signed: a department grain holds a summary per open ticket.
            CoSigned = coSigned.Count == 0 ? [] : coSigned,
            PausedLate = ticket.Deadlines.FirstOrDefault(d => d.Step == DeadlineStep.Reply && d.Department == ticket.Lead) is { PausedAt: { } paused } reply
                && reply.IsOverdue(paused),
            Urged = ticket.UrgedCount,
        };
    }
}
