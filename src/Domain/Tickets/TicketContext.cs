using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;

namespace HotlineDispatch.Tickets;

/// <summary>What a ticket step needs from outside the ticket: the instant, the limits and the departments.</summary>
public sealed record TicketContext(DateTimeOffset Now, SlaPolicy Sla, DepartmentCatalog Departments);
