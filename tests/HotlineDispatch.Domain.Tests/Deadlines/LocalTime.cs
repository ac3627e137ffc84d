using System.Globalization;

namespace HotlineDispatch.Tests.Deadlines;

/// <summary>Instants written as the centre's wall-clock time (+08:00), so expectations read like a timetable.</summary>
internal static class LocalTime
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <param name="text">Local time as <c>yyyy-MM-dd HH:mm</c>, optionally with <c>:ss</c>.</param>
    public static DateTimeOffset At(string text) =>
        new(DateTime.ParseExact(text, ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None), China);

    public static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
