using HotlineDispatch.Incidents;
using HotlineDispatch.Routing;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Routing;

/// <summary>
/// Wraps the read-model projection so that a ticket that is merged, settled or closed stops being
/// offered as a duplicate once its history is projected. (Corrections for the router are a part of the
/// projection itself: <see cref="RoutingCorrectionsProjection"/>.)
/// </summary>
public sealed class RoutingFeedbackProjection(SqlTicketProjection inner, IGrainFactory grains) : ITicketProjection
{
    private static readonly HashSet<TicketState> Finished = [TicketState.Merged, TicketState.Closed, TicketState.Resolved];

    public async Task ProjectAsync(Ticket ticket, int projectedSeq, CancellationToken cancellationToken = default)
    {
        await inner.ProjectAsync(ticket, projectedSeq, cancellationToken);
        var finished = ticket.History.Any(e => e.Seq > projectedSeq && Finished.Contains(e.ToState));
        if (finished && CellKeys.Of(ticket.GridCell, ticket.Address) is { } cell)
        {
            await grains.GetGrain<ICellReportsGrain>(cell).Forget(ticket.Id);
        }
    }
}
