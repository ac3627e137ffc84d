namespace HotlineDispatch.Platform;

/// <summary>
/// What the upper platform set for a ticket it handed down (docs/platform.md): its own number and its sign-for and
/// reply deadlines, of which the stricter of theirs and ours applies. Held by reference, so the tickets of every
/// other channel carry one null for it.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.upstream-terms.v1")]
public sealed record UpstreamTerms(
    [property: Id(0)] string UpstreamId,
    [property: Id(1)] DateTimeOffset? SignBy,
    [property: Id(2)] DateTimeOffset? ReplyBy);
