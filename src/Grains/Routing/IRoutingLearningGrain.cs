namespace HotlineDispatch.Routing;

/// <summary>The one durable store of routing corrections and of the model generation in force.</summary>
[Alias("hotline.IRoutingLearningGrain")]
public interface IRoutingLearningGrain : IGrainWithStringKey
{
    public const string Key = "routing-learning";

    /// <summary>Stores a correction; the same ticket step again changes nothing. Durable when this returns.</summary>
    [Alias("Record")]
    Task Record(RoutingCorrection correction);

    [Alias("Corrections")]
    Task<IReadOnlyList<RoutingCorrection>> Corrections();

    [Alias("Current")]
    Task<RouterGeneration> Current();

    /// <summary>Makes a model trained with the first <paramref name="included"/> corrections the one in force.</summary>
    [Alias("Publish")]
    Task<RouterGeneration> Publish(int included, string modelVersion, DateTimeOffset trainedAt);
}
