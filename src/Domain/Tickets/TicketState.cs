namespace HotlineDispatch.Tickets;

/// <summary>Where a ticket stands in the closed loop of docs/domain.md §3.</summary>
// sbyte: every ticket and history entry holds it, and it is stored with the same encoding the int had.
public enum TicketState : sbyte
{
    Accepted,
    Resolved,
    Dispatched,
    InProgress,
    AwaitingResident,
    Replied,
    Reopened,
    Closed,
    Merged,
}
