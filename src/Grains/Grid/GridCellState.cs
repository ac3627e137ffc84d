namespace HotlineDispatch.Grid;

[GenerateSerializer, Alias("hotline.grid-cell-state.v1")]
public sealed class GridCellState
{
    [Id(0)] public List<GroupRegistration> Groups { get; set; } = [];

    /// <summary>Open requests, oldest first.</summary>
    [Id(1)] public List<InboxItem> Inbox { get; set; } = [];

    /// <summary>The latest answered requests, so a repeated ticket or settle gets the same answer; bounded.</summary>
    [Id(2)] public List<HandledRequest> Handled { get; set; } = [];

    [Id(3)] public long Collected { get; set; }

    /// <summary>All settled requests, whoever settled them.</summary>
    [Id(4)] public long Settled { get; set; }

    /// <summary>Of <see cref="Settled"/>, those settled by someone other than a grid worker (an admin).</summary>
    [Id(7)] public long SettledByOthers { get; set; }

    [Id(5)] public long Ticketed { get; set; }

    /// <summary>Of <see cref="Collected"/>, those dismissed as not requests at all.</summary>
    [Id(8)] public long Dismissed { get; set; }

    /// <summary>Of <see cref="Collected"/>, the problems the grid worker found on patrol and reported as tickets (巡查上报).</summary>
    [Id(9)] public long Patrolled { get; set; }

    /// <summary>Sum of the waits of every answered request, for the average wait.</summary>
    [Id(6)] public double WaitedSeconds { get; set; }
}
