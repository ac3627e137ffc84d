namespace HotlineDispatch.Alerts;

public sealed class AlertBoardGrain(
    [PersistentState("alert-board", StorageNames.Hotline)] IPersistentState<List<Alert>> alerts)
    : Grain, IAlertBoardGrain
{
    // Bounds the state; acknowledged alerts give way before open ones.
    private const int MaxAlerts = 5000;

    public async Task Raise(Alert alert)
    {
        if (alerts.State.Any(a => a.Id == alert.Id))
        {
            return;
        }

        alerts.State.Add(alert);
        while (alerts.State.Count > MaxAlerts)
        {
            var oldest = alerts.State.FindIndex(a => a.AcknowledgedAt is not null);
            alerts.State.RemoveAt(oldest >= 0 ? oldest : 0);
        }

        await alerts.WriteStateAsync();
    }

    public Task<IReadOnlyList<Alert>> List() =>
        Task.FromResult<IReadOnlyList<Alert>>(alerts.State.OrderByDescending(a => a.At).ToList());

    public async Task<Alert?> Acknowledge(string id, string by, DateTimeOffset at)
    {
        var index = alerts.State.FindIndex(a => a.Id == id);
        if (index < 0)
        {
            return null;
        }

        if (alerts.State[index].AcknowledgedAt is null)
        {
            alerts.State[index] = alerts.State[index] with { AcknowledgedBy = by, AcknowledgedAt = at };
            await alerts.WriteStateAsync();
        }

        return alerts.State[index];
    }
}
