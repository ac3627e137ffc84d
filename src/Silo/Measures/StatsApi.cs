using Microsoft.Extensions.DependencyInjection;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Tickets;

namespace HotlineDispatch.Silo.Measures;

/// <summary><c>GET /api/v1/stats</c>: the measures of DOMAIN.md §5 for a period, one row per group.</summary>
public static class StatsApi
{
    private const int LongestPeriodDays = 3660;

    public static RouteHandlerBuilder MapStatsApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/stats", async (
            string? from, string? to, string? by, SqlMeasureStore store, DepartmentCatalog catalog, SlaPolicy sla,
            [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken) =>
        {
            var dimension = by ?? StatsDimension.Department;
            if (!StatsDimension.All.Contains(dimension))
            {
                return Problems.BadRequest("by", $"by must be one of {string.Join(", ", StatsDimension.All)}.");
            }

            var today = sla.Calendar.LocalDate(time.GetUtcNow());
            var fromDay = ParseDay(from, sla.Calendar) ?? DateOnly.MinValue;
            var toDay = ParseDay(to, sla.Calendar) ?? today;
            if (from is not null && fromDay == DateOnly.MinValue) return Problems.BadRequest("from", "from must be a date such as 2026-11-01.");
            if (to is not null && ParseDay(to, sla.Calendar) is null) return Problems.BadRequest("to", "to must be a date such as 2026-11-30.");
            if (fromDay > toDay) return Problems.BadRequest("from", "from is after to.");
            if (from is not null && toDay.DayNumber - fromDay.DayNumber > LongestPeriodDays)
            {
                return Problems.BadRequest("from", $"A period is at most {LongestPeriodDays} days.");
            }

            var groups = await store.SumAsync(dimension, fromDay, toDay, cancellationToken);
            var rows = groups.Select(g => StatsRow.From(
                g.Key.Length == 0 ? "(none)" : g.Key,
                dimension == StatsDimension.Department ? catalog.Find(g.Key)?.Name : null,
                g.Value));
            return Results.Ok(new
            {
                by = dimension,
                from = from is null ? (DateOnly?)null : fromDay,
                to = toDay,
                rows,
            });
        }).RequireAuthorization(Policies.Measures);

    private static DateOnly? ParseDay(string? value, WorkingCalendar calendar) =>
        TicketsApi.ParseInstant(value, calendar, endOfDay: false) is { } instant ? calendar.LocalDate(instant) : null;
}
