namespace HotlineDispatch.Tickets;

/// <summary>A filter over the ticket index; <see cref="Department"/> matches the lead or a co-handler.</summary>
public sealed record TicketQuery(
    TicketState? State,
    string? Department,
    string? GridCell,
    bool? Overdue,
    DateTimeOffset? From,
    DateTimeOffset? To,
    DateTimeOffset Now,
    int Page,
    int PageSize);

public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, int Total);
