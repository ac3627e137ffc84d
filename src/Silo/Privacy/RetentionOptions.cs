namespace HotlineDispatch.Silo.Privacy;

/// <summary>
/// <c>Hotline:Retention</c>: how long residents' data is kept (个人信息保护法 §19: no longer than its purpose needs).
/// Each period is a TimeSpan in clock time (<c>365.00:00:00</c> is a year).
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Hotline:Retention";

    /// <summary>After a ticket closes, its caller's name, number and reply address are erased; the ticket stays.</summary>
    public TimeSpan CallerAfterClose { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Call drafts and missed calls, from when the call came in.</summary>
    public TimeSpan CallDrafts { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The recording URL of a call draft.</summary>
    public TimeSpan Recordings { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Outbox rows, from when they were queued (except one being sent at that moment).</summary>
    public TimeSpan Outbox { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Messages in the chat groups' logs, from when they were received.</summary>
    public TimeSpan GroupLogs { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The records of WeChat and SMS messages taken in, from when they were last touched.</summary>
    public TimeSpan Messages { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Access audit rows (the Cybersecurity Law asks for at least six months of logs).</summary>
    public TimeSpan Audit { get; set; } = TimeSpan.FromDays(3 * 365);

    /// <summary>How often the job runs; each silo asks this often whether it is due, and one of them runs it.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often a silo asks.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The periods that must be positive, by name, for the start-up check.</summary>
    public IEnumerable<(string Name, TimeSpan Value)> Periods() =>
    [
        (nameof(CallerAfterClose), CallerAfterClose), (nameof(CallDrafts), CallDrafts), (nameof(Recordings), Recordings),
        (nameof(Outbox), Outbox), (nameof(GroupLogs), GroupLogs), (nameof(Messages), Messages), (nameof(Audit), Audit),
        (nameof(Interval), Interval), (nameof(CheckEvery), CheckEvery),
    ];
}
