namespace HotlineDispatch.Grid;

/// <summary><c>Hotline:Grid</c>: how many open requests a cell's inbox holds.</summary>
public sealed class GridOptions
{
    public const string Section = "Hotline:Grid";

    /// <summary>
    /// Open requests a cell holds before it refuses more (the bridge is answered 503 and posts again later). The whole
    /// inbox is written with each request, so a flood must not grow it without end. Urgent requests get a tenth more room.
    /// </summary>
    public int MaxInbox { get; set; } = 1000;
}
