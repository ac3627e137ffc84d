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

    /// <summary>The latest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Incident>> ListAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>The cell's incidents whose last report came at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<Incident>> RecentAsync(string cell, DateTimeOffset since, CancellationToken cancellationToken = default);
}
