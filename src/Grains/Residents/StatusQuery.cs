using System.Text.RegularExpressions;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Residents;

/// <summary>A resident's <c>查询 &lt;number&gt;</c> (DOMAIN.md §7): asks for a ticket's state instead of reporting.</summary>
public static partial class StatusQuery
{
    /// <summary>The ticket number asked about, or null when the text is not a status query.</summary>
    public static string? NumberIn(string? text)
    {
        var match = text is null ? Match.Empty : Shape().Match(text);
        return match.Success && TicketNumbers.IsWellFormed(match.Groups[1].Value) ? match.Groups[1].Value : null;
    }

    // Residents type a full-width colon or space as often as an ASCII one.
    [GeneratedRegex(@"^\s*查询[\s:：]*([0-9]{8}-[0-9]{6,})\s*$")]
    private static partial Regex Shape();
}
