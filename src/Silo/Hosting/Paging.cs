using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Hosting;

/// <summary>The <c>page</c> and <c>pageSize</c> query fields of list routes.</summary>
public static class Paging
{
    public const int MaxPageSize = 500;
    public const int DefaultPageSize = 50;

    /// <summary>The 400 for a page outside the allowed range, or null with the page to read.</summary>
    public static ProblemHttpResult? Check(int? page, int? pageSize, out int number, out int size)
    {
        number = page ?? 1;
        size = pageSize ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize) return Problems.Invalid("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        if (number < 1) return Problems.Invalid("page", "page starts at 1.");
        // The rows to skip must fit the database's integer: page 2147483647 of 500 does not.
        return (long)(number - 1) * size > int.MaxValue ? Problems.Invalid("page", $"page is past any list: at most {int.MaxValue / size + 1} for pageSize {size}.") : null;
    }

    /// <summary>
    /// A list route filtered by <c>state</c>: checks the page and the state, reads one page and answers
    /// <c>{items, total}</c> with each item shown by <paramref name="view"/>.
    /// </summary>
    public static async Task<Results<Ok<ListPage<TView>>, ProblemHttpResult>> ListAsync<T, TView>(int? page, int? pageSize, string? state,
        IReadOnlyList<string> states, Func<int, int, Task<(IReadOnlyList<T> Items, int Total)>> read, Func<T, TView> view)
    {
        if (Check(page, pageSize, out var number, out var size) is { } problem)
        {
            return problem;
        }

        if (state is not null && !states.Contains(state))
        {
            return Problems.Invalid("state", $"state must be one of {string.Join(", ", states)}.");
        }

        var (items, total) = await read(number, size);
        return TypedResults.Ok(new ListPage<TView>([.. items.Select(view)], total));
    }
}
