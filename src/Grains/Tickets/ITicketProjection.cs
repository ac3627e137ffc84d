namespace HotlineDispatch.Tickets;

/// <summary>
/// Carries a ticket's new history into the read model (lists, queues, statistics). Idempotent: the
/// read model remembers how far each ticket was projected, so a repeated call counts nothing twice.
/// </summary>
public interface ITicketProjection
{
    /// <summary>Projects the events after <paramref name="projectedSeq"/>; returns once they are durable.</summary>
    Task ProjectAsync(TicketSnapshot ticket, int projectedSeq, CancellationToken cancellationToken = default);
}
