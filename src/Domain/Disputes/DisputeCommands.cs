using HotlineDispatch.Tickets;

namespace HotlineDispatch.Disputes;

/// <summary>The lead department disputes the dispatch (派单异议), naming the department it believes is right if it knows.</summary>
[GenerateSerializer, Immutable, Alias("hotline.cmd.dispute.v1")]
public sealed record DisputeDispatch(
    [property: Id(0)] string Department,
    [property: Id(1)] string Reason,
    [property: Id(2)] string? Suggested) : TicketCommand;

/// <summary>
/// The review's decision on the open dispute. Upheld, a disputed dispatch goes to <paramref name="Lead"/> (or the
/// suggested department) and a late return is carried out, then dispatched to <paramref name="Lead"/> if one is given.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.cmd.decide-dispute.v1")]
public sealed record DecideDispute(
    [property: Id(0)] bool Upheld,
    [property: Id(1)] string? Lead,
    [property: Id(2)] string? Note) : TicketCommand;
