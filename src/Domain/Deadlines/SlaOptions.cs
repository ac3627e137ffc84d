using System.Collections.Frozen;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Deadlines;

/// <summary>
/// Time limits and the yellow-card threshold, bound from <c>Hotline:Sla</c> (docs/domain.md §4).
/// Limits are working time whose days are working days, except the urgent ones, which are clock time.
/// </summary>
/// <remarks>
/// The dictionaries start empty because the configuration binder merges into what is already
/// there; <see cref="SlaPolicy"/> falls back to <see cref="DefaultReply"/> for every type not configured.
/// </remarks>
public sealed class SlaOptions
{
    public const string SectionName = "Hotline:Sla";

    /// <summary>Reply limits when neither the department nor <see cref="Reply"/> configures the type.</summary>
    public static IReadOnlyDictionary<TicketType, TimeSpan> DefaultReply { get; } = new Dictionary<TicketType, TimeSpan>
    {
        [TicketType.Consultation] = TimeSpan.FromDays(1),
        [TicketType.Help] = TimeSpan.FromDays(5),
        [TicketType.Complaint] = TimeSpan.FromDays(5),
        [TicketType.Report] = TimeSpan.FromDays(10),
        [TicketType.Suggestion] = TimeSpan.FromDays(10),
        [TicketType.Praise] = TimeSpan.FromDays(5),
    }.ToFrozenDictionary();

    /// <summary>Time a department has to sign for a dispatched ticket.</summary>
    public TimeSpan SignFor { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Sign-for limit of an urgent ticket, in clock time.</summary>
    public TimeSpan UrgentSignFor { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Reply limit of an urgent ticket, in clock time: <c>1.00:00:00</c> is 24 hours.</summary>
    public TimeSpan UrgentReply { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Reply limit by ticket type name (<c>Reply:Complaint</c>), case-insensitive.</summary>
    public Dictionary<string, TimeSpan> Reply { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How long the survey (回访) of an answer may stay unanswered before the ticket may be archived
    /// without it, in working time: a resident who cannot be reached must not keep a ticket open for ever.
    /// </summary>
    public TimeSpan SurveyWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Share of a limit after which the yellow card is due; strictly between 0 and 1.</summary>
    public double YellowAt { get; set; } = 0.8;

    /// <summary>Overrides by department code, case-insensitive; they beat the limits above.</summary>
    public Dictionary<string, DepartmentSlaOptions> Departments { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
