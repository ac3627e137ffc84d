namespace HotlineDispatch.Grid;

/// <summary>
/// The role a grid worker's actor carries. An admin may answer a cell's requests too; the cell tells the two apart,
/// because only what its grid worker settled is the grid's own self-resolution (docs/domain.md §5).
/// </summary>
public static class GridWorkerRole
{
    public const string Name = "gridworker";
}
