namespace HotlineDispatch.Silo.Measures;

/// <summary>
/// A period of days cut into the fewest counter rows: whole years from the yearly roll-up, whole months
/// around them from the monthly one, and the odd days at either end from the daily rows.
/// </summary>
public static class MeasureSpans
{
    /// <summary>One range of one counter table, both ends included, as its key column spells them.</summary>
    public sealed record Span(string Table, string Column, string From, string To);

    public static IReadOnlyList<Span> Of(DateOnly from, DateOnly to)
    {
        var spans = new List<Span>();
        var firstYear = from.DayOfYear == 1 ? from.Year : from.Year + 1;
        var lastYear = to is { Month: 12, Day: 31 } ? to.Year : to.Year - 1;
        if (firstYear <= lastYear)
        {
            // Compared before stepping back a day: a period open at its start begins on DateOnly.MinValue.
            if (from < new DateOnly(firstYear, 1, 1))
            {
                Months(from, new DateOnly(firstYear, 1, 1).AddDays(-1), spans);
            }

            spans.Add(new Span("hotline_measure_year", "year", Year(firstYear), Year(lastYear)));
            if (lastYear < to.Year)
            {
                Months(new DateOnly(to.Year, 1, 1), to, spans);
            }
        }
        else
        {
            Months(from, to, spans);
        }

        return spans;
    }

    private static void Months(DateOnly from, DateOnly to, List<Span> spans)
    {
        if (from > to)
        {
            return;
        }

        // Never a day past `to`: a period open at its end runs to DateOnly.MaxValue, which has no next day.
        var first = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var toEndsMonth = to.Day == DateTime.DaysInMonth(to.Year, to.Month);
        var lastMonth = toEndsMonth ? new DateOnly(to.Year, to.Month, 1) : new DateOnly(to.Year, to.Month, 1).AddMonths(-1);
        if (first > lastMonth)
        {
            Days(from, to, spans);
            return;
        }

        if (from < first)
        {
            Days(from, first.AddDays(-1), spans);
        }

        spans.Add(new Span("hotline_measure_month", "month", first.ToString("yyyy-MM"), lastMonth.ToString("yyyy-MM")));
        if (!toEndsMonth)
        {
            Days(new DateOnly(to.Year, to.Month, 1), to, spans);
        }
    }

    private static void Days(DateOnly from, DateOnly to, List<Span> spans)
    {
        if (from <= to)
        {
            spans.Add(new Span("hotline_measure", "day", from.ToString("yyyy-MM-dd"), to.ToString("yyyy-MM-dd")));
        }
    }

    private static string Year(int year) => year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
}
