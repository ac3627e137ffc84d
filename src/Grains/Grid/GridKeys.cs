using System.Text.RegularExpressions;

namespace HotlineDispatch.Grid;

/// <summary>
/// Grain keys of groups and cells, prefixed so they never parse as hex numbers, and the shape an
/// id from a URL must have before it may name a grain.
/// </summary>
public static partial class GridKeys
{
    private const string GroupPrefix = "group-";
    private const string CellPrefix = "cell-";

    public static string Group(string groupId) => GroupPrefix + groupId;

    public static string Cell(string cell) => CellPrefix + cell;

    public static string GroupIdOf(string key) => key[GroupPrefix.Length..];

    public static string CellOf(string key) => key[CellPrefix.Length..];

    public static bool IsWellFormed(string? id) => id is not null && Shape().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}$")]
    private static partial Regex Shape();
}
