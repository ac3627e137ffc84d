namespace HotlineDispatch.Incidents;

/// <summary>The durable list of incidents (surges) the leaders see (<c>GET /api/v1/incidents</c>).</summary>
[Alias("hotline.IIncidentBoardGrain")]
public interface IIncidentBoardGrain : IGrainWithStringKey
{
    public const string Key = "incident-board";

    /// <summary>Adds or replaces the incident of that id; durable when this returns.</summary>
    [Alias("Save")]
    Task Save(Incident incident);

    /// <summary>The latest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<Incident>> List();
}
