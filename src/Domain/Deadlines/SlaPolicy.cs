using System.Collections.Frozen;
using System.Globalization;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Deadlines;

/// <summary>
/// Starts deadlines from the configured limits (docs/domain.md §4): a department's override beats the
/// type's limit, which beats the built-in default. Urgent limits run around the clock; the others
/// in the working calendar. Immutable; validates the options once, when built.
/// </summary>
public sealed class SlaPolicy
{
    private static readonly FrozenDictionary<string, TicketType> TypesByName =
        Enum.GetValues<TicketType>().ToFrozenDictionary(type => type.ToString(), StringComparer.OrdinalIgnoreCase);

    private readonly TimeSpan signFor;
    private readonly TimeSpan urgentSignFor;
    private readonly TimeSpan urgentReply;
    private readonly FrozenDictionary<TicketType, TimeSpan> reply;
    private readonly FrozenDictionary<string, DepartmentLimits> departments;

    /// <exception cref="ArgumentException">A setting is invalid; the message names its configuration key.</exception>
    public SlaPolicy(SlaOptions options, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(calendar);
        const string section = SlaOptions.SectionName;
        if (!(options.YellowAt > 0 && options.YellowAt < 1))
        {
            throw new ArgumentException($"{section}:YellowAt must be between 0 and 1 (exclusive), not {options.YellowAt.ToString(CultureInfo.InvariantCulture)}.");
        }

        Calendar = calendar;
        YellowAt = options.YellowAt;
        signFor = calendar.LengthOf(Positive($"{section}:SignFor", options.SignFor));
        urgentSignFor = Positive($"{section}:UrgentSignFor", options.UrgentSignFor);
        urgentReply = Positive($"{section}:UrgentReply", options.UrgentReply);
        SurveyWindow = calendar.LengthOf(Positive($"{section}:SurveyWindow", options.SurveyWindow));

        var configuredReply = ReplyLimits($"{section}:Reply", options.Reply, calendar);
        reply = Enum.GetValues<TicketType>().ToFrozenDictionary(
            type => type,
            type => configuredReply.TryGetValue(type, out var limit) ? limit : calendar.LengthOf(SlaOptions.DefaultReply[type]));

        departments = options.Departments.ToFrozenDictionary(
            entry => entry.Key,
            entry =>
            {
                var key = $"{section}:Departments:{entry.Key}";
                var departmentSignFor = entry.Value.SignFor is { } configured
                    ? calendar.LengthOf(Positive($"{key}:SignFor", configured))
                    : (TimeSpan?)null;
                return new DepartmentLimits(departmentSignFor, ReplyLimits($"{key}:Reply", entry.Value.Reply, calendar));
            },
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The working calendar that normal limits run in.</summary>
    public WorkingCalendar Calendar { get; }

    /// <summary>Share of a limit after which the yellow card is due.</summary>
    public double YellowAt { get; }

    /// <summary>Working time after an answer when its survey may be given up (<see cref="SlaOptions.SurveyWindow"/>).</summary>
    public TimeSpan SurveyWindow { get; }

    /// <summary>When the survey of an answer given at <paramref name="answeredAt"/> may be given up.</summary>
    public DateTimeOffset SurveyEnds(DateTimeOffset answeredAt) => Calendar.Add(answeredAt, SurveyWindow);

    /// <summary>Starts the sign-for limit of a ticket dispatched to <paramref name="department"/> at <paramref name="at"/>.</summary>
    public Deadline StartSign(DateTimeOffset at, string department, bool urgent, int round)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(department);
        var limit = urgent
            ? urgentSignFor
            : DepartmentOf(department)?.SignFor ?? signFor;
        return Start(DeadlineStep.Sign, at, department, urgent, round, limit);
    }

    /// <summary>Starts the reply limit of a ticket of <paramref name="type"/> signed for by <paramref name="department"/> at <paramref name="at"/>.</summary>
    public Deadline StartReply(DateTimeOffset at, string department, TicketType type, bool urgent, int round)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(department);
        var limit = urgent
            ? urgentReply
            : DepartmentOf(department) is { } overrides && overrides.Reply.TryGetValue(type, out var overridden)
                ? overridden
                : reply[type];
        return Start(DeadlineStep.Reply, at, department, urgent, round, limit);
    }

    /// <summary>The calendar a deadline's limit runs in; also the one to measure its remaining time with.</summary>
    public WorkingCalendar CalendarOf(Deadline deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return CalendarFor(deadline.AroundTheClock);
    }

    private WorkingCalendar CalendarFor(bool aroundTheClock) =>
        aroundTheClock ? WorkingCalendar.AroundTheClock : Calendar;

    private DepartmentLimits? DepartmentOf(string department) => departments.GetValueOrDefault(department);

    private Deadline Start(DeadlineStep step, DateTimeOffset at, string department, bool urgent, int round, TimeSpan limit)
    {
        var calendar = CalendarFor(urgent);
        var startedAt = calendar.ToLocal(at);
        return new Deadline
        {
            Step = step,
            Department = department,
            Round = round,
            AroundTheClock = urgent,
            Limit = limit,
            StartedAt = startedAt,
            YellowAt = calendar.Add(startedAt, limit * YellowAt),
            DueAt = calendar.Add(startedAt, limit),
        };
    }

    private static FrozenDictionary<TicketType, TimeSpan> ReplyLimits(
        string key, Dictionary<string, TimeSpan> configured, WorkingCalendar calendar) =>
        configured.ToFrozenDictionary(
            entry => TypesByName.TryGetValue(entry.Key, out var type)
                ? type
                : throw new ArgumentException(
                    $"{key}:{entry.Key} is not a ticket type; use one of {string.Join(", ", TypesByName.Values.Order())}."),
            entry => calendar.LengthOf(Positive($"{key}:{entry.Key}", entry.Value)));

    private static TimeSpan Positive(string key, TimeSpan limit) =>
        limit > TimeSpan.Zero ? limit : throw new ArgumentException($"{key} must be longer than zero, not {limit}.");

    private sealed record DepartmentLimits(TimeSpan? SignFor, FrozenDictionary<TicketType, TimeSpan> Reply);
}
