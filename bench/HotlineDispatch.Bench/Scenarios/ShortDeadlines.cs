using System.Globalization;

namespace HotlineDispatch.Bench.Scenarios;

/// <summary>
/// Silo settings under which sign-for cards fall due within a bench run: every minute is working time
/// and the sign-for limit is short, for urgent tickets too, while reply limits stay a month away, so
/// the only cards in a run are the sign-for ones (a yellow and a red per dispatched ticket).
/// </summary>
public static class ShortDeadlines
{
    /// <summary>The share of a limit at which the yellow card falls due, as the bench configures it.</summary>
    public const double YellowAt = 0.8;

    /// <summary>
    /// A sign-for limit long enough for <paramref name="open"/> tickets to be taken in at
    /// <paramref name="assumedTicketsPerSecond"/> (a deliberately low guess) before the first yellow card falls due.
    /// </summary>
    public static TimeSpan AfterIntakeOf(int open, double assumedTicketsPerSecond, double minimumSeconds) =>
        TimeSpan.FromSeconds(Math.Ceiling(Math.Max(minimumSeconds, (open / assumedTicketsPerSecond + 10) / YellowAt)));

    public static Dictionary<string, string> Settings(TimeSpan signFor, double yellowAt)
    {
        var settings = new Dictionary<string, string>
        {
            ["Hotline:Calendar:AlwaysWorking"] = "true",
            ["Hotline:Sla:SignFor"] = signFor.ToString("c", CultureInfo.InvariantCulture),
            ["Hotline:Sla:YellowAt"] = yellowAt.ToString(CultureInfo.InvariantCulture),
            ["Hotline:Sla:UrgentSignFor"] = signFor.ToString("c", CultureInfo.InvariantCulture),
            ["Hotline:Sla:UrgentReply"] = "30.00:00:00",
        };
        foreach (var type in new[] { "Consultation", "Help", "Complaint", "Report", "Suggestion", "Praise" })
        {
            settings[$"Hotline:Sla:Reply:{type}"] = "30.00:00:00";
        }

        return settings;
    }
}
