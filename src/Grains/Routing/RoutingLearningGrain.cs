namespace HotlineDispatch.Routing;

public sealed class RoutingLearningGrain(
    [PersistentState("routing-learning", StorageNames.Hotline)] IPersistentState<RoutingLearning> state)
    : Grain, IRoutingLearningGrain
{
    private RoutingLearning Learning => state.State;

    public async Task Record(RoutingCorrection correction)
    {
        if (Learning.Corrections.Any(c => c.TicketId == correction.TicketId && c.Seq == correction.Seq))
        {
            return;
        }

        Learning.Corrections.Add(correction);
        var excess = Learning.Corrections.Count - RoutingLearning.MaxCorrections;
        if (excess > 0)
        {
            Learning.Corrections.RemoveRange(0, excess);
            Learning.Included = Math.Max(0, Learning.Included - excess);
        }

        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<RoutingCorrection>> Corrections() =>
        Task.FromResult<IReadOnlyList<RoutingCorrection>>(Learning.Corrections.ToList());

    public Task<RouterGeneration> Current() => Task.FromResult(Generation());

    public async Task<RouterGeneration> Publish(int included, string modelVersion, DateTimeOffset trainedAt)
    {
        Learning.Generation++;
        Learning.Included = Math.Clamp(included, 0, Learning.Corrections.Count);
        Learning.ModelVersion = modelVersion;
        Learning.TrainedAt = trainedAt;
        await state.WriteStateAsync();
        return Generation();
    }

    private RouterGeneration Generation() =>
        new(Learning.Generation, Learning.Included, Learning.ModelVersion, Learning.TrainedAt, Learning.Corrections.Count - Learning.Included);
}
