namespace HotlineDispatch.Incidents;

public sealed class IncidentBoardGrain(
    [PersistentState("incident-board", StorageNames.Hotline)] IPersistentState<List<Incident>> incidents)
    : Grain, IIncidentBoardGrain
{
    private const int MaxIncidents = 2000;

    public async Task Save(Incident incident)
    {
        incidents.State.RemoveAll(i => i.Id == incident.Id);
        incidents.State.Add(incident);
        if (incidents.State.Count > MaxIncidents)
        {
            incidents.State.Remove(incidents.State.MinBy(i => i.LastAt)!);
        }

        await incidents.WriteStateAsync();
    }

    public Task<IReadOnlyList<Incident>> List() =>
        Task.FromResult<IReadOnlyList<Incident>>(incidents.State.OrderByDescending(i => i.LastAt).ToList());
}
