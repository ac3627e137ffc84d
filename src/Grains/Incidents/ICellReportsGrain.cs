namespace HotlineDispatch.Incidents;

/// <summary>
/// The recent reports of one cell (key from <see cref="CellKeys"/>), kept in memory: which open
/// tickets a new report may duplicate, and when similar reports add up to a surge.
/// </summary>
[Alias("hotline.ICellReportsGrain")]
public interface ICellReportsGrain : IGrainWithStringKey
{
    /// <summary>Recent open reports that read like <paramref name="text"/>, most alike first.</summary>
    [Alias("Similar")]
    Task<IReadOnlyList<DuplicateCandidate>> Similar(string text, string? excludeTicketId);

    /// <summary>Adds a new report; when similar reports make a surge, returns the id and size of the incident it is part of.</summary>
    [Alias("Add")]
    Task<SurgeOutcome?> Add(CellReport report);

    /// <summary>Forgets a ticket that is no longer open (merged, closed), so it is not offered again.</summary>
    [Alias("Forget")]
    Task Forget(string ticketId);
}
