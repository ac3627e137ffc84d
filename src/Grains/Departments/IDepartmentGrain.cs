using HotlineDispatch.Tickets;

namespace HotlineDispatch.Departments;

/// <summary>One department's work: its open queue and live counts, keyed by the department code.</summary>
[Alias("hotline.IDepartmentGrain")]
public interface IDepartmentGrain : IGrainWithStringKey
{
    [Alias("GetLoad")]
    Task<DepartmentLoad> GetLoad();

    /// <summary>Open tickets, the most urgent deadline first.</summary>
    [Alias("GetQueue")]
    Task<IReadOnlyList<TicketSummary>> GetQueue();

    /// <summary>Told by the projection after each commit; older summaries than the ones held are ignored.</summary>
    [Alias("Track")]
    Task Track(IReadOnlyList<TicketSummary> tickets);

    /// <summary>Replaces the queue with the read model's: asked for when a <see cref="Track"/> did not get through.</summary>
    [Alias("Reload")]
    Task Reload();
}
