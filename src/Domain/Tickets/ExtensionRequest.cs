namespace HotlineDispatch.Tickets;

/// <summary>A pending 延期 request, waiting for a supervisor's decision.</summary>
[GenerateSerializer, Immutable, Alias("hotline.extension-request.v1")]
public sealed record ExtensionRequest(
    [property: Id(0)] string Department,
    [property: Id(1)] TimeSpan Extra,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTimeOffset RequestedAt);
