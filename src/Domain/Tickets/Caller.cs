namespace HotlineDispatch.Tickets;

/// <summary>
/// The reporting resident. <see cref="Anonymous"/> hides them from everyone but the operator who took the report,
/// the user whose stable id is <see cref="KnownTo"/>.
/// A value type, so every ticket holds it inline rather than as one more object; stored as the earlier class was.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.caller.v1")]
public readonly record struct Caller(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Phone,
    [property: Id(2)] bool Anonymous,
    [property: Id(3)] string? KnownTo = null);
