using System.Text.RegularExpressions;

namespace HotlineDispatch.Grid;

/// <summary>
/// Grain keys of groups and cells, prefixed so they never parse as hex numbers, and the shape an
/// id from a URL must have before it may name a grain.
/// </summary>
public static partial class GridKeys
{
    public static string Group(string groupId) => $"group-{groupId}";

    public static string Cell(string cell) => $"cell-{cell}";

    public static bool IsWellFormed(string? id) => id is not null && Shape().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}$")]
    private static partial Regex Shape();
}
