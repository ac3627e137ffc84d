namespace HotlineDispatch.Alerts;

/// <summary>
/// The durable list of alerts supervisors read (<c>GET /api/v1/alerts</c>). A table rather than one
/// grain's state: a storm raises thousands of alerts, and each then costs one small insert instead of
/// a rewrite of the whole board behind a single activation.
/// </summary>
public interface IAlertBoard
{
    /// <summary>Puts the alert on the board, durably when this returns; an alert already there stays as it is.</summary>
    Task RaiseAsync(Alert alert, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page (from 1) of the alerts, newest first, and how many there are in all; only those not yet acknowledged
    /// when <paramref name="openOnly"/>.
    /// </summary>
    Task<(IReadOnlyList<Alert> Items, int Total)> ListAsync(bool openOnly, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Marks the alert seen (the first acknowledgement stays); null when there is no such alert.</summary>
    Task<Alert?> AcknowledgeAsync(string id, string by, DateTimeOffset at, CancellationToken cancellationToken = default);
}
