namespace HotlineDispatch.Routing;

/// <summary>The one durable record of the model generation in force; the corrections are <see cref="IRoutingCorrections"/>.</summary>
[Alias("hotline.IRoutingLearningGrain")]
public interface IRoutingLearningGrain : IGrainWithStringKey
{
    public const string Key = "routing-learning";

    [Alias("Current")]
    Task<RouterGeneration> Current();

    /// <summary>Makes a model trained with corrections 1..<paramref name="included"/> the one in force.</summary>
    [Alias("Publish")]
    Task<RouterGeneration> Publish(int included, string modelVersion, DateTimeOffset trainedAt);
}
