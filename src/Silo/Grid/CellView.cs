using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Tickets;

namespace HotlineDispatch.Silo.Grid;

/// <summary>
/// <c>GET /api/v1/grid/{cell}</c>: the cell as the registry places it, its grid workers, its chat groups, a page of its
/// open tickets, its inbox and its measures.
/// </summary>
public sealed record CellView(
    string Cell, string? Name, string? Street, string? Community, IReadOnlyList<string> RegisteredWorkers, string? GridWorker,
    IReadOnlyList<string> GridWorkers, IReadOnlyList<CellGroup> Groups, ListPage<SummaryView> OpenTickets, int InboxSize,
    long? OldestWaitingSeconds, CellMeasures Measures);

public sealed record CellGroup(string GroupId, string Name);

/// <summary>What the cell's requests came to; <see cref="SelfResolutionRate"/> is 网格自处置率, null before the first request.</summary>
public sealed record CellMeasures(
    long RequestsCollected, long Settled, long SettledByGridWorker, long Ticketed, long Dismissed, long Patrolled,
    double? SelfResolutionRate, double? AverageWaitSeconds);
