namespace HotlineDispatch.Silo.Measures;

/// <summary>The slices of <c>GET /api/v1/stats?by=</c>; each counter is kept once per slice.</summary>
public static class StatsDimension
{
    public const string Department = "department";
    public const string GridCell = "gridCell";
    public const string Category = "category";
    public const string Channel = "channel";
    public const string Day = "day";

    public static IReadOnlyList<string> All { get; } = [Department, GridCell, Category, Channel, Day];

    /// <summary>Slices summed from the cells' counters through the grid registry when read, so they add up to the cells' figures exactly.</summary>
    public const string Street = "street";

    /// <inheritdoc cref="Street"/>
    public const string Community = "community";
}
