namespace HotlineDispatch.Silo.Tickets;

/// <summary>The filters of the ticket list, read from the query string alike by the list and by its CSV export.</summary>
public sealed record TicketListFilters(
    string? State,
    string? Department,
    string? GridCell,
    bool? Overdue,
    string? From,
    string? To,
    string? Phone,
    string? Q,
    string? Channel,
    string? Type,
    bool? Urgent,
    bool? Supervised,
    bool? PendingExtension,
    bool? AwaitingSurvey,
    bool? Returned,
    string? Sort);
