namespace HotlineDispatch.Grid;

/// <summary>One message posted in a resident chat group, as the group bridge forwards it (docs/channels.md).</summary>
[GenerateSerializer, Immutable, Alias("hotline.group-message.v1")]
public sealed record GroupMessage(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string SenderId,
    [property: Id(2)] string SenderName,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset SentAt);
