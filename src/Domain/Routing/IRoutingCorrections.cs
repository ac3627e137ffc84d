namespace HotlineDispatch.Routing;

/// <summary>
/// The corrections collected so far, numbered 1, 2, … in the order they were recorded. The model
/// generation in force names how many of them it was trained with, so every silo trains the same set.
/// </summary>
public interface IRoutingCorrections
{
    /// <summary>The number of the last correction recorded (0 when none).</summary>
    Task<long> LatestAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Corrections 1..<paramref name="upTo"/> in order, of them at most the newest <see cref="RoutingLearning.MaxCorrections"/>
    /// (the oldest have long been learned).
    /// </summary>
    Task<IReadOnlyList<RoutingCorrection>> UpToAsync(long upTo, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes in corrections kept elsewhere before (the learning grain's state), in their order; one
    /// already recorded keeps its number. Returns each correction's number.
    /// </summary>
    Task<IReadOnlyList<long>> ImportAsync(IReadOnlyList<RoutingCorrection> corrections, CancellationToken cancellationToken = default);
}
