namespace HotlineDispatch.Channels.Platform;

/// <summary>The JSON the upper platform pushes for each ticket it hands down (docs/platform.md). Every field is nullable so a missing one is named in a 400.</summary>
public sealed record PlatformPush(
    string? UpstreamId,
    string? Content,
    string? Address,
    string? GridCell,
    string? Type,
    PlatformCaller? Caller,
    DateTimeOffset? SignBy,
    DateTimeOffset? ReplyBy,
    IReadOnlyList<string>? Attachments);

/// <summary>The reporter as the upper platform sends it; the platform decides what it reveals.</summary>
public sealed record PlatformCaller(string? Name, string? Phone, bool? Anonymous);
