namespace HotlineDispatch.Grid;

/// <summary>What became of a bridged message: refused (unregistered group), or kept as chatter or as a request.</summary>
[GenerateSerializer, Immutable, Alias("hotline.group-delivery.v1")]
public sealed record GroupDelivery([property: Id(0)] bool Registered, [property: Id(1)] bool IsRequest)
{
    public static GroupDelivery NotRegistered { get; } = new(false, false);
}
