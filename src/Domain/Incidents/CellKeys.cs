using HotlineDispatch.Routing;

namespace HotlineDispatch.Incidents;

/// <summary>
/// Which cell's reports a ticket is compared with: its grid cell, or without one the street part of
/// its address (春晖路3号 → 春晖路), so reports from one road still meet. Keys carry a prefix so none
/// parses as a hex number.
/// </summary>
public static class CellKeys
{
    private const string GridPrefix = "cell-";
    private const string AddressPrefix = "addr-";
    private static readonly string[] StreetEnds = ["大道", "路", "街", "巷", "胡同", "道", "村", "小区", "花园", "苑", "里"];

    public static string? Of(string? gridCell, string? address)
    {
        if (!string.IsNullOrWhiteSpace(gridCell))
        {
            return GridPrefix + gridCell.Trim();
        }

        var normalized = RoutingText.Normalize(address).Replace(" ", "", StringComparison.Ordinal);
        if (normalized.Length == 0)
        {
            return null;
        }

        var end = StreetEnds.Select(e => (e, At: normalized.IndexOf(e, StringComparison.Ordinal)))
            .Where(x => x.At > 0)
            .Select(x => x.At + x.e.Length)
            .DefaultIfEmpty(Math.Min(normalized.Length, 6))
            .Min();
        return AddressPrefix + normalized[..end];
    }

    /// <summary>The grid cell a key stands for, or null for an address key.</summary>
    public static string? GridCellOf(string key) => key.StartsWith(GridPrefix, StringComparison.Ordinal) ? key[GridPrefix.Length..] : null;

    /// <summary>The street an address key stands for, or null for a grid cell's key.</summary>
    public static string? StreetOf(string key) => key.StartsWith(AddressPrefix, StringComparison.Ordinal) ? key[AddressPrefix.Length..] : null;
}
