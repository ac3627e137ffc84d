namespace HotlineDispatch;

/// <summary>
/// Writing a grain's state so that a failed write never leaves changes that were not stored: the
/// activation is dropped once the call ends, and the next call reads what storage really holds,
/// instead of answering a retry from memory (which would acknowledge what a restart then loses).
/// </summary>
public static class DurableWrites
{
    public static async Task WriteOrForgetAsync<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
