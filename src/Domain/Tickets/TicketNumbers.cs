using System.Text.RegularExpressions;

namespace HotlineDispatch.Tickets;

/// <summary>The human-readable ticket number: the local day and a sequence within it.</summary>
public static partial class TicketNumbers
{
    public static bool IsWellFormed(string? id) => id is not null && Shape().IsMatch(id);

    public static string Format(DateOnly day, int sequence) => $"{day:yyyyMMdd}-{sequence:D6}";

    /// <summary>The key of the day's number grain; an ISO date with dashes, which never parses as hex.</summary>
    public static string DayKey(DateOnly day) => day.ToString("yyyy-MM-dd");

    [GeneratedRegex(@"^[0-9]{8}-[0-9]{6,}$")]
    private static partial Regex Shape();
}
