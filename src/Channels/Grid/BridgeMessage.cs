namespace HotlineDispatch.Channels.Grid;

/// <summary>The JSON a group bridge posts for each message (docs/channels.md).</summary>
public sealed record BridgeMessage(
    string? MessageId,
    string? GroupName,
    string? SenderId,
    string? SenderName,
    string? Text,
    DateTimeOffset? SentAt);
