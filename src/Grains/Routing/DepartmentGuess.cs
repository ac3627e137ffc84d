namespace HotlineDispatch.Routing;

/// <summary>A department the router suggests, with a calibrated confidence in [0, 1].</summary>
[GenerateSerializer, Immutable, Alias("hotline.department-guess.v1")]
public sealed record DepartmentGuess([property: Id(0)] string Code, [property: Id(1)] double Confidence);
