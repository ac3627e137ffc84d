using System.Globalization;

namespace HotlineDispatch.Silo.Measures;

/// <summary>
/// A period of days cut into the fewest counter rows: whole years from the yearly roll-up, whole quarters and then whole
/// months around them from theirs, and the odd days at either end from the daily rows.
/// </summary>
public static class MeasureSpans
{
    /// <summary>One range of one counter table, both ends included, as its key column spells them.</summary>
    public sealed record Span(string Table, string Column, string From, string To);

    /// <summary>A roll-up of whole calendar units of <see cref="Months"/> months each, coarsest first.</summary>
    private sealed record Level(string Table, string Column, int Months, Func<DateOnly, string> Key);

    private static readonly Level[] Levels =
    [
        new("hotline_measure_year", "year", 12, d => d.Year.ToString("D4", CultureInfo.InvariantCulture)),
        new("hotline_measure_quarter", "quarter", 3, d => Quarter(d.ToString("yyyy-MM", CultureInfo.InvariantCulture))),
        new("hotline_measure_month", "month", 1, d => d.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
    ];

    /// <summary>The quarterly roll-up's key of a day or month written 'yyyy-MM…': '2026-Q3'. The schema script's backfill spells it the same.</summary>
    public static string Quarter(string day) => $"{day[..4]}-Q{(int.Parse(day.AsSpan(5, 2), CultureInfo.InvariantCulture) + 2) / 3}";

    public static IReadOnlyList<Span> Of(DateOnly from, DateOnly to)
    {
        var spans = new List<Span>();
        Cut(from, to, 0, spans);
        return spans;
    }

    private static void Cut(DateOnly from, DateOnly to, int level, List<Span> spans)
    {
        if (from > to)
        {
            return;
        }

        if (level == Levels.Length)
        {
            spans.Add(new Span("hotline_measure", "day", from.ToString("yyyy-MM-dd"), to.ToString("yyyy-MM-dd")));
            return;
        }

        var unit = Levels[level];
        // Never a day past `to` nor before `from`: a period open at either end runs to DateOnly.MaxValue or from
        // DateOnly.MinValue, which have no next or previous day.
        var fromStart = UnitStart(from, unit.Months);
        var first = from == fromStart ? from : fromStart.AddMonths(unit.Months);
        var toStart = UnitStart(to, unit.Months);
        var toEndsUnit = to.Day == DateTime.DaysInMonth(to.Year, to.Month) && to.Month % unit.Months == 0;
        var last = toEndsUnit ? toStart : toStart.AddMonths(-unit.Months);
        if (first > last)
        {
            Cut(from, to, level + 1, spans);
            return;
        }

        if (from < first)
        {
            Cut(from, first.AddDays(-1), level + 1, spans);
        }

        spans.Add(new Span(unit.Table, unit.Column, unit.Key(first), unit.Key(last)));
        if (!toEndsUnit)
        {
            Cut(toStart, to, level + 1, spans);
        }
    }

    private static DateOnly UnitStart(DateOnly day, int months) => new(day.Year, (day.Month - 1) / months * months + 1, 1);
}
