namespace HotlineDispatch.Silo.ReadModel;

/// <summary>
/// A span of acceptance, [From, To) in Unix milliseconds, and the keyword index's word every ticket of it holds. The
/// rest of a year beside the head months holds the year's word but not theirs: <see cref="Excludes"/>.
/// </summary>
public sealed record TimeSlice(string Word, long From, long To, IReadOnlyList<string> Excludes);

/// <summary>
/// Cuts a period of acceptance into the slices a keyword list is read in, in the list's order: the UTC month at its head
/// (the newest month, for the newest first) and the month after it in the list, then the rest of the year they end in,
/// then whole years, each cut to the period. Two months hold a common word's first page and its count to the cap even
/// on the first day of a month; only a rarer word goes on, and the years keep it to a few questions however long the
/// history. PostgreSQL's index gathers every match of a slice before it answers, so a slice must not be wider.
/// </summary>
public static class TimeSlices
{
    private const int HeadMonths = 2;

    public static IReadOnlyList<TimeSlice> Of(long from, long to, bool newestFirst)
    {
        var slices = new List<TimeSlice>();
        if (from >= to)
        {
            return slices;
        }

        void Add(string word, DateTimeOffset start, DateTimeOffset end, IReadOnlyList<string> excludes)
        {
            var (first, until) = (Math.Max(from, start.ToUnixTimeMilliseconds()), Math.Min(to, end.ToUnixTimeMilliseconds()));
            if (first < until)
            {
                slices.Add(new TimeSlice(word, first, until, excludes));
            }
        }

        static DateTimeOffset NewYear(int year) => new(year, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var step = newestFirst ? -1 : 1;
        var head = DateTimeOffset.FromUnixTimeMilliseconds(newestFirst ? to - 1 : from);
        var months = Enumerable.Range(0, HeadMonths).Select(i => new DateTimeOffset(head.Year, head.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(i * step)).ToList();
        foreach (var month in months)
        {
            Add(TicketSearch.MonthWord(month), month, month.AddMonths(1), []);
        }

        // The first instant past the head months in the list's order, and the year it falls in.
        var beyond = newestFirst ? months[^1].AddTicks(-1) : months[^1].AddMonths(1);
        var year = beyond.Year;
        var excludes = months.Where(m => m.Year == year).Select(TicketSearch.MonthWord).ToList();
        if (newestFirst)
        {
            Add(TicketSearch.YearWord(year), NewYear(year), months[^1], excludes);
            for (var y = year - 1; y >= DateTimeOffset.FromUnixTimeMilliseconds(from).Year; y--)
            {
                Add(TicketSearch.YearWord(y), NewYear(y), NewYear(y + 1), []);
            }
        }
        else
        {
            Add(TicketSearch.YearWord(year), beyond, NewYear(year + 1), excludes);
            for (var y = year + 1; y <= DateTimeOffset.FromUnixTimeMilliseconds(to - 1).Year; y++)
            {
                Add(TicketSearch.YearWord(y), NewYear(y), NewYear(y + 1), []);
            }
        }

        return slices;
    }
}
