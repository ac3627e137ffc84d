using System.Data.Common;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>
/// How many rows of hotline_ticket_department each department has in each state by the UTC day of acceptance
/// (hotline_ticket_department_day), moved by the projection in the transaction that rewrites the rows. A department's
/// list filtered by nothing but its state and period counts the whole days here and reads the index only for the hours
/// at the period's ends: counted in the index alone, the city management bureau's closed tickets of one quarter were
/// 120,000 entries, 76 ms read from disk at ten million tickets.
/// </summary>
public static class DepartmentDays
{
    public const long DayMillis = 86_400_000;

    /// <summary>How many of the department's rows in <paramref name="query"/>'s state, if any, were accepted in its period.</summary>
    public static async Task<int> CountAsync(DbConnection connection, TicketQuery query, CancellationToken cancellationToken)
    {
        // Acceptance is never before 1970, where the database's division by a day would round up instead of down.
        var from = Math.Max(query.From?.ToUnixTimeMilliseconds() ?? 0, 0);
        var to = query.To?.ToUnixTimeMilliseconds() ?? long.MaxValue;
        var (firstDay, endDay) = ((from + DayMillis - 1) / DayMillis, to / DayMillis);
        if (firstDay >= endDay)
        {
            // Not one whole day: the index counts the period.
            (firstDay, endDay) = (0, 0);
        }

        var (headTo, tailFrom) = endDay > 0 ? (firstDay * DayMillis, endDay * DayMillis) : (to, to);
        var state = query.State is null ? "" : " AND state = @state";
        await using var command = connection.Command($"""
            SELECT (SELECT COALESCE(SUM(n), 0) FROM hotline_ticket_department_day WHERE department = @department{state} AND day >= @firstDay AND day < @endDay)
                + (SELECT COUNT(*) FROM hotline_ticket_department WHERE department = @department{state} AND accepted_at >= @from AND accepted_at < @headTo)
                + (SELECT COUNT(*) FROM hotline_ticket_department WHERE department = @department{state} AND accepted_at >= @tailFrom AND accepted_at < @to)
            """)
            .With("department", query.Department)
            .With("firstDay", firstDay).With("endDay", endDay)
            .With("from", from).With("headTo", headTo)
            .With("tailFrom", tailFrom).With("to", to);
        if (query.State is { } filter)
        {
            command.With("state", filter.ToString());
        }

        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }
}
