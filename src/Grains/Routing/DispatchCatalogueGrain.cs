namespace HotlineDispatch.Routing;

public sealed class DispatchCatalogueGrain(
    [PersistentState("dispatch-catalogue", StorageNames.Hotline)] IPersistentState<DispatchCatalogue> state)
    : Grain, IDispatchCatalogueGrain
{
    public Task<DispatchCatalogue> Get() => Task.FromResult(state.RecordExists ? state.State : DispatchCatalogue.Empty);

    public async Task<DispatchCatalogue> Replace(IReadOnlyList<CatalogueRule> rules, string by, DateTimeOffset at)
    {
        var current = state.RecordExists ? state.State : DispatchCatalogue.Empty;
        state.State = new DispatchCatalogue(rules.ToList(), current.Version + 1, at, by);
        await state.WriteOrForgetAsync(this);
        return state.State;
    }
}
