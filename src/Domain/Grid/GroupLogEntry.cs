namespace HotlineDispatch.Grid;

/// <summary>A message in a group's recent log, with what the detector made of it.</summary>
[GenerateSerializer, Immutable, Alias("hotline.group-log-entry.v1")]
public sealed record GroupLogEntry(
    [property: Id(0)] GroupMessage Message,
    [property: Id(1)] DateTimeOffset ReceivedAt,
    [property: Id(2)] bool IsRequest);
