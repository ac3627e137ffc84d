using Orleans.Storage;

namespace HotlineDispatch.Silo.Storage;

/// <summary>
/// The Orleans ADO.NET grain storage on SQLite, its writes taking turns through the file's <see cref="SqliteWriteGate"/>.
/// State under a plain string key (every hotline grain's) is written in group commits by the
/// <see cref="SqliteGroupCommit"/>; the provider reads it, and writes any other key itself.
/// </summary>
public sealed class SqliteGatedGrainStorage(IGrainStorage inner, SqliteWriteGate gate, SqliteGroupCommit writer, IGrainStorageSerializer serializer)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // The provider keeps a key that reads as a number (or a GUID) in its number columns, so those stay with it.
        if (grainId.TryGetGuidKey(out _, out _) || grainId.TryGetIntegerKey(out _, out _) || stateName.Contains('`'))
        {
            await gate.RunAsync(() => inner.WriteStateAsync(stateName, grainId, grainState));
            return;
        }

        var payload = serializer.Serialize(grainState.State).ToArray();
        grainState.ETag = await writer.WriteStateAsync(stateName, grainId.Key.ToString(), grainState.ETag, payload);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        gate.RunAsync(() => inner.ClearStateAsync(stateName, grainId, grainState));

    /// <summary>The inner storage reads its queries from the database when the silo starts.</summary>
    public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);
}
