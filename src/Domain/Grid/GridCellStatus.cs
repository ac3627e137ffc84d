namespace HotlineDispatch.Grid;

/// <summary>A cell's groups, inbox size, waiting times and self-resolution (docs/domain.md §5, §6).</summary>
[GenerateSerializer, Immutable, Alias("hotline.grid-cell-status.v1")]
public sealed record GridCellStatus(
    [property: Id(0)] string Cell,
    [property: Id(1)] IReadOnlyList<GroupRegistration> Groups,
    [property: Id(2)] int InboxSize,
    [property: Id(3)] DateTimeOffset? OldestWaitingSince,
    [property: Id(4)] long Collected,
    [property: Id(5)] long Settled,
    [property: Id(6)] long Ticketed,
    [property: Id(7)] double? AverageWaitSeconds,
    [property: Id(8)] long SettledByOthers,
    [property: Id(9)] long Dismissed)
{
    /// <summary>Of <see cref="Collected"/>, the patrol reports (巡查上报).</summary>
    [Id(10)] public long Patrolled { get; init; }

    public long SettledByGridWorker => Settled - SettledByOthers;

    /// <summary>What the cell collected, less what turned out to be no request at all.</summary>
    public long Requests => Collected - Dismissed;

    /// <summary>
    /// 网格自处置率: requests the grid worker settled / requests collected; null before the first. A request an admin
    /// settled was settled, but not by the grid.
    /// </summary>
    public double? SelfResolutionRate => Requests == 0 ? null : (double)SettledByGridWorker / Requests;
}
