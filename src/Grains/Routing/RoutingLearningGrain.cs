namespace HotlineDispatch.Routing;

/// <summary>
/// The model generation in force and how many corrections it includes. The corrections themselves are
/// read-model rows (<see cref="IRoutingCorrections"/>); a state from before keeps them in
/// <see cref="RoutingLearning.Corrections"/>, and they move to the rows on the first activation.
/// </summary>
public sealed class RoutingLearningGrain(
    [PersistentState("routing-learning", StorageNames.Hotline)] IPersistentState<RoutingLearning> state,
    IRoutingCorrections corrections)
    : Grain, IRoutingLearningGrain
{
    private RoutingLearning Learning => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Learning.Corrections.Count == 0)
        {
            return;
        }

        // Included counted a prefix of the old list; it now names the number that prefix's last correction got.
        var numbers = await corrections.ImportAsync(Learning.Corrections, cancellationToken);
        Learning.Included = Learning.Included > 0 ? (int)numbers[Math.Min(Learning.Included, numbers.Count) - 1] : 0;
        Learning.Corrections = [];
        await state.WriteStateAsync(cancellationToken);
    }

    public async Task<RouterGeneration> Current() => Generation(await corrections.LatestAsync());

    public async Task<RouterGeneration> Publish(int included, string modelVersion, DateTimeOffset trainedAt)
    {
        var latest = await corrections.LatestAsync();
        Learning.Generation++;
        Learning.Included = (int)Math.Clamp(included, 0, latest);
        Learning.ModelVersion = modelVersion;
        Learning.TrainedAt = trainedAt;
        await state.WriteOrForgetAsync(this);
        return Generation(latest);
    }

    private RouterGeneration Generation(long latest) =>
        new(Learning.Generation, Learning.Included, Learning.ModelVersion, Learning.TrainedAt, (int)Math.Max(0, latest - Learning.Included));
}
