namespace HotlineDispatch.Silo.Hosting;

/// <summary>The <c>page</c> and <c>pageSize</c> query fields of list routes.</summary>
public static class Paging
{
    public const int MaxPageSize = 500;
    public const int DefaultPageSize = 50;

    /// <summary>The 400 for a page outside the allowed range, or null with the page to read.</summary>
    public static IResult? Check(int? page, int? pageSize, out int number, out int size)
    {
        number = page ?? 1;
        size = pageSize ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize) return Problems.BadRequest("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        return number < 1 ? Problems.BadRequest("page", "page starts at 1.") : null;
    }

    /// <summary>The 400 for a <c>state</c> filter naming no state, or null.</summary>
    public static IResult? CheckState(string? state, IReadOnlyList<string> states) =>
        state is null || states.Contains(state) ? null : Problems.BadRequest("state", $"state must be one of {string.Join(", ", states)}.");
}
