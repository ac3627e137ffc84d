namespace HotlineDispatch.Tickets;

/// <summary>A co-handling department (协办) of a joint ticket; it signs but the lead owns the reply.</summary>
[GenerateSerializer, Immutable, Alias("hotline.co-handler.v1")]
public sealed record CoHandler(
    [property: Id(0)] string Department,
    [property: Id(1)] DateTimeOffset? SignedAt);
