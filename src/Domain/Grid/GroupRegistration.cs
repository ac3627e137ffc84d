namespace HotlineDispatch.Grid;

/// <summary>A resident chat group and the grid cell it belongs to ("one group per grid cell").</summary>
[GenerateSerializer, Immutable, Alias("hotline.group-registration.v1")]
public sealed record GroupRegistration(
    [property: Id(0)] string GroupId,
    [property: Id(1)] string Name,
    [property: Id(2)] string GridCell);
