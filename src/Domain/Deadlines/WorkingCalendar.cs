using System.Collections.Frozen;
using System.Globalization;

namespace HotlineDispatch.Deadlines;

/// <summary>
/// When the centre works (docs/domain.md §4): limits are counted in working time, so every deadline is
/// computed here. Immutable; build it once from configuration with <see cref="From"/>.
/// </summary>
/// <remarks>
/// All arithmetic is done in the centre's local time at a fixed offset, which is exact because
/// China has no daylight saving. Working time is walked a whole day at a time, never minute by
/// minute, so a limit of tens of working days takes one step per calendar day it spans.
/// </remarks>
public sealed class WorkingCalendar
{
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    private static readonly IReadOnlyList<string> DefaultPeriods = ["09:00-12:00", "13:00-17:00"];

    private static readonly IReadOnlyList<DayOfWeek> DefaultWorkingDays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static readonly string[] TimeOfDayFormats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"];

    private readonly bool alwaysWorking;
    private readonly Period[] periods;
    private readonly FrozenSet<DayOfWeek> workingDays;
    private readonly FrozenSet<DateOnly> holidays;
    private readonly FrozenSet<DateOnly> makeUpDays;

    private WorkingCalendar(
        bool alwaysWorking,
        TimeSpan utcOffset,
        Period[] periods,
        FrozenSet<DayOfWeek> workingDays,
        FrozenSet<DateOnly> holidays,
        FrozenSet<DateOnly> makeUpDays)
    {
        this.alwaysWorking = alwaysWorking;
        this.periods = periods;
        this.workingDays = workingDays;
        this.holidays = holidays;
        this.makeUpDays = makeUpDays;
        UtcOffset = utcOffset;
        WorkingDayLength = periods.Aggregate(TimeSpan.Zero, (sum, period) => sum + period.Length);
    }

    /// <summary>Every instant is working time, at the default offset (+08:00): urgent limits run in clock time.</summary>
    public static WorkingCalendar AroundTheClock { get; } = From(new CalendarOptions { AlwaysWorking = true });

    /// <summary>Offset of the centre's local time; every instant this calendar returns carries it.</summary>
    public TimeSpan UtcOffset { get; }

    /// <summary>Working time in one working day: the sum of the periods, 24 hours when always working.</summary>
    public TimeSpan WorkingDayLength { get; }

    /// <exception cref="ArgumentException">A setting is invalid; the message names its configuration key.</exception>
    public static WorkingCalendar From(CalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var offset = options.UtcOffset;
        if (offset.Ticks % TimeSpan.TicksPerMinute != 0 || offset.Duration() > TimeSpan.FromHours(14))
        {
            throw new ArgumentException(
                $"{CalendarOptions.SectionName}:UtcOffset must be a whole number of minutes between -14:00:00 and 14:00:00, not {offset}.");
        }

        if (options.AlwaysWorking)
        {
            // One period spanning the whole day lets the same day walk serve clock time.
            return new WorkingCalendar(
                alwaysWorking: true,
                offset,
                [new Period(TimeSpan.Zero, OneDay, "00:00-24:00")],
                FrozenSet<DayOfWeek>.Empty,
                FrozenSet<DateOnly>.Empty,
                FrozenSet<DateOnly>.Empty);
        }

        var clashes = options.Holidays.Intersect(options.MakeUpDays).Order().ToArray();
        if (clashes.Length > 0)
        {
            var days = string.Join(", ", clashes.Select(day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            throw new ArgumentException(
                $"{CalendarOptions.SectionName}:Holidays and {CalendarOptions.SectionName}:MakeUpDays both list {days}.");
        }

        return new WorkingCalendar(
            alwaysWorking: false,
            offset,
            ParsePeriods(options.Periods.Count == 0 ? DefaultPeriods : options.Periods),
            (options.WorkingDays.Count == 0 ? DefaultWorkingDays : options.WorkingDays).ToFrozenSet(),
            options.Holidays.ToFrozenSet(),
            options.MakeUpDays.ToFrozenSet());
    }

    /// <summary>Whether <paramref name="day"/> (a local date) has working periods.</summary>
    public bool IsWorkingDay(DateOnly day) =>
        alwaysWorking
        || (!holidays.Contains(day) && (makeUpDays.Contains(day) || workingDays.Contains(day.DayOfWeek)));

    /// <summary>
    /// The earliest instant at or after <paramref name="start"/> by which <paramref name="workingTime"/>
    /// of working time has elapsed. A limit used up exactly at a period's end answers that end
    /// (12:00, not 13:00), because the work is done by then.
    /// </summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        var local = ToLocal(start);
        if (workingTime == TimeSpan.Zero)
        {
            return local;
        }

        var day = DateOnly.FromDateTime(local.DateTime);
        var timeOfDay = local.TimeOfDay;
        var remaining = workingTime;
        while (true)
        {
            if (IsWorkingDay(day))
            {
                foreach (var period in periods)
                {
                    if (timeOfDay >= period.End)
                    {
                        continue;
                    }

                    var from = timeOfDay > period.Start ? timeOfDay : period.Start;
                    var available = period.End - from;
                    if (remaining <= available)
                    {
                        return At(day, from + remaining);
                    }

                    remaining -= available;
                }
            }

            day = day.AddDays(1);
            timeOfDay = TimeSpan.Zero;
        }
    }

    /// <summary>
    /// <paramref name="instant"/> itself when it falls in working time, otherwise the start of the next working period:
    /// when a notice that may wait for working hours goes out.
    /// </summary>
    public DateTimeOffset NextWorkingInstant(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        var day = DateOnly.FromDateTime(local.DateTime);
        var timeOfDay = local.TimeOfDay;
        while (true)
        {
            foreach (var period in IsWorkingDay(day) ? periods : [])
            {
                if (timeOfDay < period.End)
                {
                    return timeOfDay >= period.Start ? local : At(day, period.Start);
                }
            }

            day = day.AddDays(1);
            timeOfDay = TimeSpan.Zero;
        }
    }

    /// <summary>Working time elapsed from <paramref name="from"/> to <paramref name="to"/>; zero when <paramref name="to"/> is not later.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var localFrom = ToLocal(from);
        var localTo = ToLocal(to);
        var firstDay = DateOnly.FromDateTime(localFrom.DateTime);
        var lastDay = DateOnly.FromDateTime(localTo.DateTime);
        var total = TimeSpan.Zero;
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            var dayFrom = day == firstDay ? localFrom.TimeOfDay : TimeSpan.Zero;
            var dayTo = day == lastDay ? localTo.TimeOfDay : OneDay;
            foreach (var period in periods)
            {
                var overlap = (dayTo < period.End ? dayTo : period.End) - (dayFrom > period.Start ? dayFrom : period.Start);
                if (overlap > TimeSpan.Zero)
                {
                    total += overlap;
                }
            }
        }

        return total;
    }

    /// <summary>
    /// Converts a configured limit to working time: its days are working days (so <c>5.00:00:00</c>
    /// is five working days, as officials state limits) and the rest is working time.
    /// </summary>
    public TimeSpan LengthOf(TimeSpan configured) =>
        WorkingDayLength * configured.Days + (configured - TimeSpan.FromDays(configured.Days));

    /// <summary>The centre's calendar date at <paramref name="instant"/>; daily statistics count by it.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The first day of the centre's month at <paramref name="instant"/>.</summary>
    public DateOnly MonthOf(DateTimeOffset instant)
    {
        var day = LocalDate(instant);
        return new DateOnly(day.Year, day.Month, 1);
    }

    /// <summary>The same instant expressed in the centre's offset.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => instant.ToOffset(UtcOffset);

    /// <summary>The instant the centre's <paramref name="day"/> begins.</summary>
    public DateTimeOffset StartOf(DateOnly day) => At(day, TimeSpan.Zero);

    private DateTimeOffset At(DateOnly day, TimeSpan timeOfDay) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), UtcOffset) + timeOfDay;

    private static Period[] ParsePeriods(IEnumerable<string> texts)
    {
        var parsed = texts.Select(ParsePeriod).OrderBy(period => period.Start).ToArray();
        for (var i = 1; i < parsed.Length; i++)
        {
            if (parsed[i].Start < parsed[i - 1].End)
            {
                throw new ArgumentException(
                    $"{CalendarOptions.SectionName}:Periods '{parsed[i - 1].Text}' and '{parsed[i].Text}' overlap.");
            }
        }

        return parsed;
    }

    private static Period ParsePeriod(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && TryParseTimeOfDay(parts[0], out var start)
            && TryParseTimeOfDay(parts[1], out var end)
            && start < end)
        {
            return new Period(start, end, text);
        }

        throw new ArgumentException(
            $"{CalendarOptions.SectionName}:Periods entry '{text}' must be a range within one day such as 09:00-12:00.");
    }

    private static bool TryParseTimeOfDay(string text, out TimeSpan timeOfDay)
    {
        // A period may run to midnight, which TimeOnly cannot express.
        if (text == "24:00")
        {
            timeOfDay = OneDay;
            return true;
        }

        var parsed = TimeOnly.TryParseExact(
            text, TimeOfDayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time);
        timeOfDay = time.ToTimeSpan();
        return parsed;
    }

    private readonly record struct Period(TimeSpan Start, TimeSpan End, string Text)
    {
        public TimeSpan Length => End - Start;
    }
}
