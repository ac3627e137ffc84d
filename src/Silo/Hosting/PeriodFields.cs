using System.Globalization;
using HotlineDispatch.Deadlines;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Hosting;

/// <summary>
/// The <c>from</c> and <c>to</c> query fields of list routes: a date of the centre's calendar (the whole
/// day) or an ISO-8601 instant.
/// </summary>
public static class PeriodFields
{
    /// <summary>The 400 for a field that is neither, or null with the period's bounds (null where not given).</summary>
    public static ProblemHttpResult? Check(string? from, string? to, WorkingCalendar calendar, out DateTimeOffset? fromAt, out DateTimeOffset? toAt)
    {
        fromAt = ParseInstant(from, calendar, endOfDay: false);
        toAt = ParseInstant(to, calendar, endOfDay: true);
        if (from is not null && fromAt is null) return Problems.Invalid("from", $"from must be a date (2026-11-23) or an ISO-8601 instant, in the years {MinYear} to {MaxYear}.");
        return to is not null && toAt is null ? Problems.Invalid("to", $"to must be a date (2026-11-23) or an ISO-8601 instant, in the years {MinYear} to {MaxYear}.") : null;
    }

    // Far enough from DateTimeOffset's own bounds that the end of a day and an offset never overflow it.
    private const int MinYear = 1970;
    private const int MaxYear = 9998;

    /// <summary>A bare date means the whole local day: from its start, or to its end. Null for anything else, or out of the years kept.</summary>
    public static DateTimeOffset? ParseInstant(string? value, WorkingCalendar calendar, bool endOfDay)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (day.Year is < MinYear or > MaxYear)
            {
                return null;
            }

            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), calendar.ToLocal(DateTimeOffset.UnixEpoch).Offset);
            return endOfDay ? start.AddDays(1) : start;
        }

        // An instant written without an offset means the centre's local time, like a bare date.
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) || parsed.Year is < MinYear or > MaxYear)
        {
            return null;
        }

        return parsed.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(parsed, calendar.UtcOffset)
            : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }
}
