namespace HotlineDispatch.Silo.ReadModel;

/// <summary>
/// A span of acceptance, [From, To) in Unix milliseconds, and the keyword index's word every ticket of it holds; the
/// rest of a year after its head month holds the year's word but not the month's, <see cref="Excludes"/>.
/// </summary>
public sealed record TimeSlice(string Word, long From, long To, string? Excludes = null);

/// <summary>
/// Cuts a period of acceptance into the slices a keyword list is read in, in the list's order: the UTC month at its head
/// (the newest month for the newest first), the rest of that month's year, then whole years, each cut to the period. The
/// head month alone holds the first page of a common word; the years keep a rare word's count to a few questions
/// however long the history.
/// </summary>
public static class TimeSlices
{
    public static IReadOnlyList<TimeSlice> Of(long from, long to, bool newestFirst)
    {
        var slices = new List<TimeSlice>();
        if (from >= to)
        {
            return slices;
        }

        void Add(string word, DateTimeOffset start, DateTimeOffset end, string? excludes = null)
        {
            var (first, until) = (Math.Max(from, start.ToUnixTimeMilliseconds()), Math.Min(to, end.ToUnixTimeMilliseconds()));
            if (first < until)
            {
                slices.Add(new TimeSlice(word, first, until, excludes));
            }
        }

        static DateTimeOffset NewYear(int year) => new(year, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var head = DateTimeOffset.FromUnixTimeMilliseconds(newestFirst ? to - 1 : from);
        var month = new DateTimeOffset(head.Year, head.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var monthWord = TicketSearch.MonthWord(month);
        Add(monthWord, month, month.AddMonths(1));
        if (newestFirst)
        {
            Add(TicketSearch.YearWord(head.Year), NewYear(head.Year), month, monthWord);
            for (var year = head.Year - 1; year >= DateTimeOffset.FromUnixTimeMilliseconds(from).Year; year--)
            {
                Add(TicketSearch.YearWord(year), NewYear(year), NewYear(year + 1));
            }
        }
        else
        {
            Add(TicketSearch.YearWord(head.Year), month.AddMonths(1), NewYear(head.Year + 1), monthWord);
            for (var year = head.Year + 1; year <= DateTimeOffset.FromUnixTimeMilliseconds(to - 1).Year; year++)
            {
                Add(TicketSearch.YearWord(year), NewYear(year), NewYear(year + 1));
            }
        }

        return slices;
    }
}
