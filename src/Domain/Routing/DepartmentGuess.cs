namespace HotlineDispatch.Routing;

/// <summary>
/// A department the router suggests, with a calibrated confidence in [0, 1]. A value type: every ticket
/// keeps its suggestions for good, and as structs they sit inline in the list instead of as one object
/// each. The wire shape is the one the earlier class had.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.department-guess.v1")]
public readonly record struct DepartmentGuess([property: Id(0)] string Code, [property: Id(1)] double Confidence);
