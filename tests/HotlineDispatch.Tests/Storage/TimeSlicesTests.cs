using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Tests.Storage;

/// <summary>The slices of acceptance a keyword list is read in, and the index words that hold them.</summary>
public sealed class TimeSlicesTests
{
    private static long Ms(int year, int month, int day) => new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void Newest_first_reads_the_head_month_then_the_rest_of_its_year_then_whole_years_back()
    {
        Assert.Equal(
        [
            new TimeSlice("m202602", Ms(2026, 2, 1), Ms(2026, 2, 10)),
            new TimeSlice("y2026", Ms(2026, 1, 1), Ms(2026, 2, 1), "m202602"),
            new TimeSlice("y2025", Ms(2025, 1, 1), Ms(2026, 1, 1)),
            new TimeSlice("y2024", Ms(2024, 3, 15), Ms(2025, 1, 1)),
        ], TimeSlices.Of(Ms(2024, 3, 15), Ms(2026, 2, 10), newestFirst: true));
    }

    [Fact]
    public void Oldest_first_reads_the_first_month_then_the_rest_of_its_year_then_whole_years_on()
    {
        Assert.Equal(
        [
            new TimeSlice("m202403", Ms(2024, 3, 15), Ms(2024, 4, 1)),
            new TimeSlice("y2024", Ms(2024, 4, 1), Ms(2025, 1, 1), "m202403"),
            new TimeSlice("y2025", Ms(2025, 1, 1), Ms(2026, 1, 1)),
            new TimeSlice("y2026", Ms(2026, 1, 1), Ms(2026, 2, 10)),
        ], TimeSlices.Of(Ms(2024, 3, 15), Ms(2026, 2, 10), newestFirst: false));
    }

    [Fact]
    public void An_empty_period_has_no_slices_and_a_period_inside_one_month_has_that_month_alone()
    {
        Assert.Empty(TimeSlices.Of(Ms(2026, 2, 10), Ms(2026, 2, 10), newestFirst: true));
        Assert.Equal([new TimeSlice("m202612", Ms(2026, 12, 1), Ms(2026, 12, 2))], TimeSlices.Of(Ms(2026, 12, 1), Ms(2026, 12, 2), newestFirst: false));
    }

    [Fact]
    public void Slices_cover_the_period_once_in_order_and_every_instant_of_a_slice_holds_its_word()
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
                    var at = DateTimeOffset.FromUnixTimeMilliseconds(instant);
                    Assert.Contains(inOrder[i].Word, TicketSearch.IndexWords("", at));
                    Assert.DoesNotContain(inOrder[i].Excludes, TicketSearch.IndexWords("", at));
                }
            }
        }
    }
}
