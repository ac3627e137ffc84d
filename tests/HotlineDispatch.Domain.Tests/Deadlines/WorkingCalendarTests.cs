using HotlineDispatch.Deadlines;
using Xunit;
using static HotlineDispatch.Tests.Deadlines.LocalTime;

namespace HotlineDispatch.Tests.Deadlines;

// The week of 2026-03-02 (Monday) to 2026-03-08 (Sunday) under the seed's hours, 09:00-12:00 and 13:00-17:00.
public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Seed = WorkingCalendar.From(new CalendarOptions());

    private static WorkingCalendar With(List<DateOnly>? holidays = null, List<DateOnly>? makeUpDays = null) =>
        WorkingCalendar.From(new CalendarOptions { Holidays = holidays ?? [], MakeUpDays = makeUpDays ?? [] });

    [Fact]
    public void Default_working_day_is_the_seed_hours_seven_hours_long() =>
        Assert.Equal(TimeSpan.FromHours(7), Seed.WorkingDayLength);

    [Fact]
    public void Add_within_a_period_is_plain_addition() =>
        Assert.Equal(At("2026-03-02 10:30"), Seed.Add(At("2026-03-02 09:30"), TimeSpan.FromHours(1)));

    [Fact]
    public void Add_skips_the_lunch_break() =>
        Assert.Equal(At("2026-03-02 14:00"), Seed.Add(At("2026-03-02 11:00"), TimeSpan.FromHours(2)));

    [Fact]
    public void Add_ending_exactly_at_noon_answers_noon_not_the_afternoon_start() =>
        Assert.Equal(At("2026-03-02 12:00"), Seed.Add(At("2026-03-02 10:00"), TimeSpan.FromHours(2)));

    [Fact]
    public void Add_ending_exactly_at_closing_answers_closing_not_the_next_morning() =>
        Assert.Equal(At("2026-03-02 17:00"), Seed.Add(At("2026-03-02 13:00"), TimeSpan.FromHours(4)));

    [Fact]
    public void Add_starting_during_lunch_counts_from_the_afternoon_start() =>
        Assert.Equal(At("2026-03-02 14:00"), Seed.Add(At("2026-03-02 12:30"), TimeSpan.FromHours(1)));

    [Fact]
    public void Add_starting_in_the_evening_counts_from_the_next_morning() =>
        Assert.Equal(At("2026-03-03 10:00"), Seed.Add(At("2026-03-02 18:00"), TimeSpan.FromHours(1)));

    [Fact]
    public void Add_starting_before_opening_counts_from_opening() =>
        Assert.Equal(At("2026-03-02 10:00"), Seed.Add(At("2026-03-02 07:00"), TimeSpan.FromHours(1)));

    [Fact]
    public void Add_starting_on_a_weekend_counts_from_monday_morning() =>
        Assert.Equal(At("2026-03-09 10:00"), Seed.Add(At("2026-03-07 10:00"), TimeSpan.FromHours(1)));

    [Fact]
    public void Add_starting_on_a_holiday_counts_from_the_next_working_morning() =>
        Assert.Equal(
            At("2026-03-05 10:00"),
            With(holidays: [Day("2026-03-04")]).Add(At("2026-03-04 10:00"), TimeSpan.FromHours(1)));

    [Fact]
    public void Add_of_zero_stays_put_even_outside_working_time()
    {
        Assert.Equal(At("2026-03-07 10:00"), Seed.Add(At("2026-03-07 10:00"), TimeSpan.Zero));
        Assert.Equal(At("2026-03-02 12:30"), Seed.Add(At("2026-03-02 12:30"), TimeSpan.Zero));
    }

    [Fact]
    public void Add_from_friday_afternoon_runs_into_monday() =>
        Assert.Equal(At("2026-03-09 10:00"), Seed.Add(At("2026-03-06 16:00"), TimeSpan.FromHours(2)));

    [Fact]
    public void Add_skips_a_holiday_in_the_middle_of_the_week() =>
        Assert.Equal(
            At("2026-03-05 16:00"),
            With(holidays: [Day("2026-03-04")]).Add(At("2026-03-03 16:00"), TimeSpan.FromHours(7)));

    [Fact]
    public void Add_counts_a_make_up_saturday_as_a_working_day() =>
        Assert.Equal(
            At("2026-03-07 10:00"),
            With(makeUpDays: [Day("2026-03-07")]).Add(At("2026-03-06 16:00"), TimeSpan.FromHours(2)));

    [Fact]
    public void Report_limit_of_ten_working_days_crosses_the_national_day_week()
    {
        // 2026 National Day: 10-01..10-07 off, made up on Sunday 09-20 and Saturday 10-10.
        var calendar = WorkingCalendar.From(new CalendarOptions
        {
            Holidays = Enumerable.Range(1, 7).Select(day => new DateOnly(2026, 10, day)).ToList(),
            MakeUpDays = [Day("2026-09-20"), Day("2026-10-10")],
        });
        var filed = At("2026-09-28 10:00");

        var due = calendar.Add(filed, calendar.LengthOf(TimeSpan.FromDays(10)));

        // Working days after filing: 09-29, 09-30, 10-08, 10-09, 10-10 (make-up), 10-12 .. 10-16.
        Assert.Equal(At("2026-10-16 10:00"), due);
        Assert.Equal(TimeSpan.FromHours(70), calendar.WorkingTimeBetween(filed, due));
    }

    [Fact]
    public void Add_rejects_negative_working_time() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Seed.Add(At("2026-03-02 10:00"), TimeSpan.FromMinutes(-1)));

    [Fact]
    public void Add_answers_in_the_calendar_offset_whatever_the_start_offset()
    {
        var due = Seed.Add(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1));

        Assert.Equal(At("2026-03-02 10:00"), due);
        Assert.Equal(LocalTime.China, due.Offset);
    }

    [Fact]
    public void Add_of_a_long_limit_walks_days_not_minutes()
    {
        var due = Seed.Add(At("2026-03-02 09:00"), Seed.LengthOf(TimeSpan.FromDays(60)));

        // 60 working days from a Monday morning end on the Friday of the twelfth week.
        Assert.Equal(At("2026-05-22 17:00"), due);
    }

    [Fact]
    public void Working_time_between_is_zero_when_the_end_is_not_later()
    {
        Assert.Equal(TimeSpan.Zero, Seed.WorkingTimeBetween(At("2026-03-02 11:00"), At("2026-03-02 11:00")));
        Assert.Equal(TimeSpan.Zero, Seed.WorkingTimeBetween(At("2026-03-02 11:00"), At("2026-03-02 10:00")));
    }

    [Fact]
    public void Working_time_between_leaves_out_lunch() =>
        Assert.Equal(TimeSpan.FromHours(2), Seed.WorkingTimeBetween(At("2026-03-02 11:00"), At("2026-03-02 14:00")));

    [Fact]
    public void Working_time_between_leaves_out_nights_weekends_and_holidays()
    {
        var calendar = With(holidays: [Day("2026-03-09")]);

        Assert.Equal(TimeSpan.FromHours(2), calendar.WorkingTimeBetween(At("2026-03-06 16:00"), At("2026-03-10 10:00")));
    }

    [Fact]
    public void Working_time_between_undoes_add_for_many_starts_and_limits()
    {
        var calendar = With(holidays: [Day("2026-03-04"), Day("2026-03-12")], makeUpDays: [Day("2026-03-08")]);
        TimeSpan[] limits =
        [
            TimeSpan.Zero, TimeSpan.FromTicks(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(59),
            TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(3.5), TimeSpan.FromHours(7),
            TimeSpan.FromHours(10), TimeSpan.FromHours(35), TimeSpan.FromHours(70),
        ];

        for (var start = At("2026-03-01 00:00"); start < At("2026-03-15 00:00"); start += TimeSpan.FromMinutes(20))
        {
            foreach (var limit in limits)
            {
                var end = calendar.Add(start, limit);

                Assert.Equal(limit, calendar.WorkingTimeBetween(start, end));
                // The earliest such instant: a tick sooner, the limit is not yet used up.
                if (limit > TimeSpan.Zero)
                {
                    Assert.True(calendar.WorkingTimeBetween(start, end.AddTicks(-1)) < limit, $"{start} + {limit}");
                }
            }
        }
    }

    [Fact]
    public void Length_of_configured_days_counts_working_days()
    {
        Assert.Equal(TimeSpan.FromHours(35), Seed.LengthOf(TimeSpan.Parse("5.00:00:00")));
        Assert.Equal(TimeSpan.FromHours(2), Seed.LengthOf(TimeSpan.Parse("02:00:00")));
        Assert.Equal(TimeSpan.FromHours(9), Seed.LengthOf(TimeSpan.Parse("1.02:00:00")));
    }

    [Theory]
    [InlineData("2026-03-02", true)]
    [InlineData("2026-03-06", true)]
    [InlineData("2026-03-07", false)]
    [InlineData("2026-03-08", false)]
    public void Weekdays_are_working_days_and_weekends_are_not(string day, bool working) =>
        Assert.Equal(working, Seed.IsWorkingDay(Day(day)));

    [Fact]
    public void Holidays_are_off_and_make_up_days_are_on()
    {
        var calendar = With(holidays: [Day("2026-03-04")], makeUpDays: [Day("2026-03-07")]);

        Assert.False(calendar.IsWorkingDay(Day("2026-03-04")));
        Assert.True(calendar.IsWorkingDay(Day("2026-03-07")));
    }

    [Fact]
    public void Configured_periods_and_working_days_replace_the_defaults()
    {
        var calendar = WorkingCalendar.From(new CalendarOptions
        {
            Periods = ["14:00-18:00", "08:30-12:00"],
            WorkingDays = [DayOfWeek.Saturday],
        });

        Assert.Equal(TimeSpan.FromHours(7.5), calendar.WorkingDayLength);
        Assert.False(calendar.IsWorkingDay(Day("2026-03-02")));
        Assert.Equal(At("2026-03-07 14:30"), calendar.Add(At("2026-03-02 10:00"), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void A_period_may_run_to_midnight()
    {
        var calendar = WorkingCalendar.From(new CalendarOptions { Periods = ["00:00-24:00"] });

        Assert.Equal(TimeSpan.FromHours(24), calendar.WorkingDayLength);
        Assert.Equal(At("2026-03-09 02:00"), calendar.Add(At("2026-03-06 22:00"), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Always_working_makes_every_minute_working_time()
    {
        var calendar = WorkingCalendar.From(new CalendarOptions { AlwaysWorking = true, Holidays = [Day("2026-03-07")] });

        Assert.True(calendar.IsWorkingDay(Day("2026-03-07")));
        Assert.Equal(TimeSpan.FromHours(24), calendar.WorkingDayLength);
        Assert.Equal(At("2026-03-07 05:00"), calendar.Add(At("2026-03-07 03:00"), TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(50), calendar.WorkingTimeBetween(At("2026-03-06 22:00"), At("2026-03-09 00:00")));
        Assert.Equal(TimeSpan.Parse("5.03:00:00"), calendar.LengthOf(TimeSpan.Parse("5.03:00:00")));
    }

    [Fact]
    public void Around_the_clock_runs_through_a_weekend_night()
    {
        var calendar = WorkingCalendar.AroundTheClock;

        Assert.Equal(At("2026-03-08 00:20"), calendar.Add(At("2026-03-07 23:50"), TimeSpan.FromMinutes(30)));
        Assert.Equal(At("2026-03-08 23:50"), calendar.Add(At("2026-03-07 23:50"), calendar.LengthOf(TimeSpan.Parse("1.00:00:00"))));
    }

    [Fact]
    public void Local_date_and_time_use_the_calendar_offset()
    {
        var instant = new DateTimeOffset(2026, 3, 1, 17, 0, 0, TimeSpan.Zero);

        Assert.Equal(Day("2026-03-02"), Seed.LocalDate(instant));
        Assert.Equal(LocalTime.China, Seed.ToLocal(instant).Offset);
        Assert.Equal(instant, Seed.ToLocal(instant));
    }

    [Theory]
    [InlineData("9-12", "'9-12'")]
    [InlineData("12:00-09:00", "'12:00-09:00'")]
    [InlineData("09:00", "'09:00'")]
    public void Unreadable_periods_are_rejected_naming_the_key(string period, string quoted)
    {
        var error = Assert.Throws<ArgumentException>(() => WorkingCalendar.From(new CalendarOptions { Periods = [period] }));

        Assert.Contains("Hotline:Calendar:Periods", error.Message);
        Assert.Contains(quoted, error.Message);
    }

    [Fact]
    public void Overlapping_periods_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(
            () => WorkingCalendar.From(new CalendarOptions { Periods = ["09:00-12:00", "11:00-13:00"] }));

        Assert.Contains("Hotline:Calendar:Periods '09:00-12:00' and '11:00-13:00' overlap", error.Message);
    }

    [Fact]
    public void A_day_both_holiday_and_make_up_day_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(
            () => With(holidays: [Day("2026-10-01")], makeUpDays: [Day("2026-10-01")]));

        Assert.Contains("Hotline:Calendar:Holidays", error.Message);
        Assert.Contains("2026-10-01", error.Message);
    }

    [Fact]
    public void An_offset_that_is_not_whole_minutes_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(
            () => WorkingCalendar.From(new CalendarOptions { UtcOffset = TimeSpan.FromSeconds(30) }));

        Assert.Contains("Hotline:Calendar:UtcOffset", error.Message);
    }
}
