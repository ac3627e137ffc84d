using System.Text.Json.Serialization;

namespace HotlineDispatch.Silo.Hosting;

/// <summary>
/// One page of a list and how many items the whole list has: <c>{items, total}</c>, and for a list read by cursor
/// <c>next</c>, the cursor of the page after it (absent after the last).
/// </summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Total)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Next { get; init; }

    /// <summary>True when counting stopped at <see cref="Total"/> and the list holds more; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? TotalIsLowerBound { get; init; }
}

/// <summary>A list answered whole, without paging and so without a total: <c>{items}</c>.</summary>
public sealed record ItemList<T>(IReadOnlyList<T> Items);
