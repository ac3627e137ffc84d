namespace HotlineDispatch.Tickets;

/// <summary>The reporting resident. <see cref="Anonymous"/> hides them from everyone but the operator who took the report.</summary>
[GenerateSerializer, Immutable, Alias("hotline.caller.v1")]
public sealed record Caller(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Phone,
    [property: Id(2)] bool Anonymous);
