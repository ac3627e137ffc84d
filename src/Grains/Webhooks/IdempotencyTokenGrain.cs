namespace HotlineDispatch.Webhooks;

public sealed class IdempotencyTokenGrain(
    [PersistentState("idempotency-token", StorageNames.Hotline)] IPersistentState<IdempotencyTokenGrain.Claimed> state)
    : Grain, IIdempotencyTokenGrain
{
    public async Task<string> Claim(string messageKey)
    {
        if (state.State.MessageKey is null)
        {
            state.State.MessageKey = messageKey;
            await state.WriteOrForgetAsync(this);
        }

        return state.State.MessageKey;
    }

    [GenerateSerializer, Alias("hotline.idempotency-token-claim.v1")]
    public sealed class Claimed
    {
        [Id(0)] public string? MessageKey { get; set; }
    }
}
