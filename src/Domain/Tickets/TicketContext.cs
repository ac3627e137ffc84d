using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Disputes;

namespace HotlineDispatch.Tickets;

/// <summary>What a ticket step needs from outside the ticket: the instant, the limits and the departments.</summary>
public sealed record TicketContext(DateTimeOffset Now, SlaPolicy Sla, DepartmentCatalog Departments)
{
    /// <summary>The dispute window and review limit (docs/domain.md §9).</summary>
    public DisputeOptions Disputes { get; init; } = new();
}
