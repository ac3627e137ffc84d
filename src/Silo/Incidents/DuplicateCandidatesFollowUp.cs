using HotlineDispatch.Incidents;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Incidents;

/// <summary>
/// A ticket that is merged, settled or closed stops being offered as a duplicate once its history is
/// projected: its cell's reports forget it. Forgetting twice is harmless, so repeated projections are too.
/// </summary>
public sealed class DuplicateCandidatesFollowUp(IGrainFactory grains) : ITicketProjectionFollowUp
{
    private static readonly HashSet<TicketState> Finished = [TicketState.Merged, TicketState.Closed, TicketState.Resolved];

    public async Task FollowAsync(TicketSnapshot ticket, IReadOnlyList<TicketEvent> newEvents)
    {
        if (newEvents.Any(e => Finished.Contains(e.ToState)) && CellKeys.Of(ticket.GridCell, ticket.Address) is { } cell)
        {
            await grains.GetGrain<ICellReportsGrain>(cell).Forget(ticket.Id);
        }
    }
}
