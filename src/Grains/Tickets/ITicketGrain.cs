using System.Collections.Immutable;

namespace HotlineDispatch.Tickets;

/// <summary>
/// One 12345 ticket, keyed by its number (e.g. <c>20261123-000042</c>). It answers with a <see cref="TicketSnapshot"/>:
/// the <see cref="Ticket"/> itself never leaves the grain.
/// </summary>
[Alias("hotline.ITicketGrain")]
public interface ITicketGrain : IGrainWithStringKey
{
    /// <summary>Applies a step; the ticket is durable before this returns.</summary>
    [Alias("Execute")]
    Task<TicketSnapshot> Execute(TicketCommand command, Actor actor);

    /// <summary>
    /// Merges <paramref name="childId"/> into this ticket, holding this ticket's turn before the child's (see
    /// <see cref="TicketMerges"/>); answers the merged child.
    /// </summary>
    [Alias("TakeMerged")]
    Task<TicketSnapshot> TakeMerged(string childId, Actor actor);

    [Alias("Get")]
    Task<TicketSnapshot> Get();

    /// <summary>
    /// Which of <paramref name="steps"/> (see <see cref="TicketStepTrial"/>) the ticket's rules let <paramref name="actor"/>
    /// take now, acting for <paramref name="actingFor"/> or, when null, for the lead. Changes nothing.
    /// </summary>
    [Alias("Offer")]
    Task<ImmutableArray<string>> Offer(ImmutableArray<string> steps, Actor actor, string? actingFor);

    /// <summary>Records any card that has fallen due and re-arms the timers. Safe to call any time.</summary>
    [Alias("Reconcile")]
    Task Reconcile();
}
