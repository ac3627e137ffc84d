namespace HotlineDispatch.Routing;

/// <summary>
/// Which corrections the current model was trained with: numbers 1..<see cref="Included"/> of
/// <see cref="IRoutingCorrections"/>, at generation <see cref="Generation"/>. Every silo trains the
/// same model from the same corrections, so a restart or another silo reproduces it exactly.
/// </summary>
[GenerateSerializer, Alias("hotline.routing-learning.v1")]
public sealed class RoutingLearning
{
    /// <summary>Bounds a training set; the oldest corrections give way first (they have long been learned).</summary>
    public const int MaxCorrections = 20_000;

    /// <summary>Where corrections were kept before they became read-model rows; emptied on the first activation.</summary>
    [Id(0)] public List<RoutingCorrection> Corrections { get; set; } = [];
    [Id(1)] public int Generation { get; set; }
    [Id(2)] public int Included { get; set; }
    [Id(3)] public string? ModelVersion { get; set; }
    [Id(4)] public DateTimeOffset? TrainedAt { get; set; }
}

/// <summary>The model generation in force: how many corrections it includes.</summary>
[GenerateSerializer, Immutable, Alias("hotline.router-generation.v1")]
public sealed record RouterGeneration(
    [property: Id(0)] int Generation,
    [property: Id(1)] int Included,
    [property: Id(2)] string? ModelVersion,
    [property: Id(3)] DateTimeOffset? TrainedAt,
    [property: Id(4)] int Pending);
