using HotlineDispatch.Alerts;

namespace HotlineDispatch.Incidents;

/// <summary>
/// The durable list of incidents (surges) the leaders see (<c>GET /api/v1/incidents</c>). A table
/// rather than one grain's state: every report joining an incident rewrote the whole board behind a
/// single activation, which the intake bench showed as the largest cost of a storm day.
/// </summary>
public interface IIncidentBoard
{
    /// <summary>
    /// Adds the incident or moves its last report on, with the tickets that joined it and, for a new
    /// incident, its <paramref name="alert"/> in the same transaction, so no crash leaves an incident
    /// without the alert it raised. Durable when this returns.
    /// </summary>
    Task SaveAsync(Incident incident, IReadOnlyCollection<string> joined, Alert? alert, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of the incidents of <paramref name="cell"/> (of every cell when null) that had reports in
    /// [<paramref name="from"/>, <paramref name="to"/>), the latest first, and how many there are in all.
    /// </summary>
    Task<(IReadOnlyList<Incident> Items, int Total)> ListAsync(
        string? cell, DateTimeOffset? from, DateTimeOffset? to, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>The cell's incidents whose last report came at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<Incident>> RecentAsync(string cell, DateTimeOffset since, CancellationToken cancellationToken = default);
}
