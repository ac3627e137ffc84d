namespace HotlineDispatch.Residents;

/// <summary>
/// Answers one resident message exactly once. The answer is stored before it is returned; what the desk
/// decided on the way (a reserved ticket number, the survey being answered) is stored as it is decided,
/// so a retry after a crash finishes the same work instead of repeating it.
/// </summary>
public sealed class ResidentMessageGrain(
    [PersistentState("resident-message", StorageNames.Hotline)] IPersistentState<ResidentMessageGrain.Exchange> state,
    ResidentDesk desk) : Grain, IResidentMessageGrain, IExchangeMemory
{
    public async Task<string> Answer(ResidentMessage message)
    {
        if (state.State.Answer is { } answer)
        {
            return answer;
        }

        var text = await desk.AnswerAsync(message, this);
        state.State.Answer = text;
        await state.WriteOrForgetAsync(this);
        return text;
    }

    public async Task Forget()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    public async Task<string> Once(string key, Func<Task<string>> decide)
    {
        if (state.State.Decisions.TryGetValue(key, out var decided))
        {
            return decided;
        }

        var value = await decide();
        state.State.Decisions[key] = value;
        await state.WriteOrForgetAsync(this);
        return value;
    }

    [GenerateSerializer, Alias("hotline.resident-message-exchange.v1")]
    public sealed class Exchange
    {
        [Id(0)] public string? Answer { get; set; }
        [Id(1)] public Dictionary<string, string> Decisions { get; set; } = [];
    }
}
