namespace HotlineDispatch.Alerts;

/// <summary>The durable list of alerts supervisors read (<c>GET /api/v1/alerts</c>).</summary>
[Alias("hotline.IAlertBoardGrain")]
public interface IAlertBoardGrain : IGrainWithStringKey
{
    public const string Key = "alert-board";

    /// <summary>Adds the alert; an alert of the same id again changes nothing. Durable when this returns.</summary>
    [Alias("Raise")]
    Task Raise(Alert alert);

    /// <summary>The newest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<Alert>> List();

    /// <summary>Marks the alert seen; null when there is no such alert.</summary>
    [Alias("Acknowledge")]
    Task<Alert?> Acknowledge(string id, string by, DateTimeOffset at);
}
