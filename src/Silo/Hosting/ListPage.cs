namespace HotlineDispatch.Silo.Hosting;

/// <summary>One page of a list and how many items the whole list has: <c>{items, total}</c>.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Total);

/// <summary>A list answered whole, without paging and so without a total: <c>{items}</c>.</summary>
public sealed record ItemList<T>(IReadOnlyList<T> Items);
