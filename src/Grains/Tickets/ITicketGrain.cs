namespace HotlineDispatch.Tickets;

/// <summary>One 12345 ticket, keyed by its number (e.g. <c>20261123-000042</c>).</summary>
[Alias("hotline.ITicketGrain")]
public interface ITicketGrain : IGrainWithStringKey
{
    /// <summary>Applies a step; the ticket is durable before this returns.</summary>
    [Alias("Execute")]
    Task<Ticket> Execute(TicketCommand command, Actor actor);

    /// <summary>
    /// Merges <paramref name="childId"/> into this ticket, holding this ticket's turn before the child's (see
    /// <see cref="TicketMerges"/>); answers the merged child.
    /// </summary>
    [Alias("TakeMerged")]
    Task<Ticket> TakeMerged(string childId, Actor actor);

    [Alias("Get")]
    Task<Ticket> Get();

    /// <summary>Records any card that has fallen due and re-arms the timers. Safe to call any time.</summary>
    [Alias("Reconcile")]
    Task Reconcile();
}
