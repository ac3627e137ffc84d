using HotlineDispatch.Tickets;

namespace HotlineDispatch.Grid;

/// <summary>What a grid worker reports from patrol (巡查上报): the problem, where, its type, and the department if known.</summary>
[GenerateSerializer, Immutable, Alias("hotline.patrol-report.v1")]
public sealed record PatrolReport(
    [property: Id(0)] string Content,
    [property: Id(1)] string Address,
    [property: Id(2)] TicketType Type,
    [property: Id(3)] bool Urgent,
    [property: Id(4)] string? Dispatch);
