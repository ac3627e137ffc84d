using Microsoft.Extensions.DependencyInjection;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Grid;
using HotlineDispatch.Silo.Grid;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.ReadModel;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Measures;

/// <summary>The measures of a period, one row per group of <see cref="By"/>; <see cref="From"/> is null when the period has no start.</summary>
public sealed record StatsView(string By, DateOnly? From, DateOnly To, IReadOnlyList<StatsRow> Rows);

public sealed record OverdueByCell(IReadOnlyList<CellOverdue> Rows);

public sealed record CellOverdue(string Key, int Overdue);

/// <summary><c>GET /api/v1/stats</c>: the measures of docs/domain.md §5 for a period, one row per group.</summary>
public static class StatsApi
{
    private const int LongestPeriodDays = 3660;

    public static RouteHandlerBuilder MapStatsApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/stats", async Task<Results<Ok<StatsView>, ProblemHttpResult>> (
            string? from, string? to, string? by, SqlMeasureStore store, DepartmentCatalog catalog, SlaPolicy sla, SqlGridRegistry registry,
            [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken) =>
        {
            var rollUp = by is StatsDimension.Street or StatsDimension.Community;
            if (Period(from, to, rollUp ? StatsDimension.GridCell : by, sla.Calendar, time.GetUtcNow(), out var period) is { } problem)
            {
                return problem;
            }

            var groups = await store.SumAsync(period.Dimension, period.From, period.To, cancellationToken);
            if (rollUp)
            {
                groups = RollUp(groups, registry.Current, by!);
                period = period with { Dimension = by! };
            }

            return TypedResults.Ok(new StatsView(period.Dimension, from is null ? null : period.From, period.To,
                [.. groups.Select(g => Row(period.Dimension, g.Key, g.Value, catalog))]));
        }).RequireAuthorization(Policies.Measures);

    /// <summary><c>GET /api/v1/stats/overdue-by-cell</c>: how many tickets are overdue now in each grid cell that has any.</summary>
    public static RouteHandlerBuilder MapOverdueByCellApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/stats/overdue-by-cell", async (
            SqlTicketIndex index, [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken) =>
        {
            var counts = await index.OverdueByCellAsync(time.GetUtcNow(), cancellationToken);
            return TypedResults.Ok(new OverdueByCell([.. counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new CellOverdue(c.Key, c.Value))]));
        }).RequireAuthorization(Policies.Measures);

    /// <summary>The slice and the days of a stats request, or the problem with them. Shared by the API and the CSV export.</summary>
    internal static ProblemHttpResult? Period(string? from, string? to, string? by, WorkingCalendar calendar, DateTimeOffset now, out StatsPeriod period)
    {
        period = null!;
        var dimension = by ?? StatsDimension.Department;
        if (!StatsDimension.All.Contains(dimension))
        {
            return Problems.Invalid("by", $"by must be one of {string.Join(", ", StatsDimension.All)}, {StatsDimension.Street}, {StatsDimension.Community}.");
        }

        var today = calendar.LocalDate(now);
        var fromDay = ParseDay(from, calendar) ?? DateOnly.MinValue;
        var toDay = ParseDay(to, calendar) ?? today;
        if (from is not null && fromDay == DateOnly.MinValue) return Problems.Invalid("from", "from must be a date such as 2026-11-01.");
        if (to is not null && ParseDay(to, calendar) is null) return Problems.Invalid("to", "to must be a date such as 2026-11-30.");
        if (fromDay > toDay) return Problems.Invalid("from", "from is after to.");
        if (from is not null && toDay.DayNumber - fromDay.DayNumber > LongestPeriodDays)
        {
            return Problems.Invalid("from", $"A period is at most {LongestPeriodDays} days.");
        }

        period = new StatsPeriod(dimension, fromDay, toDay);
        return null;
    }

    /// <summary>One group's row; the group without a value (no department, no cell) is called "(none)".</summary>
    internal static StatsRow Row(string dimension, string value, MeasureCounts counts, DepartmentCatalog catalog) =>
        StatsRow.From(
            value.Length == 0 ? "(none)" : value,
            dimension == StatsDimension.Department ? catalog.Find(value)?.Name : null,
            counts);

    /// <summary>The cells' counters summed by the street or community the registry puts each cell in; cells it does not know under "".</summary>
    private static IReadOnlyDictionary<string, MeasureCounts> RollUp(
        IReadOnlyDictionary<string, MeasureCounts> cells, GridRegistry registry, string by)
    {
        var groups = new SortedDictionary<string, MeasureCounts>(StringComparer.Ordinal);
        foreach (var (cell, counts) in cells)
        {
            var place = registry.Find(cell);
            var key = (by == StatsDimension.Street ? place?.Street : place?.Community) ?? "";
            if (!groups.TryGetValue(key, out var sum))
            {
                groups[key] = sum = new MeasureCounts();
            }

            sum.Add(counts);
        }

        return groups;
    }

    internal sealed record StatsPeriod(string Dimension, DateOnly From, DateOnly To);

    private static DateOnly? ParseDay(string? value, WorkingCalendar calendar) =>
        PeriodFields.ParseInstant(value, calendar, endOfDay: false) is { } instant ? calendar.LocalDate(instant) : null;
}
