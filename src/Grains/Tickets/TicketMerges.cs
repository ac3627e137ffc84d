namespace HotlineDispatch.Tickets;

/// <summary>
/// Starts a merge (并单) at whichever of the two tickets has the lower number.
/// </summary>
/// <remarks>
/// A merge holds its first ticket's turn while the second one takes its step, so two merges that name the
/// same tickets the other way round (A into B while B into A, or a ring A→B→C→A) each held one ticket and
/// waited for the next until Orleans timed them out. Taking the turns in one global order, as with locks,
/// leaves no ring to wait around: the later merge queues behind the earlier one and is then refused by the
/// ticket's own rules (a master cannot be merged, a merged ticket cannot be a master), with nothing stored.
/// Call-chain reentrancy alone would not break the ring, since each merge is its own call chain; it is used
/// only so that a master entered first lets its child's attach back in.
/// </remarks>
public static class TicketMerges
{
    public static Task<TicketSnapshot> Merge(this IGrainFactory grains, string childId, MergeTicket merge, Actor actor) =>
        TicketNumbers.IsWellFormed(merge.MasterId) && string.CompareOrdinal(merge.MasterId, childId) < 0
            ? grains.GetGrain<ITicketGrain>(merge.MasterId).TakeMerged(childId, actor)
            : grains.GetGrain<ITicketGrain>(childId).Execute(merge, actor);
}
