namespace HotlineDispatch.Tickets;

/// <summary>Reads the ticket summaries the projection keeps.</summary>
public interface ITicketIndex
{
    /// <summary>The tickets a department has to work on now.</summary>
    Task<IReadOnlyList<TicketSummary>> WithDepartmentAsync(string department, CancellationToken cancellationToken = default);

    /// <summary>Open tickets with a card due at or before <paramref name="now"/>, to wake after an outage.</summary>
    Task<IReadOnlyList<string>> CardsDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    Task<TicketPage> SearchAsync(TicketQuery query, CancellationToken cancellationToken = default);
}
