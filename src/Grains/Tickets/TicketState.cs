namespace HotlineDispatch.Tickets;

/// <summary>Where a ticket stands in the closed loop of DOMAIN.md §3.</summary>
public enum TicketState
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
