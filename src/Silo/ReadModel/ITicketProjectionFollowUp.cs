using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>
/// Work that must wait until the read model has committed a ticket's new events, outside its transaction
/// (telling a grain, say). Runs on every projection, repeated ones included, so it must be idempotent.
/// </summary>
public interface ITicketProjectionFollowUp
{
    Task FollowAsync(TicketSnapshot ticket, IReadOnlyList<TicketEvent> newEvents);
}
