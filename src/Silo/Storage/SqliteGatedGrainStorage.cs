using Orleans.Storage;

namespace HotlineDispatch.Silo.Storage;

/// <summary>The Orleans ADO.NET grain storage on SQLite, its writes taking turns through the file's <see cref="SqliteWriteGate"/>.</summary>
public sealed class SqliteGatedGrainStorage(IGrainStorage inner, SqliteWriteGate gate) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        gate.RunAsync(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        gate.RunAsync(() => inner.ClearStateAsync(stateName, grainId, grainState));

    /// <summary>The inner storage reads its queries from the database when the silo starts.</summary>
    public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);
}
