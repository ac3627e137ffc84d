using HotlineDispatch.Tickets;

namespace HotlineDispatch.Grid;

/// <summary>One grid cell (网格), keyed by <see cref="GridKeys.Cell"/>: its groups and the inbox of requests posted there.</summary>
[Alias("hotline.IGridCellGrain")]
public interface IGridCellGrain : IGrainWithStringKey
{
    [Alias("AddGroup")]
    Task AddGroup(GroupRegistration group);

    [Alias("RemoveGroup")]
    Task RemoveGroup(string groupId);

    /// <summary>The group's requests still open here and not being made into a ticket: what moves with the group.</summary>
    [Alias("OpenRequestsOf")]
    Task<IReadOnlyList<InboxItem>> OpenRequestsOf(string groupId);

    /// <summary>Puts a detected request in the inbox; a request already there or answered changes nothing.</summary>
    [Alias("Collect")]
    Task Collect(InboxItem item);

    /// <summary>Open requests, oldest first.</summary>
    [Alias("Inbox")]
    Task<IReadOnlyList<InboxItem>> Inbox();

    /// <summary>The cell's record of the requests it answered lately (<see cref="GridCellState.Handled"/>), newest first.</summary>
    [Alias("Handled")]
    Task<IReadOnlyList<HandledRequest>> Handled();

    [Alias("Status")]
    Task<GridCellStatus> Status();

    /// <summary>
    /// Turns a request into a ticket of the cell (channel <c>chat</c>), dispatched at once when
    /// <paramref name="dispatch"/> names a department, and tells the group. Asked again, answers the same ticket.
    /// </summary>
    [Alias("MakeTicket")]
    Task<TicketSnapshot> MakeTicket(string messageId, TicketType? type, string? dispatch, Actor actor);

    /// <summary>
    /// 巡查上报: a problem the grid worker found on patrol becomes a ticket of the cell (channel <c>patrol</c>), dispatched at
    /// once when the report names a department, and counts among the requests the cell collected.
    /// </summary>
    [Alias("Patrol")]
    Task<TicketSnapshot> Patrol(PatrolReport report, Actor actor);

    /// <summary>Records that the grid worker settled the request in person, and tells the group. Asked again, answers the same.</summary>
    [Alias("Settle")]
    Task<HandledRequest> Settle(string messageId, string note, Actor actor);

    /// <summary>
    /// Takes chatter the detector mistook for a request out of the inbox, keeping it on record with the reason; it is
    /// neither settled nor collected, and the group hears nothing. Asked again, answers the same.
    /// </summary>
    [Alias("Dismiss")]
    Task<HandledRequest> Dismiss(string messageId, string reason, Actor actor);
}
