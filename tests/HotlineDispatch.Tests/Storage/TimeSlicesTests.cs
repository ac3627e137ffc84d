using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Tests.Storage;

/// <summary>The slices of acceptance a keyword list is read in, and the index words that hold them.</summary>
public sealed class TimeSlicesTests
{
    private static long Ms(int year, int month, int day) => new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static IEnumerable<(string, long, long, string)> Shown(IEnumerable<TimeSlice> slices) =>
        slices.Select(s => (s.Word, s.From, s.To, string.Join(' ', s.Excludes)));

    [Fact]
    public void Newest_first_reads_the_head_month_and_the_one_before_then_the_rest_of_their_year_then_whole_years_back()
    {
        Assert.Equal(
        [
            ("m202611", Ms(2026, 11, 1), Ms(2026, 11, 10), ""),
            ("m202610", Ms(2026, 10, 1), Ms(2026, 11, 1), ""),
            ("y2026", Ms(2026, 1, 1), Ms(2026, 10, 1), "m202611 m202610"),
            ("y2025", Ms(2025, 1, 1), Ms(2026, 1, 1), ""),
            ("y2024", Ms(2024, 3, 15), Ms(2025, 1, 1), ""),
        ], Shown(TimeSlices.Of(Ms(2024, 3, 15), Ms(2026, 11, 10), newestFirst: true)));
    }

    [Fact]
    public void Newest_first_in_january_reads_december_and_the_rest_of_the_year_before_without_it()
    {
        Assert.Equal(
        [
            ("m202701", Ms(2027, 1, 1), Ms(2027, 1, 3), ""),
            ("m202612", Ms(2026, 12, 1), Ms(2027, 1, 1), ""),
            ("y2026", Ms(2026, 6, 1), Ms(2026, 12, 1), "m202612"),
        ], Shown(TimeSlices.Of(Ms(2026, 6, 1), Ms(2027, 1, 3), newestFirst: true)));
    }

    [Fact]
    public void Oldest_first_reads_the_first_month_and_the_next_then_the_rest_of_their_year_then_whole_years_on()
    {
        Assert.Equal(
        [
            ("m202412", Ms(2024, 12, 15), Ms(2025, 1, 1), ""),
            ("m202501", Ms(2025, 1, 1), Ms(2025, 2, 1), ""),
            ("y2025", Ms(2025, 2, 1), Ms(2026, 1, 1), "m202501"),
            ("y2026", Ms(2026, 1, 1), Ms(2026, 2, 10), ""),
        ], Shown(TimeSlices.Of(Ms(2024, 12, 15), Ms(2026, 2, 10), newestFirst: false)));
    }

    [Fact]
    public void An_empty_period_has_no_slices_and_a_period_inside_one_month_has_that_month_alone()
    {
        Assert.Empty(TimeSlices.Of(Ms(2026, 2, 10), Ms(2026, 2, 10), newestFirst: true));
        Assert.Equal([("m202612", Ms(2026, 12, 1), Ms(2026, 12, 2), "")], Shown(TimeSlices.Of(Ms(2026, 12, 1), Ms(2026, 12, 2), newestFirst: false)));
    }

    [Fact]
    public void Slices_cover_the_period_once_in_order_and_every_instant_of_a_slice_holds_its_word_and_none_it_excludes()
    {
        var random = new Random(20261207);
        var earliest = Ms(2019, 1, 1);
        for (var run = 0; run < 500; run++)
        {
            var from = earliest + (long)(random.NextDouble() * 8 * 365 * 86_400_000L);
            var to = from + 1 + (long)(random.NextDouble() * random.Next(1, 5) * 400 * 86_400_000L);
            var newestFirst = random.Next(2) == 0;
            var slices = TimeSlices.Of(from, to, newestFirst);

            var inOrder = newestFirst ? slices.Reverse().ToList() : slices.ToList();
            Assert.Equal(from, inOrder[0].From);
            Assert.Equal(to, inOrder[^1].To);
            for (var i = 0; i < inOrder.Count; i++)
            {
                Assert.True(inOrder[i].From < inOrder[i].To);
                if (i > 0)
                {
                    Assert.Equal(inOrder[i - 1].To, inOrder[i].From);
                }

                foreach (var instant in new[] { inOrder[i].From, inOrder[i].To - 1, (inOrder[i].From + inOrder[i].To) / 2 })
                {
                    var words = TicketSearch.IndexWords("", DateTimeOffset.FromUnixTimeMilliseconds(instant));
                    Assert.Contains(inOrder[i].Word, words);
                    Assert.Empty(inOrder[i].Excludes.Intersect(words));
                }
            }

            // What a year's word holds beyond its slice in the period are the months it excludes, so that the index
            // alone counts the slice: the year's count less the months'.
            foreach (var slice in slices.Where(s => s.Word.StartsWith('y')))
            {
                var year = int.Parse(slice.Word[1..]);
                var yearStart = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
                var outside = Enumerable.Range(0, 12).Select(m => yearStart.AddMonths(m))
                    .Where(m => m.ToUnixTimeMilliseconds() < to && m.AddMonths(1).ToUnixTimeMilliseconds() > from)
                    .Where(m => m.ToUnixTimeMilliseconds() >= slice.To || m.AddMonths(1).ToUnixTimeMilliseconds() <= slice.From)
                    .Select(TicketSearch.MonthWord);
                Assert.Equal(outside.Order(), slice.Excludes.Order());
            }
        }
    }
}
