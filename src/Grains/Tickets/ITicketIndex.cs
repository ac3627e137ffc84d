namespace HotlineDispatch.Tickets;

/// <summary>Reads the ticket summaries the projection keeps.</summary>
public interface ITicketIndex
{
    /// <summary>The tickets a department has to work on now.</summary>
    Task<IReadOnlyList<TicketSummary>> WithDepartmentAsync(string department, CancellationToken cancellationToken = default);

    /// <summary>
    /// Open tickets with a card due at or before <paramref name="now"/>, to wake after an outage, in the order
    /// their cards fell due and, given <paramref name="after"/>, from beyond it.
    /// </summary>
    Task<IReadOnlyList<DueTicket>> CardsDueAsync(DateTimeOffset now, DueTicket? after, int limit, CancellationToken cancellationToken = default);

    Task<TicketPage> SearchAsync(TicketQuery query, CancellationToken cancellationToken = default);
}
