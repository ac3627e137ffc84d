using HotlineDispatch.Incidents;
using HotlineDispatch.Routing;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Routing;

/// <summary>
/// Wraps the read-model projection so that the router learns from the same history, exactly once per
/// event: a dispatch that overrides the suggestion or follows a return becomes a correction, and a
/// ticket that is merged, settled or closed stops being offered as a duplicate. If recording fails the
/// projection fails too, and the ticket grain retries it (the SQL part then skips what it already wrote).
/// </summary>
public sealed class RoutingFeedbackProjection(SqlTicketProjection inner, IGrainFactory grains) : ITicketProjection
{
    private static readonly HashSet<TicketState> Finished = [TicketState.Merged, TicketState.Closed, TicketState.Resolved];

    public async Task ProjectAsync(Ticket ticket, int projectedSeq, CancellationToken cancellationToken = default)
    {
        await inner.ProjectAsync(ticket, projectedSeq, cancellationToken);
        for (var i = 0; i < ticket.History.Count; i++)
        {
            if (ticket.History[i].Seq > projectedSeq && RoutingCorrection.Of(ticket, i) is { } correction)
            {
                await grains.GetGrain<IRoutingLearningGrain>(IRoutingLearningGrain.Key).Record(correction);
            }
        }

        var finished = ticket.History.Any(e => e.Seq > projectedSeq && Finished.Contains(e.ToState));
        if (finished && CellKeys.Of(ticket.GridCell, ticket.Address) is { } cell)
        {
            await grains.GetGrain<ICellReportsGrain>(cell).Forget(ticket.Id);
        }
    }
}
