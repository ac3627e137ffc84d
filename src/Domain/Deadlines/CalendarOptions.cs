namespace HotlineDispatch.Deadlines;

/// <summary>
/// The working calendar of one deployment, bound from <c>Hotline:Calendar</c> (docs/domain.md §4).
/// </summary>
/// <remarks>
/// The lists start empty on purpose: the configuration binder appends to a list that already has
/// items, so defaults placed here could never be replaced. <see cref="WorkingCalendar.From"/>
/// applies the defaults when a list is left empty.
/// </remarks>
public sealed class CalendarOptions
{
    public const string SectionName = "Hotline:Calendar";

    /// <summary>Every minute is working time (tests, 24×7 centres); the other settings are ignored.</summary>
    public bool AlwaysWorking { get; set; }

    /// <summary>Offset of the centre's local time; China has no daylight saving, so a fixed offset is exact.</summary>
    public TimeSpan UtcOffset { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Working periods of a working day as <c>HH:mm-HH:mm</c>; 09:00-12:00 and 13:00-17:00 when empty.</summary>
    public List<string> Periods { get; set; } = [];

    /// <summary>Days of the week that are working days; Monday to Friday when empty.</summary>
    public List<DayOfWeek> WorkingDays { get; set; } = [];

    /// <summary>Public holidays: days off even when they fall on a working day of the week.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Make-up working days (调休): working days even when they fall on a weekend.</summary>
    public List<DateOnly> MakeUpDays { get; set; } = [];
}
